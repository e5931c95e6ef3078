import { systemScope } from "../../../src/domain/scope.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { createScimTenant, patchOp, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { auditorToken, viewerToken } from "./log-fixtures.js";

/** Issue 6 §1–§2: the provisioning log, its summary and the credential status, over real HTTP and PostgreSQL. */
let app: TestApp;
let t: ScimTenant;
let admin: TestCompany;
let other: ScimTenant;
let otherAdmin: TestCompany;
const ids: Record<string, string> = {};
let startedAt: Date;
let revokedAt: Date;

const EVENT = `id createdAt method path resourceType resourceId outcome status scimType detail durationMs normalizations credential { id clientId name revokedAt }`;
const EVENTS = `query($where: ProvisioningEventWhere, $page: PageInput) {
  provisioningEvents(where: $where, page: $page) { totalCount pageInfo { hasNextPage endCursor offset } nodes { ${EVENT} } } }`;
const SUMMARY = `query($since: DateTimeISO, $until: DateTimeISO) { provisioningSummary(since: $since, until: $until) {
  since until totalRequests successCount failureCount countsByStatus { status count }
  lastSuccess { ${EVENT} } lastFailure { ${EVENT} } revokedCredentialRequests wrongSecretRequests
  normalizations { normalization count } usersCreatedWithoutNameCount usersCreatedWithoutName { id userName } } }`;

/** Events are written after the response has finished (reads and failures), so wait for the count to settle. */
async function settled(companyId: string, count: number): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  for (let i = 0; i < 100; i++) {
    const [{ n }] = await em.getConnection().execute(`select count(*)::int as n from provisioning_event where company_id = ?`, [companyId]);
    if (n >= count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${count} provisioning events`);
}

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  other = await createScimTenant(app);
  // createScimTenant made each company with a service account; give each an administrator too.
  const a = await createUserWithRoles(app, t.company, "admin@t.example", ["Company Administrator"]);
  admin = { company: t.company, admin: a, adminToken: await tokenFor(app, a) };
  const o = await createUserWithRoles(app, other.company, "admin@other.example", ["Company Administrator"]);
  otherAdmin = { company: other.company, admin: o, adminToken: await tokenFor(app, o) };

  startedAt = new Date();
  const named = await t.client.post("/Users", scimUser("named@t.example"));
  expect(named.status).toBe(201);
  ids.named = named.body.id;
  // "Users are syncing but missing names": the IdP's mapping sends no name.
  const nameless = await t.client.post("/Users", { ...scimUser("nameless@t.example"), name: { familyName: "OnlyFamily" } });
  expect(nameless.status).toBe(201);
  ids.nameless = nameless.body.id;
  const dup = await t.client.post("/Users", scimUser("NAMED@t.example"));
  expect(dup.status).toBe(409);
  ids.conflictRequest = dup.headers.get("x-request-id")!;
  // Entra's dialect: capitalised op and a string boolean.
  const entra = await t.client.patch(`/Users/${ids.named}`, patchOp({ op: "Replace", path: "active", value: "False" }));
  expect(entra.status).toBe(200);
  expect((await t.client.get(`/Users/${ids.named}`)).status).toBe(200);
  const missing = await t.client.get(`/Users/00000000-0000-4000-8000-000000000000`);
  expect(missing.status).toBe(404);
  // A wrong secret on the company's Client ID, then the credential is revoked and still used.
  const wrong = t.client.withAuthorization(`Basic ${Buffer.from(`${t.clientId}:not-the-secret`).toString("base64")}`);
  expect((await wrong.get("/Users")).status).toBe(401);
  await settled(t.company.id, 7);
  const em = app.orm.em.fork() as EntityManager;
  await app.services.appPasswords.revoke(systemScope(em, "cli"), { clientId: t.clientId });
  revokedAt = new Date();
  expect((await t.client.get("/Users?count=1")).status).toBe(401);
  expect((await t.client.withAuthorization(`Bearer ${t.bearerToken}`).get("/Users")).status).toBe(401);
  // An unknown Client ID belongs to no company.
  expect((await t.client.withAuthorization(`Basic ${Buffer.from("nobody:nothing").toString("base64")}`).get("/Users")).status).toBe(401);
  await settled(t.company.id, 9);
  // Company B's own traffic, which A must never see.
  expect((await other.client.post("/Users", scimUser("b-user@other.example"))).status).toBe(201);
  await settled(other.company.id, 1);
});
afterAll(() => app?.close());

describe("provisioningEvents", () => {
  it("lists the company's SCIM requests newest first, with credential, status, scimType, detail and normalisations", async () => {
    const res = await gql(app.url, EVENTS, {}, admin.adminToken);
    expect(res.errors).toBeUndefined();
    const page = res.data!.provisioningEvents;
    expect(page.totalCount).toBe(9);
    const times = page.nodes.map((n: any) => Date.parse(n.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const conflict = page.nodes.find((n: any) => n.id === ids.conflictRequest);
    expect(conflict).toMatchObject({ method: "POST", status: 409, outcome: "FAILURE", scimType: "uniqueness", resourceType: "User" });
    expect(conflict.detail).toMatch(/userName/);
    expect(conflict.credential).toMatchObject({ id: t.appPasswordId, clientId: t.clientId });
    const patch = page.nodes.find((n: any) => n.method === "PATCH");
    expect(patch).toMatchObject({ status: 200, outcome: "SUCCESS", resourceId: ids.named });
    expect(patch.normalizations).toEqual(expect.arrayContaining(["entra-capitalised-op"]));
  });

  it("attributes 401s that named one of the company's Client IDs to the company and that app password", async () => {
    const res = await gql(app.url, EVENTS, { where: { status: { eq: 401 } } }, admin.adminToken);
    expect(res.data!.provisioningEvents.totalCount).toBe(3);
    for (const n of res.data!.provisioningEvents.nodes) expect(n.credential.id).toBe(t.appPasswordId);
    expect(res.data!.provisioningEvents.nodes[0].detail).toMatch(/revoked/);
  });

  it("filters by status, outcome, scimType, resource, credential, Client ID, method and time", async () => {
    const count = async (where: Record<string, unknown>) => {
      const res = await gql(app.url, EVENTS, { where }, admin.adminToken);
      expect(res.errors).toBeUndefined();
      return res.data!.provisioningEvents.totalCount as number;
    };
    expect(await count({ status: { ge: 400 } })).toBe(5);
    expect(await count({ status: { in: [404, 409] } })).toBe(2);
    expect(await count({ outcome: "SUCCESS" })).toBe(4);
    expect(await count({ scimType: { eq: "uniqueness" } })).toBe(1);
    expect(await count({ resourceType: { eq: "User" }, resourceId: { eq: ids.named } })).toBe(3);
    expect(await count({ appPasswordId: { eq: t.appPasswordId } })).toBe(9);
    expect(await count({ clientId: { eq: t.clientId } })).toBe(9);
    expect(await count({ clientId: { eq: t.clientId.toUpperCase() === t.clientId ? "x" : t.clientId.toUpperCase() } })).toBe(0);
    expect(await count({ method: { eq: "post" } })).toBe(3);
    expect(await count({ createdAt: { ge: revokedAt.toISOString() } })).toBe(2);
    expect(await count({ createdAt: { lt: startedAt.toISOString() } })).toBe(0);
    const bad = await gql(app.url, EVENTS, { where: { createdAt: { co: "x" } } }, admin.adminToken);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
  });

  it("pages with cursors and offsets in the same newest-first order, without gaps or repeats", async () => {
    const all = (await gql(app.url, EVENTS, {}, admin.adminToken)).data!.provisioningEvents.nodes.map((n: any) => n.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await gql(app.url, EVENTS, { page: { first: 2, after } }, admin.adminToken);
      const p = res.data.provisioningEvents;
      seen.push(...p.nodes.map((n: any) => n.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    const third = await gql(app.url, EVENTS, { page: { offset: 4, first: 2 } }, admin.adminToken);
    expect(third.data!.provisioningEvents.nodes.map((n: any) => n.id)).toEqual(all.slice(4, 6));
  });

  it("provisioningEvent finds the request whose id the IdP showed in its error body", async () => {
    const res = await gql(app.url, `query($id: ID!) { provisioningEvent(id: $id) { ${EVENT} } }`, { id: ids.conflictRequest }, admin.adminToken);
    expect(res.data!.provisioningEvent).toMatchObject({ id: ids.conflictRequest, status: 409, scimType: "uniqueness" });
    const unknown = await gql(app.url, `query { provisioningEvent(id: "not-an-id") { id } }`, {}, admin.adminToken);
    expect(errorCode(unknown)).toBe("NOT_FOUND");
  });
});

describe("refused access tokens", () => {
  it("a 401 for an OAuth access token issued from a since-revoked app password is attributed to that app password (SailPoint)", async () => {
    const s = await createScimTenant(app);
    const sAdmin = await tokenFor(app, await createUserWithRoles(app, s.company, "admin@s.example", ["Company Administrator"]));
    const tokenRes = await fetch(`${app.url}/oauth2/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(tokenRes.status).toBe(200);
    const accessToken = ((await tokenRes.json()) as { access_token: string }).access_token;
    const bearer = s.client.withAuthorization(`Bearer ${accessToken}`);
    expect((await bearer.get("/Users")).status).toBe(200);
    const em = app.orm.em.fork() as EntityManager;
    await app.services.appPasswords.revoke(systemScope(em, "cli"), { clientId: s.clientId });
    expect((await bearer.get("/Users")).status).toBe(401);
    // A token rolebridge did not sign names no company.
    expect((await s.client.withAuthorization(`Bearer ${accessToken.slice(0, -6)}AAAAAA`).get("/Users")).status).toBe(401);
    await settled(s.company.id, 2);
    const summary = (await gql(app.url, SUMMARY, { since: startedAt.toISOString() }, sAdmin)).data!.provisioningSummary;
    expect(summary).toMatchObject({ totalRequests: 2, successCount: 1, revokedCredentialRequests: 1 });
    expect(summary.lastFailure).toMatchObject({ status: 401, credential: { id: s.appPasswordId } });
  });
});

describe("provisioningSummary", () => {
  it('answers "provisioning has suddenly stopped": last success before the revocation, recent 401s on the revoked credential', async () => {
    const res = await gql(app.url, SUMMARY, { since: startedAt.toISOString() }, admin.adminToken);
    expect(res.errors).toBeUndefined();
    const s = res.data!.provisioningSummary;
    expect(s).toMatchObject({ totalRequests: 9, successCount: 4, failureCount: 5, revokedCredentialRequests: 2, wrongSecretRequests: 1 });
    expect(s.countsByStatus).toEqual([
      { status: 200, count: 2 },
      { status: 201, count: 2 },
      { status: 401, count: 3 },
      { status: 404, count: 1 },
      { status: 409, count: 1 },
    ]);
    expect(Date.parse(s.lastSuccess.createdAt)).toBeLessThan(revokedAt.getTime());
    expect(s.lastFailure).toMatchObject({ status: 401, credential: { clientId: t.clientId } });
    expect(s.lastFailure.credential.revokedAt).not.toBeNull();
    expect(s.lastFailure.detail).toMatch(/revoked/);
  });

  it('answers "users arrive without names" and counts the IdP dialect normalisations', async () => {
    const s = (await gql(app.url, SUMMARY, { since: startedAt.toISOString() }, admin.adminToken)).data!.provisioningSummary;
    expect(s.usersCreatedWithoutNameCount).toBe(1);
    expect(s.usersCreatedWithoutName).toEqual([{ id: ids.nameless, userName: "nameless@t.example" }]);
    expect(s.normalizations).toEqual(expect.arrayContaining([expect.objectContaining({ normalization: "entra-capitalised-op", count: 1 })]));
  });

  it("counts only the window, keeps lastSuccess however old, and refuses since after until", async () => {
    const s = (await gql(app.url, SUMMARY, { since: revokedAt.toISOString() }, admin.adminToken)).data!.provisioningSummary;
    expect(s).toMatchObject({ totalRequests: 2, successCount: 0, revokedCredentialRequests: 2, wrongSecretRequests: 0, usersCreatedWithoutNameCount: 0 });
    expect(s.lastSuccess).not.toBeNull();
    const bad = await gql(app.url, SUMMARY, { since: new Date().toISOString(), until: startedAt.toISOString() }, admin.adminToken);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
  });
});

describe("credential status (appPasswords)", () => {
  it("shows created, last used, revoked and the most recent failure of each app password", async () => {
    const res = await gql(
      app.url,
      `{ appPasswords { id createdAt lastUsedAt revokedAt lastFailureAt lastFailureReason active mostRecentFailure { id status detail path } } }`,
      {},
      admin.adminToken,
    );
    expect(res.errors).toBeUndefined();
    const ap = res.data!.appPasswords.find((p: any) => p.id === t.appPasswordId);
    expect(ap).toMatchObject({ active: false, lastFailureReason: "the app password is revoked" });
    expect(ap.lastUsedAt).not.toBeNull();
    expect(ap.revokedAt).not.toBeNull();
    expect(ap.mostRecentFailure).toMatchObject({ status: 401 });
    expect(ap.mostRecentFailure.detail).toMatch(/revoked/);
  });
});

describe("who may read the log", () => {
  it("needs CanConfigureCompany or CanViewAuditLog: an auditor may, a viewer and an anonymous caller may not", async () => {
    const auditor = await auditorToken(app, t.company, "auditor@t.example");
    const ok = await gql(app.url, EVENTS, {}, auditor);
    expect(ok.data!.provisioningEvents.totalCount).toBe(9);
    expect((await gql(app.url, SUMMARY, {}, auditor)).errors).toBeUndefined();
    const viewer = await viewerToken(app, t.company, "viewer@t.example");
    expect(errorCode(await gql(app.url, EVENTS, {}, viewer))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, SUMMARY, {}, viewer))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, `query($id: ID!) { provisioningEvent(id: $id) { id } }`, { id: ids.conflictRequest }, viewer))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, EVENTS, {}))).toBe("UNAUTHENTICATED");
  });

  it("company B sees none of A's events, cannot open one by id, and its summary counts only its own", async () => {
    const list = await gql(app.url, EVENTS, {}, otherAdmin.adminToken);
    expect(list.data!.provisioningEvents.totalCount).toBe(1);
    expect(list.data!.provisioningEvents.nodes[0].credential.id).toBe(other.appPasswordId);
    const byId = await gql(app.url, `query($id: ID!) { provisioningEvent(id: $id) { id } }`, { id: ids.conflictRequest }, otherAdmin.adminToken);
    expect(errorCode(byId)).toBe("NOT_FOUND");
    const s = (await gql(app.url, SUMMARY, { since: startedAt.toISOString() }, otherAdmin.adminToken)).data!.provisioningSummary;
    expect(s).toMatchObject({ totalRequests: 1, failureCount: 0, revokedCredentialRequests: 0, wrongSecretRequests: 0, usersCreatedWithoutNameCount: 0 });
    expect(s.lastFailure).toBeNull();
    const filtered = await gql(app.url, EVENTS, { where: { appPasswordId: { eq: t.appPasswordId } } }, otherAdmin.adminToken);
    expect(filtered.data!.provisioningEvents.totalCount).toBe(0);
  });
});
