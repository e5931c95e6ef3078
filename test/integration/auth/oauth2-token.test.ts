import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppAccessRole } from "../../../src/domain/access-roles/app-access-role.entity.js";
import { Permission } from "../../../src/domain/access-roles/permission.js";
import { createUserWithRoles, tokenFor } from "../../setup/fixtures.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import {
  basic,
  type Credential,
  generateAppPassword,
  meWith,
  revokeAppPassword,
  scimProbe,
  type ServiceAccountSetup,
  setUpServiceAccount,
  tokenRequest,
} from "./auth-helpers.js";

/** POST /oauth2/token (RFC 6749 §4.4), /.well-known/jwks.json and the RFC 8414 metadata, over real HTTP. */
let app: TestApp;
let s: ServiceAccountSetup;
let cred: Credential;
const CC = { grant_type: "client_credentials" };

beforeAll(async () => {
  // A high failure limit: this file sends many wrong credentials on purpose (brute-force.test.ts tests the limit).
  app = await startTestApp({ env: { AUTH_FAILURE_LIMIT: "1000", AUTH_FAILURE_IP_LIMIT: "1000", ACCESS_TOKEN_TTL_SECONDS: "1200" } });
  s = await setUpServiceAccount(app);
  cred = await generateAppPassword(app, s.serviceToken);
});
afterAll(() => app?.close());

function expectOAuthError(res: { status: number; headers: Headers; body: any }, status: number, error: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ error, error_description: expect.any(String) });
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("pragma")).toBe("no-cache");
}

describe("POST /oauth2/token: success", () => {
  it("issues a Bearer access token for client_secret_basic, not cacheable, with the configured lifetime and scope scim", async () => {
    const res = await tokenRequest(app.url, CC, { authorization: basic(cred.clientId, cred.secret) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 1200, scope: "scim" });

    const claims = decodeJwt(res.body.access_token);
    expect(claims).toMatchObject({
      iss: app.url,
      sub: s.service.id,
      company: s.co.company.id,
      typ: "access",
      scope: "scim",
      app_password: cred.id,
      client_id: cred.clientId,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(claims.exp! - claims.iat!).toBe(1200);
    expect(decodeProtectedHeader(res.body.access_token)).toMatchObject({ alg: "EdDSA", kid: expect.any(String) });
  });

  it("issues for client_secret_post, with an explicit scope, a distinct jti each time", async () => {
    const a = await tokenRequest(app.url, { ...CC, client_id: cred.clientId, client_secret: cred.secret, scope: "scim" });
    const b = await tokenRequest(app.url, { ...CC, client_id: cred.clientId, client_secret: cred.secret });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.scope).toBe("scim");
    expect(decodeJwt(a.body.access_token).jti).not.toBe(decodeJwt(b.body.access_token).jti);
  });

  it("accepts a Basic request that repeats its own client_id in the body (RFC 6749 §3.2.1)", async () => {
    const res = await tokenRequest(app.url, { ...CC, client_id: cred.clientId }, { authorization: basic(cred.clientId, cred.secret) });
    expect(res.status).toBe(200);
  });

  it("gives a token that SCIM accepts as the service account and GraphQL accepts too", async () => {
    const { body } = await tokenRequest(app.url, CC, { authorization: basic(cred.clientId, cred.secret) });
    const scim = await scimProbe(app.url, `Bearer ${body.access_token}`);
    expect(scim.status).toBe(200);
    expect(scim.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);
    expect((await meWith(app.url, body.access_token)).id).toBe(s.service.id);
  });

  it("verifies against the keys published at /.well-known/jwks.json, which hold no private material", async () => {
    const { body } = await tokenRequest(app.url, CC, { authorization: basic(cred.clientId, cred.secret) });
    const res = await fetch(`${app.url}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
      expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    }
    const { payload } = await jwtVerify(body.access_token, createLocalJWKSet(jwks as never), { issuer: app.url });
    expect(payload.sub).toBe(s.service.id);
  });

  it("publishes RFC 8414 metadata naming the token endpoint, the JWKS and the supported methods, with the server's own URL as issuer", async () => {
    const res = await fetch(`${app.url}/.well-known/oauth-authorization-server`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      // RFC 8414 §2: the issuer is the server's URL; the tokens carry the same (checked above).
      issuer: app.url,
      token_endpoint: `${app.url}/oauth2/token`,
      jwks_uri: `${app.url}/.well-known/jwks.json`,
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      scopes_supported: ["scim"],
      response_types_supported: [],
    });
  });

  it("encodes the Basic credentials as RFC 6749 §2.3.1 says (form-urlencoded before base64)", async () => {
    const encoded = `Basic ${Buffer.from(`${encodeURIComponent(cred.clientId)}:${encodeURIComponent(cred.secret)}`).toString("base64")}`;
    expect((await tokenRequest(app.url, CC, { authorization: encoded })).status).toBe(200);
  });
});

describe("POST /oauth2/token: errors (RFC 6749 §5.2)", () => {
  it("invalid_client 401 with WWW-Authenticate: Basic for a wrong secret, an unknown client or malformed Basic", async () => {
    for (const authorization of [basic(cred.clientId, "wrong-secret"), basic("rb_unknown", cred.secret), "Basic !!!", "Basic "]) {
      const res = await tokenRequest(app.url, CC, { authorization });
      expectOAuthError(res, 401, "invalid_client");
      expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm="rolebridge"/);
    }
    // The wrong secret and the unknown client read the same: nothing tells which Client IDs exist.
    const wrong = await tokenRequest(app.url, CC, { authorization: basic(cred.clientId, "wrong-secret") });
    const unknown = await tokenRequest(app.url, CC, { authorization: basic("rb_unknown", "wrong-secret") });
    expect(wrong.body.error_description).toBe(unknown.body.error_description);
  });

  it("invalid_client 401 for a wrong client_secret_post, for no client authentication at all, and for a half post", async () => {
    expectOAuthError(await tokenRequest(app.url, { ...CC, client_id: cred.clientId, client_secret: "nope" }), 401, "invalid_client");
    expectOAuthError(await tokenRequest(app.url, CC), 401, "invalid_client");
    expectOAuthError(await tokenRequest(app.url, { ...CC, client_id: cred.clientId }), 401, "invalid_client");
    expectOAuthError(await tokenRequest(app.url, { ...CC, client_secret: cred.secret }), 401, "invalid_client");
  });

  it("invalid_client 401 for an Authorization scheme other than Basic (a bearer token is not client authentication)", async () => {
    const res = await tokenRequest(app.url, CC, { authorization: `Bearer ${cred.bearer}` });
    expectOAuthError(res, 401, "invalid_client");
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic/);
  });

  it("invalid_client 401 for a revoked app password, saying so to the holder of the secret", async () => {
    const other = await setUpServiceAccount(app, "revoked@idp.example");
    const c = await generateAppPassword(app, other.serviceToken);
    await revokeAppPassword(app, other.serviceToken, c.id);
    const res = await tokenRequest(app.url, CC, { authorization: basic(c.clientId, c.secret) });
    expectOAuthError(res, 401, "invalid_client");
    expect(res.body.error_description).toMatch(/revoked/);
  });

  it("invalid_request 400 when Basic and client_secret_post are both used, or the body names another client", async () => {
    const both = await tokenRequest(app.url, { ...CC, client_id: cred.clientId, client_secret: cred.secret }, { authorization: basic(cred.clientId, cred.secret) });
    expectOAuthError(both, 400, "invalid_request");
    expect(both.body.error_description).toMatch(/not both/);
    const secretOnly = await tokenRequest(app.url, { ...CC, client_secret: cred.secret }, { authorization: basic(cred.clientId, cred.secret) });
    expectOAuthError(secretOnly, 400, "invalid_request");
    const otherId = await tokenRequest(app.url, { ...CC, client_id: "rb_someone_else" }, { authorization: basic(cred.clientId, cred.secret) });
    expectOAuthError(otherId, 400, "invalid_request");
  });

  it("invalid_request 400 without grant_type, with a repeated parameter, or with a body that is not a form", async () => {
    const auth = { authorization: basic(cred.clientId, cred.secret) };
    const missing = await tokenRequest(app.url, {}, auth);
    expectOAuthError(missing, 400, "invalid_request");
    expect(missing.body.error_description).toMatch(/grant_type is required/);
    expectOAuthError(await tokenRequest(app.url, "grant_type=client_credentials&grant_type=client_credentials", auth), 400, "invalid_request");
    const json = await tokenRequest(app.url, JSON.stringify(CC), { ...auth, "content-type": "application/json" });
    expectOAuthError(json, 400, "invalid_request");
    expect(json.body.error_description).toMatch(/x-www-form-urlencoded/);
    expectOAuthError(await tokenRequest(app.url, `grant_type=client_credentials&x=${"a".repeat(10_000)}`, auth), 413, "invalid_request");
  });

  it("answers another method than POST with 405 and Allow: POST", async () => {
    const res = await fetch(`${app.url}/oauth2/token`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(await res.json()).toMatchObject({ error: "invalid_request" });
  });

  it("unsupported_grant_type 400 for any grant but client_credentials", async () => {
    for (const grant of ["password", "authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer"]) {
      const res = await tokenRequest(app.url, { grant_type: grant }, { authorization: basic(cred.clientId, cred.secret) });
      expectOAuthError(res, 400, "unsupported_grant_type");
    }
  });

  it("invalid_scope 400 for an unknown scope, and for scim when the account lacks CanProvisionUsersAsSCIM", async () => {
    const unknown = await tokenRequest(app.url, { ...CC, scope: "scim admin" }, { authorization: basic(cred.clientId, cred.secret) });
    expectOAuthError(unknown, 400, "invalid_scope");
    expect(unknown.body.error_description).toMatch(/admin/);

    // A service account whose role lost the SCIM permission still has a valid app password.
    const em = app.orm.em.fork();
    em.create(AppAccessRole, { company: s.co.company.id, name: "Passwords only", permissions: [Permission.CanCreateAppPasswords] } as any);
    await em.flush();
    const bare = await createUserWithRoles(app, s.co.company, "no-scim@idp.example", ["Passwords only"], { isServiceAccount: true });
    const c = await generateAppPassword(app, await tokenFor(app, bare));
    const res = await tokenRequest(app.url, CC, { authorization: basic(c.clientId, c.secret) });
    expectOAuthError(res, 400, "invalid_scope");
    expect(res.body.error_description).toMatch(/lacks CanProvisionUsersAsSCIM/);
  });

  it("never echoes the secret in an error", async () => {
    const res = await tokenRequest(app.url, { ...CC, client_id: cred.clientId, client_secret: `${cred.secret}x` });
    expect(JSON.stringify(res.body)).not.toContain(cred.secret);
  });
});
