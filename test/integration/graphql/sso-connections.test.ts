import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { auditOf, CONNECTION_FIELDS, SSO_KEY } from "../sso/sso-fixtures.js";

/**
 * SSO connections, claimed domains and the SSO settings over GraphQL (real HTTP, real
 * PostgreSQL): who may configure them, what bad input gets, what the audit history keeps (never
 * the secret), and that companies never see each other's.
 */
let app: TestApp;
let co: TestCompany;
let other: TestCompany;
const SECRET = "s3cret-client-secret-value";
const IDP = { name: "Okta", issuer: "https://acme.okta.example", clientId: "0oa-client", clientSecret: SECRET };

beforeAll(async () => {
  app = await startTestApp({ env: { SSO_SECRET_KEY: SSO_KEY } });
  co = await createTestCompany(app);
  other = await createTestCompany(app);
});
afterAll(() => app?.close());

async function create(token = co.adminToken, input: Record<string, unknown> = IDP) {
  return gql(app.url, `mutation($input: CreateOidcConnectionInput!) { createOidcConnection(input: $input) { ${CONNECTION_FIELDS} } }`, { input }, token);
}

async function setStatus(id: string, status: string) {
  await app.orm.em.getConnection().execute(`update sso_connection set status = ? where id = ?`, [status, id]);
}

describe("who may configure SSO", () => {
  it("needs CanConfigureCompany to read or change connections, domains and the SSO settings", async () => {
    const viewer = await createUserWithRoles(app, co.company, "viewer@co.example", ["Viewer"]);
    const token = await tokenFor(app, viewer);
    expect(errorCode(await gql(app.url, `{ ssoConnections { id } }`, {}, token))).toBe("FORBIDDEN");
    expect(errorCode(await create(token))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, `{ ssoDomains { domain } }`, {}, token))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, `mutation { updateCompanySettings(input: { ssoJitProvisioning: true }) { id } }`, {}, token))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, `{ ssoConnections { id } }`))).toBe("UNAUTHENTICATED");
  });
});

describe("changing a connection", () => {
  it("keeps an active connection active on a secret rotation, makes it a draft again on a new issuer, and audits neither secret", async () => {
    const { data } = await create();
    const c = data!.createOidcConnection;
    await setStatus(c.id, "active");
    const rotated = await gql(
      app.url,
      `mutation($id: ID!) { updateOidcConnection(id: $id, input: { clientSecret: "rotated-secret-2" }) { status version clientSecretSet } }`,
      { id: c.id },
      co.adminToken,
    );
    expect(rotated.data!.updateOidcConnection).toEqual({ status: "ACTIVE", version: c.version + 1, clientSecretSet: true });
    const moved = await gql(
      app.url,
      `mutation($id: ID!, $v: Int) { updateOidcConnection(id: $id, input: { issuer: "https://other.okta.example" }, expectedVersion: $v) { status issuer } }`,
      { id: c.id, v: c.version + 1 },
      co.adminToken,
    );
    expect(moved.data!.updateOidcConnection).toEqual({ status: "DRAFT", issuer: "https://other.okta.example" });
    const updates = await auditOf(app, co.company.id, "ssoConnection.update");
    expect(updates).toHaveLength(2);
    expect(updates[0]!.after.clientSecretChanged).toBe(true);
    const history = JSON.stringify(await app.orm.em.getConnection().execute(`select before, after from audit_event where company_id = ?`, [co.company.id]));
    expect(history).not.toContain(SECRET);
    expect(history).not.toContain("rotated-secret-2");
  });

  it("refuses a stale version with PRECONDITION_FAILED, and a cleared required field with BAD_USER_INPUT, changing nothing", async () => {
    const c = (await create()).data!.createOidcConnection;
    const stale = await gql(app.url, `mutation($id: ID!) { updateOidcConnection(id: $id, input: { name: "x" }, expectedVersion: 99) { id } }`, { id: c.id }, co.adminToken);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "PRECONDITION_FAILED", reason: "VERSION_MISMATCH" });
    const cleared = await gql(app.url, `mutation($id: ID!) { updateOidcConnection(id: $id, input: { clientId: null }) { id } }`, { id: c.id }, co.adminToken);
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientId" });
    const badScope = await gql(app.url, `mutation($id: ID!) { updateOidcConnection(id: $id, input: { scopes: ["has space"] }) { id } }`, { id: c.id }, co.adminToken);
    expect(badScope.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "scopes" });
    const after = await gql(app.url, `query($id: ID!) { ssoConnection(id: $id) { name version clientId scopes } }`, { id: c.id }, co.adminToken);
    expect(after.data!.ssoConnection).toEqual({ name: c.name, version: c.version, clientId: c.clientId, scopes: c.scopes });
  });

  it("another company's connection is NOT_FOUND to every mutation, and a malformed id too", async () => {
    const c = (await create()).data!.createOidcConnection;
    for (const m of [
      `mutation($id: ID!) { updateOidcConnection(id: $id, input: { name: "mine" }) { id } }`,
      `mutation($id: ID!) { disableSsoConnection(id: $id) { id } }`,
      `mutation($id: ID!) { deleteSsoConnection(id: $id) }`,
      `mutation($id: ID!) { claimSsoDomain(connectionId: $id, domain: "stolen.example") { domain } }`,
    ]) {
      expect(errorCode(await gql(app.url, m, { id: c.id }, other.adminToken)), m).toBe("NOT_FOUND");
    }
    expect(errorCode(await gql(app.url, `query { ssoConnection(id: "not-a-uuid") { id } }`, {}, co.adminToken))).toBe("NOT_FOUND");
    const still = await gql(app.url, `query($id: ID!) { ssoConnection(id: $id) { name status domains } }`, { id: c.id }, co.adminToken);
    expect(still.data!.ssoConnection).toEqual({ name: c.name, status: "DRAFT", domains: [] });
  });

  it("disable and delete are audited; deleting releases the connection's domains", async () => {
    const c = (await create()).data!.createOidcConnection;
    await gql(app.url, `mutation($id: ID!) { claimSsoDomain(connectionId: $id, domain: "gone.example") { domain } }`, { id: c.id }, co.adminToken);
    const disabled = await gql(app.url, `mutation($id: ID!) { disableSsoConnection(id: $id) { status } }`, { id: c.id }, co.adminToken);
    expect(disabled.data!.disableSsoConnection.status).toBe("DISABLED");
    const deleted = await gql(app.url, `mutation($id: ID!) { deleteSsoConnection(id: $id) }`, { id: c.id }, co.adminToken);
    expect(deleted.data!.deleteSsoConnection).toBe(c.id);
    expect(errorCode(await gql(app.url, `query($id: ID!) { ssoConnection(id: $id) { id } }`, { id: c.id }, co.adminToken))).toBe("NOT_FOUND");
    const domains = await gql(app.url, `{ ssoDomains { domain } }`, {}, co.adminToken);
    expect(domains.data!.ssoDomains.map((d: any) => d.domain)).not.toContain("gone.example");
    expect((await auditOf(app, co.company.id, "ssoConnection.disable")).at(-1)!.target_id).toBe(c.id);
    expect((await auditOf(app, co.company.id, "ssoConnection.delete")).at(-1)!.target_id).toBe(c.id);
  });
});

describe("claimed domains and email-first discovery", () => {
  it("a domain belongs to one company; discovery answers only for an active connection, without authentication", async () => {
    const c = (await create()).data!.createOidcConnection;
    const claimed = await gql(app.url, `mutation($id: ID!) { claimSsoDomain(connectionId: $id, domain: "  @Acme.Example ") { domain connectionId } }`, { id: c.id }, co.adminToken);
    expect(claimed.data!.claimSsoDomain).toEqual({ domain: "acme.example", connectionId: c.id });

    const theirs = (await create(other.adminToken)).data!.createOidcConnection;
    const taken = await gql(app.url, `mutation($id: ID!) { claimSsoDomain(connectionId: $id, domain: "acme.example") { domain } }`, { id: theirs.id }, other.adminToken);
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "domain" });
    const bad = await gql(app.url, `mutation($id: ID!) { claimSsoDomain(connectionId: $id, domain: "not a domain") { domain } }`, { id: theirs.id }, other.adminToken);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "domain" });

    const route = (email: string) => gql(app.url, `query($e: String!) { ssoSignInRoute(email: $e) { company signInUrl } }`, { e: email });
    expect((await route("jane@acme.example")).data!.ssoSignInRoute).toBeNull();
    await setStatus(c.id, "active");
    expect((await route("Jane@ACME.example")).data!.ssoSignInRoute).toEqual({ company: co.company.slug, signInUrl: `${app.url}/sso/${co.company.slug}` });
    expect((await route("jane@elsewhere.example")).data!.ssoSignInRoute).toBeNull();
    expect((await route("not an email")).data!.ssoSignInRoute).toBeNull();
    const connections = await gql(app.url, `query($id: ID!) { ssoConnection(id: $id) { domains } }`, { id: c.id }, co.adminToken);
    expect(connections.data!.ssoConnection.domains).toEqual(["acme.example"]);

    expect((await gql(app.url, `mutation { releaseSsoDomain(domain: "acme.example") }`, {}, other.adminToken)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await gql(app.url, `mutation { releaseSsoDomain(domain: "ACME.example") }`, {}, co.adminToken);
    expect((await route("jane@acme.example")).data!.ssoSignInRoute).toBeNull();
    expect((await auditOf(app, co.company.id, "ssoDomain.claim")).length).toBeGreaterThan(0);
    expect((await auditOf(app, co.company.id, "ssoDomain.release")).at(-1)!.target_id).toBe(c.id);
  });
});

describe("the SSO company settings", () => {
  it("are off by default, and changing them is audited", async () => {
    const before = await gql(app.url, `{ company { ssoJitProvisioning ssoCreateUnknownGroups } }`, {}, co.adminToken);
    expect(before.data!.company).toEqual({ ssoJitProvisioning: false, ssoCreateUnknownGroups: false });
    const after = await gql(app.url, `mutation { updateCompanySettings(input: { ssoCreateUnknownGroups: true }) { ssoJitProvisioning ssoCreateUnknownGroups } }`, {}, co.adminToken);
    expect(after.data!.updateCompanySettings).toEqual({ ssoJitProvisioning: false, ssoCreateUnknownGroups: true });
    const [event] = (await auditOf(app, co.company.id, "company.updateSettings")).slice(-1);
    expect(event!.after.ssoCreateUnknownGroups).toBe(true);
  });
});

describe("the key that seals client secrets", () => {
  it("without SSO_SECRET_KEY in production, a connection is refused with SERVICE_UNAVAILABLE and nothing is stored", async () => {
    const prod = await startTestApp({ databaseUrl: app.databaseUrl, env: { NODE_ENV: "production" } });
    try {
      const res = await gql(prod.url, `mutation($input: CreateOidcConnectionInput!) { createOidcConnection(input: $input) { id } }`, { input: { ...IDP, name: "prod" } }, await tokenFor(prod, co.admin));
      expect(res.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(res.errors?.[0]?.message).toContain("SSO_SECRET_KEY");
      const rows = await app.orm.em.getConnection().execute(`select count(*)::int as n from sso_connection where name = 'prod'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await prod.close();
    }
  });

  it("a server with another SSO_SECRET_KEY cannot decrypt the secret: sign-in says so with 503, and opens no session", async () => {
    const c = (await create(other.adminToken, { ...IDP, name: "rekeyed" })).data!.createOidcConnection;
    await setStatus(c.id, "active");
    const rekeyed = await startTestApp({ databaseUrl: app.databaseUrl, env: { SSO_SECRET_KEY: Buffer.alloc(32, 7).toString("base64") } });
    try {
      const res = await fetch(`${rekeyed.url}/sso/${other.company.slug}`, { redirect: "manual" });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("cannot be decrypted with this server&#39;s SSO_SECRET_KEY");
      expect(res.headers.getSetCookie().join(";")).not.toContain("rolebridge_session");
    } finally {
      await rekeyed.close();
    }
  });

  it("in development without SSO_SECRET_KEY, a key is made once in the database and used by every instance", async () => {
    const dev = await startTestApp({ databaseUrl: app.databaseUrl, env: { NODE_ENV: "development" } });
    try {
      const res = await gql(dev.url, `mutation($input: CreateOidcConnectionInput!) { createOidcConnection(input: $input) { id clientSecretSet } }`, { input: { ...IDP, name: "dev" } }, await tokenFor(dev, co.admin));
      expect(res.data!.createOidcConnection.clientSecretSet).toBe(true);
      const keys = await app.orm.em.getConnection().execute(`select count(*)::int as n from sso_development_key`);
      expect(keys[0].n).toBe(1);
    } finally {
      await dev.close();
    }
  });
});
