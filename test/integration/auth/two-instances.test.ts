import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlatformOperator } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import {
  accessToken,
  basic,
  type Credential,
  generateAppPassword,
  meWith,
  revokeAppPassword,
  scimProbe,
  type ServiceAccountSetup,
  setUpServiceAccount,
} from "./auth-helpers.js";

/**
 * Two rolebridge instances on one database, as two replicas behind a load balancer (issue 5 §2,
 * §3): they agree on signing keys across a rotation, and a revoked app password fails on both at
 * once, with every OAuth token issued from it.
 */
let app1: TestApp;
let app2: TestApp;
let s: ServiceAccountSetup;
let operatorToken: string;

const KEYS = `{ signingKeys { kid alg createdAt retiredAt } }`;
const ROTATE = `mutation { rotateSigningKey { kid alg createdAt retiredAt } }`;

beforeAll(async () => {
  // Instances behind one address share its URL, and so the issuer of their tokens.
  const env = { PUBLIC_BASE_URL: "https://rolebridge.example.test" };
  app1 = await startTestApp({ env });
  app2 = await startTestApp({ databaseUrl: app1.databaseUrl, env });
  s = await setUpServiceAccount(app1);
  operatorToken = (await createPlatformOperator(app1)).token;
});
afterAll(async () => {
  await app2?.close();
  await app1?.close();
});

describe("signing key rotation", () => {
  it("lets only platform operators list and rotate keys, and never shows private material", async () => {
    const list = await gql(app1.url, KEYS, {}, operatorToken);
    expect(list.errors).toBeUndefined();
    expect(list.data!.signingKeys.length).toBeGreaterThan(0);
    expect(list.data!.signingKeys[0]).toEqual({ kid: expect.any(String), alg: "EdDSA", createdAt: expect.any(String), retiredAt: null });
    // The schema has no field that could carry a private key.
    const probe = await gql(app1.url, `{ signingKeys { kid privateJwk } }`, {}, operatorToken);
    expect(errorCode(probe)).toBe("GRAPHQL_VALIDATION_FAILED");

    for (const token of [s.co.adminToken, s.serviceToken]) {
      expect(errorCode(await gql(app1.url, KEYS, {}, token))).toBe("FORBIDDEN");
      expect(errorCode(await gql(app1.url, ROTATE, {}, token))).toBe("FORBIDDEN");
    }
    expect(errorCode(await gql(app1.url, ROTATE))).toBe("UNAUTHENTICATED");
  });

  it("after a rotation on one instance, both sign with the new key at once and both still accept tokens signed by the old one", async () => {
    const cred = await generateAppPassword(app1, s.serviceToken, "rotation");
    // Tokens issued by each instance before the rotation, with the old key.
    const old1 = await accessToken(app1.url, cred);
    const old2 = await accessToken(app2.url, cred);
    const oldKid = decodeProtectedHeader(old1).kid;
    expect(decodeProtectedHeader(old2).kid).toBe(oldKid);
    // Instance 2 has the old key cached for signing and verification.
    expect((await scimProbe(app2.url, `Bearer ${old1}`)).status).toBe(200);

    const rotated = await gql(app1.url, ROTATE, {}, operatorToken);
    expect(rotated.errors).toBeUndefined();
    const newKid = rotated.data!.rotateSigningKey.kid;
    expect(newKid).not.toBe(oldKid);
    expect(rotated.data!.rotateSigningKey.retiredAt).toBeNull();

    // Within instance 2's 30-second cache window: it must not sign with the retired key.
    const new2 = await accessToken(app2.url, cred);
    expect(decodeProtectedHeader(new2).kid).toBe(newKid);
    const new1 = await accessToken(app1.url, cred);
    expect(decodeProtectedHeader(new1).kid).toBe(newKid);
    // GraphQL login sessions too.
    const login = await gql(
      app2.url,
      `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`,
      { c: s.co.company.slug, u: s.co.admin.userName, p: "Correct-Horse-42-battery" },
    );
    expect(decodeProtectedHeader(login.data!.login.token).kid).toBe(newKid);

    // Every token verifies on both instances: the new key on the instance that had not seen it
    // (an unknown kid reloads the keys), the old key until its tokens expire.
    for (const app of [app1, app2]) {
      for (const token of [old1, old2, new1, new2]) {
        expect((await scimProbe(app.url, `Bearer ${token}`)).status).toBe(200);
        expect((await meWith(app.url, token)).id).toBe(s.service.id);
      }
    }

    const keys = (await gql(app2.url, KEYS, {}, operatorToken)).data!.signingKeys as { kid: string; retiredAt: string | null }[];
    expect(keys[0]).toMatchObject({ kid: newKid, retiredAt: null });
    expect(keys.find((k) => k.kid === oldKid)!.retiredAt).toEqual(expect.any(String));
    expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(1);

    // Both instances publish both keys.
    for (const app of [app1, app2]) {
      const jwks = (await (await fetch(`${app.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    }
  });

  it("records the rotation as an audit event of the operator", async () => {
    const rows = await app1.orm.em
      .fork()
      .getConnection()
      .execute("select action, actor_user_name, target_type, after from audit_event where action = 'signingKey.rotate'");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "signingKey.rotate", target_type: "SigningKey", after: { alg: "EdDSA" } });
    expect(rows[0].actor_user_name).toMatch(/^op-/);
  });

  it("a rotation by the CLI (SigningKeyService.rotate on the database) is picked up by both instances' next signature", async () => {
    const cred = await generateAppPassword(app1, (await setUpServiceAccount(app1, "cli-rotation@idp.example")).serviceToken);
    const before = await accessToken(app2.url, cred);
    const key = await app1.services.signingKeys.rotate(app1.orm.em.fork());
    for (const app of [app1, app2]) {
      const after = await accessToken(app.url, cred);
      expect(decodeProtectedHeader(after).kid).toBe(key.kid);
      expect((await scimProbe(app.url, `Bearer ${before}`)).status).toBe(200);
    }
  });
});

describe("revocation across instances", () => {
  let cred: Credential;
  let serviceToken: string;

  beforeAll(async () => {
    const setup = await setUpServiceAccount(app1, "revocation@idp.example");
    serviceToken = setup.serviceToken;
    cred = await generateAppPassword(app1, serviceToken, "SailPoint");
  });

  it("an access token from /oauth2/token fails on SCIM and GraphQL on both instances right after revokeAppPassword", async () => {
    const fromApp1 = await accessToken(app1.url, cred);
    const fromApp2 = await accessToken(app2.url, cred);
    for (const app of [app1, app2]) {
      for (const token of [fromApp1, fromApp2]) {
        expect((await scimProbe(app.url, `Bearer ${token}`)).status).toBe(200);
        expect((await meWith(app.url, token)).id).toBeTruthy();
      }
      expect((await scimProbe(app.url, basic(cred.clientId, cred.secret))).status).toBe(200);
      expect((await scimProbe(app.url, `Bearer ${cred.bearer}`)).status).toBe(200);
    }

    // Revoked through instance 2; the very next request on either instance fails.
    await revokeAppPassword(app2, serviceToken, cred.id);

    for (const app of [app1, app2]) {
      for (const token of [fromApp1, fromApp2]) {
        const scim = await scimProbe(app.url, `Bearer ${token}`);
        expect(scim.status).toBe(401);
        expect(scim.body.detail).toMatch(/revoked/);
        const me = await meWith(app.url, token);
        expect(me.code).toBe("UNAUTHENTICATED");
        expect(me.message).toMatch(/revoked/);
      }
      expect((await scimProbe(app.url, basic(cred.clientId, cred.secret))).status).toBe(401);
      expect((await scimProbe(app.url, `Bearer ${cred.bearer}`)).status).toBe(401);
      // And no new token can be had from it.
      const res = await fetch(`${app.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(cred.clientId, cred.secret) },
        body: "grant_type=client_credentials",
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe("invalid_client");
    }
  });

  it("a GraphQL session of the service account is unaffected by revoking its app password", async () => {
    expect((await meWith(app2.url, serviceToken)).code).toBeUndefined();
  });
});
