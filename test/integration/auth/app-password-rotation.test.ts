import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRoles, tokenFor } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import {
  type Credential,
  type ServiceAccountSetup,
  accessToken,
  basic,
  generateAppPassword,
  revokeAppPassword,
  scimProbe,
  setUpServiceAccount,
  tokenRequest,
} from "./auth-helpers.js";

/**
 * Rotation without downtime, over real HTTP: while the successor is unused both credentials
 * authenticate in all three ways an IdP sends them; the successor's first successful request
 * revokes the predecessor (and every token issued from it); an explicit revoke of either works;
 * an account never has two rotations under way.
 */

const FIELDS = `id name clientId active revokedAt supersededAt predecessorId lastUsedAt`;
const ROTATE = `mutation($id: ID!, $name: String) {
  rotateAppPassword(id: $id, name: $name) { clientSecret bearerToken appPassword { ${FIELDS} } predecessor { ${FIELDS} } }
}`;
const LIST = `{ appPasswords { ${FIELDS} } }`;

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

async function rotate(setup: ServiceAccountSetup, id: string, name?: string) {
  return gql(app.url, ROTATE, { id, name }, setup.serviceToken);
}

async function rotated(setup: ServiceAccountSetup, id: string, name?: string): Promise<Credential> {
  const res = await rotate(setup, id, name);
  expect(res.errors).toBeUndefined();
  const r = res.data!.rotateAppPassword;
  return { id: r.appPassword.id, clientId: r.appPassword.clientId, secret: r.clientSecret, bearer: r.bearerToken };
}

async function list(setup: ServiceAccountSetup): Promise<any[]> {
  const res = await gql(app.url, LIST, {}, setup.serviceToken);
  expect(res.errors).toBeUndefined();
  return res.data!.appPasswords;
}

async function auditActions(companyId: string): Promise<{ action: string; target_id: string; actor_user_name: string; after: any }[]> {
  return app.orm.em
    .fork()
    .getConnection()
    .execute(`select action, target_id, actor_user_name, after from audit_event where company_id = ? and action like 'appPassword.%' order by created_at`, [
      companyId,
    ]);
}

/** The three ways an IdP authenticates with one credential. */
const WAYS = {
  "HTTP Basic": async (c: Credential) => basic(c.clientId, c.secret),
  "pasted bearer token": async (c: Credential) => `Bearer ${c.bearer}`,
  "OAuth 2.0 token endpoint": async (c: Credential) => `Bearer ${await accessToken(app.url, c)}`,
} as const;

describe.each(Object.keys(WAYS) as (keyof typeof WAYS)[])("rotation with the successor used by %s", (way) => {
  it("both work until the successor's first request, which revokes the predecessor and the tokens issued from it", async () => {
    const setup = await setUpServiceAccount(app);
    const old = await generateAppPassword(app, setup.serviceToken, "Okta production");
    const oldToken = await accessToken(app.url, old);

    const successor = await rotated(setup, old.id);
    expect(successor.clientId).not.toBe(old.clientId);

    // The IdP keeps calling with the old credential, in every form, for as long as it likes.
    for (let i = 0; i < 2; i++) {
      expect((await scimProbe(app.url, basic(old.clientId, old.secret))).status).toBe(200);
      expect((await scimProbe(app.url, `Bearer ${old.bearer}`)).status).toBe(200);
      expect((await scimProbe(app.url, `Bearer ${oldToken}`)).status).toBe(200);
    }
    const during = await list(setup);
    expect(during.find((p) => p.id === old.id)).toMatchObject({ active: true, supersededAt: expect.any(String), predecessorId: null });
    expect(during.find((p) => p.id === successor.id)).toMatchObject({ active: true, supersededAt: null, predecessorId: old.id, name: "Okta production" });

    // Then switches.
    const authorization = await WAYS[way](successor);
    expect((await scimProbe(app.url, authorization)).status).toBe(200);

    for (const stale of [basic(old.clientId, old.secret), `Bearer ${old.bearer}`, `Bearer ${oldToken}`]) {
      const res = await scimProbe(app.url, stale);
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/revoked/);
    }
    expect((await tokenRequest(app.url, { grant_type: "client_credentials" }, { authorization: basic(old.clientId, old.secret) })).status).toBe(401);
    expect((await scimProbe(app.url, authorization)).status).toBe(200);

    const after = await list(setup);
    expect(after.find((p) => p.id === old.id)).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(after.find((p) => p.id === successor.id)).toMatchObject({ active: true, lastUsedAt: expect.any(String) });

    const audit = await auditActions(setup.co.company.id);
    expect(audit.map((a) => a.action)).toEqual(["appPassword.generate", "appPassword.rotate", "appPassword.revokeOnSuccessorUse"]);
    expect(audit[2]).toMatchObject({
      target_id: old.id,
      actor_user_name: "scim@idp.example",
      after: { clientId: old.clientId, revokedAt: expect.any(String), successor: { id: successor.id, clientId: successor.clientId } },
    });
  });
});

describe("rotateAppPassword", () => {
  it("refuses a second rotation while one is under way, from either credential, and changes nothing", async () => {
    const setup = await setUpServiceAccount(app);
    const old = await generateAppPassword(app, setup.serviceToken);
    const successor = await rotated(setup, old.id, "Okta (rotated)");

    for (const id of [old.id, successor.id]) {
      const res = await rotate(setup, id);
      expect(errorCode(res)).toBe("CONFLICT");
      expect(res.errors![0]!.extensions!.reason).toBe("ROTATION_IN_PROGRESS");
      expect(res.errors![0]!.message).toMatch(/under way|already being replaced/);
    }
    expect((await list(setup)).map((p) => p.id).sort()).toEqual([old.id, successor.id].sort());

    // generateAppPassword still refuses while any credential is active.
    const gen = await gql(app.url, `mutation { generateAppPassword(name: "x") { clientSecret } }`, {}, setup.serviceToken);
    expect(errorCode(gen)).toBe("CONFLICT");
  });

  it("an explicit revoke of the predecessor ends the rotation: the successor alone works and can be rotated in turn", async () => {
    const setup = await setUpServiceAccount(app);
    const old = await generateAppPassword(app, setup.serviceToken);
    const successor = await rotated(setup, old.id);
    await revokeAppPassword(app, setup.serviceToken, old.id);

    expect((await scimProbe(app.url, basic(old.clientId, old.secret))).status).toBe(401);
    expect((await scimProbe(app.url, basic(successor.clientId, successor.secret))).status).toBe(200);
    const third = await rotated(setup, successor.id);
    expect((await scimProbe(app.url, `Bearer ${third.bearer}`)).status).toBe(200);
    expect((await scimProbe(app.url, `Bearer ${successor.bearer}`)).status).toBe(401);
  });

  it("revoking the unused successor cancels the rotation: the predecessor keeps working and is current again", async () => {
    const setup = await setUpServiceAccount(app);
    const old = await generateAppPassword(app, setup.serviceToken);
    const successor = await rotated(setup, old.id);
    await revokeAppPassword(app, setup.serviceToken, successor.id);

    expect((await scimProbe(app.url, basic(successor.clientId, successor.secret))).status).toBe(401);
    expect((await scimProbe(app.url, basic(old.clientId, old.secret))).status).toBe(200);
    expect((await list(setup)).find((p) => p.id === old.id)).toMatchObject({ active: true, supersededAt: null });
    expect((await auditActions(setup.co.company.id)).map((a) => a.action)).toEqual([
      "appPassword.generate",
      "appPassword.rotate",
      "appPassword.revoke",
      "appPassword.rotationEnded",
    ]);

    // A new rotation may start.
    const again = await rotated(setup, old.id);
    expect((await scimProbe(app.url, basic(again.clientId, again.secret))).status).toBe(200);
    expect((await scimProbe(app.url, basic(old.clientId, old.secret))).status).toBe(401);
  });

  it("a wrong secret for the successor revokes nothing", async () => {
    const setup = await setUpServiceAccount(app);
    const old = await generateAppPassword(app, setup.serviceToken);
    const successor = await rotated(setup, old.id);
    expect((await scimProbe(app.url, basic(successor.clientId, "not-the-secret"))).status).toBe(401);
    expect((await scimProbe(app.url, basic(old.clientId, old.secret))).status).toBe(200);
  });

  it("while the company has SCIM off the successor is refused (403) and revokes nothing", async () => {
    const setup = await setUpServiceAccount(app);
    const old = await generateAppPassword(app, setup.serviceToken);
    const successor = await rotated(setup, old.id);
    await app.orm.em.fork().getConnection().execute(`update company set scim_enabled = false where id = ?`, [setup.co.company.id]);
    expect((await scimProbe(app.url, basic(successor.clientId, successor.secret))).status).toBe(403);
    await app.orm.em.fork().getConnection().execute(`update company set scim_enabled = true where id = ?`, [setup.co.company.id]);
    expect((await scimProbe(app.url, basic(old.clientId, old.secret))).status).toBe(200);
  });

  it("refuses a revoked app password, another account's, another company's and an unknown id, changing nothing", async () => {
    const setup = await setUpServiceAccount(app);
    const old = await generateAppPassword(app, setup.serviceToken);
    await revokeAppPassword(app, setup.serviceToken, old.id);
    const revoked = await rotate(setup, old.id);
    expect(errorCode(revoked)).toBe("CONFLICT");
    expect(revoked.errors![0]!.message).toMatch(/revoked; generate a new one/);

    const current = await generateAppPassword(app, setup.serviceToken);
    const other = await setUpServiceAccount(app, "scim@other.example");
    expect(errorCode(await rotate(other, current.id))).toBe("NOT_FOUND");
    expect(errorCode(await rotate(setup, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    expect(errorCode(await rotate(setup, "not-an-id"))).toBe("NOT_FOUND");
    const bad = await rotate(setup, current.id, "   ");
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");

    // A second service account of the same company cannot rotate the first one's.
    const sibling = await createUserWithRoles(app, setup.co.company, "scim2@idp.example", ["SCIM Provisioner"], { isServiceAccount: true });
    const res = await gql(app.url, ROTATE, { id: current.id }, await tokenFor(app, sibling));
    expect(errorCode(res)).toBe("FORBIDDEN");
    // Nor an administrator: rotating is the service account's own act.
    expect(errorCode(await gql(app.url, ROTATE, { id: current.id }, setup.co.adminToken))).toBe("FORBIDDEN");

    expect((await list(setup)).filter((p) => p.active).map((p) => p.id)).toEqual([current.id]);
  });
});
