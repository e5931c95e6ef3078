import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, expectScimError, LIST_RESPONSE_SCHEMA, patchOp, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import {
  adminToken,
  createGroup,
  createUsers,
  GROUP_SCHEMA,
  graphqlMemberships,
  members,
  scimGroup,
  scimMemberIds,
  sorted,
  sql as sqlOf,
} from "./groups-helpers.js";

/** The SCIM Group resource over real HTTP and real PostgreSQL (issue 4 §1, §2; RFC 7643 §4.2, RFC 7644 §3). */
let app: TestApp;
let t: ScimTenant;
let other: ScimTenant;
let u: string[];
let theirUser: string;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  other = await createScimTenant(app);
  u = await createUsers(t, "member", 8);
  [theirUser] = await createUsers(other, "foreigner", 1);
});
afterAll(async () => app?.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sqlOf<T>(app, text, params);
const q = (filter: string) => encodeURIComponent(filter);

describe("POST /Groups (RFC 7644 §3.3)", () => {
  it("creates a group with members: 201, Location, ETag, meta, and members with value, display, $ref and type", async () => {
    const res = await t.client.post("/Groups", scimGroup("Create One", { externalId: "okta-00g1", members: [{ value: u[0], display: "ignored" }, { value: u[1] }] }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.contentType).toMatch(/^application\/scim\+json/);
    const id = res.body.id;
    expect(res.headers.get("location")).toBe(`${app.url}/scim/v2/Groups/${id}`);
    expect(res.headers.get("etag")).toBe(res.body.meta.version);
    expect(res.body).toMatchObject({ schemas: [GROUP_SCHEMA], displayName: "Create One", externalId: "okta-00g1" });
    expect(res.body.meta).toMatchObject({ resourceType: "Group", location: `${app.url}/scim/v2/Groups/${id}` });
    expect(Date.parse(res.body.meta.lastModified)).not.toBeNaN();
    expect(sorted(res.body.members.map((m: { value: string }) => m.value))).toEqual(sorted([u[0]!, u[1]!]));
    expect(res.body.members.find((m: { value: string }) => m.value === u[0])).toEqual({
      value: u[0],
      $ref: `${app.url}/scim/v2/Users/${u[0]}`,
      type: "User",
      display: "member 0",
    });
  });

  it("members created over SCIM are owned by SCIM_GROUP in GraphQL", async () => {
    const g = await createGroup(t, "Create Owned", [u[0]!]);
    expect(await graphqlMemberships(app, await adminToken(app, t.company), g.id)).toEqual([{ userId: u[0], source: "SCIM_GROUP" }]);
  });

  it("Entra's create with externalId and members: [] (and client meta) has no members", async () => {
    const res = await t.client.post("/Groups", scimGroup("Entra Empty", { externalId: "8a1b-entra", members: [], meta: { resourceType: "Group" } }));
    expect(res.status).toBe(201);
    expect(res.body.members).toBeUndefined();
    expect(res.body.externalId).toBe("8a1b-entra");
  });

  it("a displayName taken in any case is 409 uniqueness", async () => {
    await createGroup(t, "Taken Name");
    expectScimError(await t.client.post("/Groups", scimGroup("TAKEN name")), 409, "uniqueness");
  });

  it("an unknown member id is 400 invalidValue naming it, and no group is created", async () => {
    const unknown = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const res = await t.client.post("/Groups", scimGroup("Never Created", { members: members(u[0]!, unknown) }));
    expectScimError(res, 400, "invalidValue");
    expect(res.body.detail).toContain(unknown);
    expect(res.body.detail).toContain("members");
    expect((await t.client.get(`/Groups?filter=${q('displayName eq "Never Created"')}`)).body.totalResults).toBe(0);
  });

  it("another company's user as a member is 400 invalidValue naming the id", async () => {
    const res = await t.client.post("/Groups", scimGroup("Foreign Member", { members: members(theirUser) }));
    expectScimError(res, 400, "invalidValue");
    expect(res.body.detail).toContain(theirUser);
  });

  it("refuses a body without displayName, without the Group schema, or with a group as member", async () => {
    expectScimError(await t.client.post("/Groups", { schemas: [GROUP_SCHEMA] }), 400, "invalidValue");
    expectScimError(await t.client.post("/Groups", { displayName: "No Schemas" }), 400, "invalidSyntax");
    expectScimError(await t.client.post("/Groups", scimGroup("Nested", { members: [{ value: u[0], type: "Group" }] })), 400, "invalidValue");
  });
});

describe("GET /Groups/{id}", () => {
  it("returns every SCIM member, read page by page beyond 1,000 members", async () => {
    const g = await createGroup(t, "Large Group");
    // 2,345 users and their SCIM memberships, seeded in SQL: over two member pages.
    await sql(
      `insert into user_account (id, company_id, user_name, display_name, extension_attributes, created_at, updated_at)
       select gen_random_uuid(), ?, 'large-' || i || '@example.com', 'Large ' || i, '{}'::jsonb, now(), now() from generate_series(1, 2345) as i`,
      [t.company.id],
    );
    await sql(
      `insert into membership (company_id, customer_role_id, user_id, source)
       select company_id, ?, id, 'scim-group' from user_account where company_id = ? and user_name like 'large-%'`,
      [g.id, t.company.id],
    );
    const res = await t.client.get(`/Groups/${g.id}`);
    expect(res.status).toBe(200);
    expect(res.body.members).toHaveLength(2345);
    expect(new Set(res.body.members.map((m: { value: string }) => m.value)).size).toBe(2345);
  });

  it("excludedAttributes=members (Entra's lookup) returns the group without members", async () => {
    const g = await createGroup(t, "Excluded Members", [u[0]!, u[1]!]);
    const res = await t.client.get(`/Groups/${g.id}?excludedAttributes=members`);
    expect(res.status).toBe(200);
    expect(res.body.members).toBeUndefined();
    expect(res.body).toMatchObject({ id: g.id, displayName: "Excluded Members", meta: { resourceType: "Group" } });
    expect(res.headers.get("etag")).toBe(g.meta.version);
  });

  it("attributes select what is returned: displayName alone, or only members.value", async () => {
    const g = await createGroup(t, "Selected", [u[2]!]);
    const only = await t.client.get(`/Groups/${g.id}?attributes=displayName`);
    expect(only.body).toEqual({ schemas: [GROUP_SCHEMA], id: g.id, displayName: "Selected" });
    const values = await t.client.get(`/Groups/${g.id}?attributes=members.value`);
    expect(values.body.members).toEqual([{ value: u[2] }]);
  });

  it("an unknown, malformed or other company's id is 404", async () => {
    const theirs = await createGroup(other, "Theirs");
    expectScimError(await t.client.get("/Groups/7c9e6679-7425-40de-944b-e07fc1f90ae7"), 404);
    expectScimError(await t.client.get("/Groups/not-a-uuid"), 404);
    expectScimError(await t.client.get(`/Groups/${theirs.id}`), 404);
  });

  it("unauthenticated is 401", async () => {
    const g = await createGroup(t, "Needs Auth");
    expectScimError(await t.client.withAuthorization(undefined).get(`/Groups/${g.id}`), 401);
    expectScimError(await t.client.withAuthorization(undefined).get(`/Groups`), 401);
  });
});

describe("GET /Groups and POST /Groups/.search (RFC 7644 §3.4.2, §3.4.3)", () => {
  let sales: Record<string, any>;
  let salesEmea: Record<string, any>;
  let finance: Record<string, any>;
  let tenant: ScimTenant;
  let users: string[];
  beforeAll(async () => {
    tenant = await createScimTenant(app);
    users = await createUsers(tenant, "lister", 3);
    sales = await createGroup(tenant, "Sales", [users[0]!], { externalId: "EXT-sales" });
    salesEmea = await createGroup(tenant, "Sales EMEA", [users[0]!, users[1]!]);
    finance = await createGroup(tenant, "Finance", [users[1]!]);
  });
  const names = (res: { body: { Resources: { displayName: string }[] } }) => res.body.Resources.map((r) => r.displayName).sort();
  const list = (filter: string, extra = "") => tenant.client.get(`/Groups?filter=${q(filter)}${extra}`);

  it("displayName eq ignores case; a miss is 200 with totalResults 0 (lookup before create)", async () => {
    const hit = await list('displayName eq "sales"');
    expect(hit.status).toBe(200);
    expect(hit.body).toMatchObject({ schemas: [LIST_RESPONSE_SCHEMA], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(hit.body.Resources[0]).toMatchObject({ id: sales.id, displayName: "Sales", members: [{ value: users[0] }] });
    const miss = await list('displayName eq "Marketing"');
    expect(miss.status).toBe(200);
    expect(miss.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it("co, sw, ew, ne, pr and and/or/not on displayName", async () => {
    expect(names(await list('displayName co "les"'))).toEqual(["Sales", "Sales EMEA"]);
    expect(names(await list('displayName sw "sal"'))).toEqual(["Sales", "Sales EMEA"]);
    expect(names(await list('displayName ew "emea"'))).toEqual(["Sales EMEA"]);
    expect(names(await list('displayName ne "Sales"'))).toEqual(["Finance", "Sales EMEA"]);
    expect(names(await list("displayName pr"))).toEqual(["Finance", "Sales", "Sales EMEA"]);
    expect(names(await list('displayName sw "Sales" and not (displayName ew "EMEA")'))).toEqual(["Sales"]);
    expect(names(await list('displayName eq "Finance" or displayName eq "Sales EMEA"'))).toEqual(["Finance", "Sales EMEA"]);
  });

  it("externalId compares exactly; id; meta.lastModified", async () => {
    expect(names(await list('externalId eq "EXT-sales"'))).toEqual(["Sales"]);
    expect((await list('externalId eq "ext-sales"')).body.totalResults).toBe(0);
    expect(names(await list(`id eq "${finance.id}"`))).toEqual(["Finance"]);
    expect(names(await list(`meta.lastModified ge "${sales.meta.lastModified}" and displayName sw "Sales"`))).toEqual(["Sales", "Sales EMEA"]);
  });

  it('members.value eq "<user id>" finds a user\'s groups, in any of the spellings', async () => {
    expect(names(await list(`members.value eq "${users[0]}"`))).toEqual(["Sales", "Sales EMEA"]);
    expect(names(await list(`members[value eq "${users[1]}"]`))).toEqual(["Finance", "Sales EMEA"]);
    expect(names(await list(`members eq "${users[2]}"`))).toEqual([]);
    expect(names(await list(`members.display pr and displayName sw "Sales"`))).toEqual(["Sales", "Sales EMEA"]);
  });

  it("members.value matches SCIM members only: a manual membership is not a SCIM member", async () => {
    const token = await adminToken(app, tenant.company);
    const { gql } = await import("../../setup/graphql-client.js");
    const res = await gql(app.url, `mutation($id: ID!, $u: [ID!]!) { addCustomerRoleMembers(id: $id, userIds: $u, source: MANUAL) { id } }`, { id: finance.id, u: [users[2]] }, token);
    expect(res.errors).toBeUndefined();
    expect(names(await list(`members.value eq "${users[2]}"`))).toEqual([]);
    expect(await scimMemberIds(tenant, finance.id)).toEqual([users[1]]);
  });

  it("startIndex and count page; sortBy displayName descending", async () => {
    const page = await tenant.client.get("/Groups?startIndex=2&count=1&sortBy=displayName&sortOrder=descending");
    expect(page.body).toMatchObject({ totalResults: 3, itemsPerPage: 1, startIndex: 2 });
    expect(page.body.Resources[0].displayName).toBe("Sales");
    const all = await tenant.client.get("/Groups?sortBy=displayName");
    expect(all.body.Resources.map((r: { displayName: string }) => r.displayName)).toEqual(["Finance", "Sales", "Sales EMEA"]);
  });

  it("Entra's excludedAttributes=members lookup lists groups without members", async () => {
    const res = await list('displayName eq "Sales EMEA"', "&excludedAttributes=members");
    expect(res.body.totalResults).toBe(1);
    expect(res.body.Resources[0].members).toBeUndefined();
    expect(res.body.Resources[0].id).toBe(salesEmea.id);
  });

  it("POST /Groups/.search with a filter and attributes", async () => {
    const res = await tenant.client.post("/Groups/.search", {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
      filter: 'displayName sw "Sales"',
      attributes: ["displayName"],
      sortBy: "displayName",
    });
    expect(res.status).toBe(200);
    expect(res.body.Resources).toEqual([
      { schemas: [GROUP_SCHEMA], id: sales.id, displayName: "Sales" },
      { schemas: [GROUP_SCHEMA], id: salesEmea.id, displayName: "Sales EMEA" },
    ]);
  });

  it("another company's groups are not listed", async () => {
    expect((await other.client.get(`/Groups?filter=${q(`id eq "${sales.id}"`)}`)).body.totalResults).toBe(0);
  });

  it("a bad filter is 400 invalidFilter; an unknown sortBy is 400 invalidValue", async () => {
    expectScimError(await list('displayName eq'), 400, "invalidFilter");
    expectScimError(await list('description eq "x"'), 400, "invalidFilter");
    expectScimError(await list('members.display eq "x"'), 400, "invalidFilter");
    expectScimError(await tenant.client.get("/Groups?sortBy=members"), 400, "invalidValue");
  });
});

describe("PUT /Groups/{id} (RFC 7644 §3.5.1)", () => {
  it("replaces displayName, externalId and the SCIM members; uploads and manual memberships stay", async () => {
    const g = await createGroup(t, "Put Me", [u[0]!, u[1]!], { externalId: "before" });
    const token = await adminToken(app, t.company);
    const { gql } = await import("../../setup/graphql-client.js");
    for (const [source, user] of [["MANUAL", u[0]], ["UPLOAD", u[2]]] as const) {
      const res = await gql(app.url, `mutation($id: ID!, $u: [ID!]!, $s: MembershipSource!) { addCustomerRoleMembers(id: $id, userIds: $u, source: $s) { id } }`, { id: g.id, u: [user], s: source }, token);
      expect(res.errors).toBeUndefined();
    }
    const put = await t.client.put(`/Groups/${g.id}`, scimGroup("Put Me Renamed", { externalId: "after", members: members(u[3]!) }));
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ id: g.id, displayName: "Put Me Renamed", externalId: "after", members: [{ value: u[3] }] });
    expect(put.headers.get("etag")).not.toBe(g.meta.version);
    expect(await graphqlMemberships(app, token, g.id)).toEqual(
      [
        { userId: u[0], source: "MANUAL" },
        { userId: u[2], source: "UPLOAD" },
        { userId: u[3], source: "SCIM_GROUP" },
      ].sort((a, b) => (a.userId! + a.source).localeCompare(b.userId! + b.source)),
    );
  });

  it("attributes left out are kept; members [] removes every SCIM member; externalId null clears", async () => {
    const g = await createGroup(t, "Put Partial", [u[0]!], { externalId: "keep" });
    const kept = await t.client.put(`/Groups/${g.id}`, scimGroup("Put Partial 2"));
    expect(kept.body).toMatchObject({ displayName: "Put Partial 2", externalId: "keep", members: [{ value: u[0] }] });
    const cleared = await t.client.put(`/Groups/${g.id}`, scimGroup("Put Partial 2", { members: [], externalId: null }));
    expect(cleared.status).toBe(200);
    expect(cleared.body.members).toBeUndefined();
    expect(cleared.body.externalId).toBeUndefined();
  });

  it("If-Match: the current ETag applies, a stale one is 412", async () => {
    const g = await createGroup(t, "Put Versioned");
    expectScimError(await t.client.put(`/Groups/${g.id}`, scimGroup("Put Versioned 2"), { "if-match": 'W/"999"' }), 412);
    const ok = await t.client.put(`/Groups/${g.id}`, scimGroup("Put Versioned 2"), { "if-match": g.meta.version });
    expect(ok.status).toBe(200);
  });

  it("an unknown member is 400 invalidValue naming it, and nothing of the PUT is applied", async () => {
    const g = await createGroup(t, "Put Atomic", [u[0]!]);
    const unknown = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const res = await t.client.put(`/Groups/${g.id}`, scimGroup("Put Atomic Renamed", { members: members(u[1]!, unknown) }));
    expectScimError(res, 400, "invalidValue");
    expect(res.body.detail).toContain(unknown);
    const after = await t.client.get(`/Groups/${g.id}`);
    expect(after.body).toMatchObject({ displayName: "Put Atomic", members: [{ value: u[0] }] });
    expect(after.headers.get("etag")).toBe(g.meta.version);
  });
});

describe("PATCH /Groups/{id} (RFC 7644 §3.5.2)", () => {
  const patch = (id: string, body: unknown, headers?: Record<string, string>) => t.client.patch(`/Groups/${id}`, body, headers);

  it("Okta adds members with a list: 204 with the new ETag, and GET shows them", async () => {
    const g = await createGroup(t, "Patch Add");
    const res = await patch(g.id, patchOp({ op: "add", path: "members", value: [{ value: u[0], display: "member 0" }, { value: u[1], display: "member 1" }] }));
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expect(res.headers.get("etag")).toBe('W/"2"');
    expect(await scimMemberIds(t, g.id)).toEqual(sorted([u[0]!, u[1]!]));
  });

  it("adding a member again changes nothing: same ETag", async () => {
    const g = await createGroup(t, "Patch Idempotent", [u[0]!]);
    const res = await patch(g.id, patchOp({ op: "add", path: "members", value: [{ value: u[0] }] }));
    expect(res.status).toBe(204);
    expect(res.headers.get("etag")).toBe(g.meta.version);
  });

  it('Okta removes with members[value eq "<id>"], several with or', async () => {
    const g = await createGroup(t, "Patch Remove Filter", [u[0]!, u[1]!, u[2]!, u[3]!]);
    expect((await patch(g.id, patchOp({ op: "remove", path: `members[value eq "${u[0]}"]` }))).status).toBe(204);
    expect((await patch(g.id, patchOp({ op: "remove", path: `members[value eq "${u[1]}" or value eq "${u[2]}"]` }))).status).toBe(204);
    expect(await scimMemberIds(t, g.id)).toEqual([u[3]]);
  });

  it("Entra removes several members in one operation with a value list (capitalised op, $ref null)", async () => {
    const g = await createGroup(t, "Patch Remove List", [u[0]!, u[1]!, u[2]!]);
    const res = await patch(g.id, patchOp({ op: "Remove", path: "members", value: [{ $ref: null, value: u[0] }, { $ref: null, value: u[2] }] }));
    expect(res.status).toBe(204);
    expect(await scimMemberIds(t, g.id)).toEqual([u[1]]);
    const [event] = await sql<{ normalizations: string[]; status: number; resource_type: string; resource_id: string }>(
      "select normalizations, status, resource_type, resource_id from provisioning_event where id = ?",
      [res.headers.get("x-request-id")],
    );
    expect(event).toMatchObject({ status: 204, resource_type: "Group", resource_id: g.id });
    expect(event!.normalizations).toEqual(expect.arrayContaining(["entra-capitalised-op", "entra-member-ref-null"]));
  });

  it("remove of members without a value removes every SCIM member; a manual membership stays", async () => {
    const g = await createGroup(t, "Patch Remove All", [u[0]!, u[1]!]);
    const token = await adminToken(app, t.company);
    const { gql } = await import("../../setup/graphql-client.js");
    await gql(app.url, `mutation($id: ID!, $u: [ID!]!) { addCustomerRoleMembers(id: $id, userIds: $u, source: MANUAL) { id } }`, { id: g.id, u: [u[4]] }, token);
    expect((await patch(g.id, patchOp({ op: "remove", path: "members" }))).status).toBe(204);
    expect(await scimMemberIds(t, g.id)).toEqual([]);
    expect(await graphqlMemberships(app, token, g.id)).toEqual([{ userId: u[4], source: "MANUAL" }]);
  });

  it("replace of members sets the whole SCIM membership", async () => {
    const g = await createGroup(t, "Patch Replace", [u[0]!, u[1]!]);
    expect((await patch(g.id, patchOp({ op: "replace", path: "members", value: members(u[1]!, u[2]!) }))).status).toBe(204);
    expect(await scimMemberIds(t, g.id)).toEqual(sorted([u[1]!, u[2]!]));
  });

  it("renames with a path (Entra) and without one (Okta's value object with the group's id)", async () => {
    const g = await createGroup(t, "Patch Rename");
    expect((await patch(g.id, patchOp({ op: "Replace", path: "displayName", value: "Patch Renamed" }))).status).toBe(204);
    expect((await patch(g.id, patchOp({ op: "replace", value: { id: g.id, displayName: "Patch Renamed Again" } }))).status).toBe(204);
    const got = await t.client.get(`/Groups/${g.id}`);
    expect(got.body.displayName).toBe("Patch Renamed Again");
    expect(got.body.meta.version).toBe('W/"3"');
  });

  it("externalId is replaced and removed", async () => {
    const g = await createGroup(t, "Patch External", [], { externalId: "one" });
    await patch(g.id, patchOp({ op: "replace", path: "externalId", value: "two" }));
    expect((await t.client.get(`/Groups/${g.id}`)).body.externalId).toBe("two");
    await patch(g.id, patchOp({ op: "remove", path: "externalId" }));
    expect((await t.client.get(`/Groups/${g.id}`)).body.externalId).toBeUndefined();
  });

  it("SailPoint's bare array with members in the operation (seed 004), add and remove", async () => {
    const g = await createGroup(t, "Patch SailPoint", [u[1]!]);
    const add = await patch(g.id, [{ op: "add", members: [{ value: u[0] }] }]);
    expect(add.status, JSON.stringify(add.body)).toBe(204);
    expect((await patch(g.id, [{ op: "remove", members: [{ value: u[1] }] }])).status).toBe(204);
    expect(await scimMemberIds(t, g.id)).toEqual([u[0]]);
    const [event] = await sql<{ normalizations: string[] }>("select normalizations from provisioning_event where id = ?", [add.headers.get("x-request-id")]);
    expect(event!.normalizations).toEqual(expect.arrayContaining(["sailpoint-bare-array", "sailpoint-operation-attribute"]));
  });

  it("operations apply in order: add two, remove one of them", async () => {
    const g = await createGroup(t, "Patch Sequence");
    const res = await patch(g.id, patchOp({ op: "add", path: "members", value: members(u[0]!, u[1]!) }, { op: "remove", path: `members[value eq "${u[0]}"]` }));
    expect(res.status).toBe(204);
    expect(await scimMemberIds(t, g.id)).toEqual([u[1]]);
  });

  it("an unknown member is 400 invalidValue naming it, and nothing of that PATCH is applied", async () => {
    const g = await createGroup(t, "Patch Atomic", [u[0]!]);
    const unknown = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const res = await patch(
      g.id,
      patchOp({ op: "replace", path: "displayName", value: "Patch Atomic Renamed" }, { op: "remove", path: `members[value eq "${u[0]}"]` }, { op: "add", path: "members", value: members(u[1]!, unknown) }),
    );
    expectScimError(res, 400, "invalidValue");
    expect(res.body.detail).toContain(unknown);
    expect(res.body.detail).toContain("members");
    const after = await t.client.get(`/Groups/${g.id}`);
    expect(after.body).toMatchObject({ displayName: "Patch Atomic", members: [{ value: u[0] }] });
    expect(after.headers.get("etag")).toBe(g.meta.version);
  });

  it("another company's user is 400 invalidValue naming the id", async () => {
    const g = await createGroup(t, "Patch Foreign");
    const res = await patch(g.id, patchOp({ op: "add", path: "members", value: members(theirUser) }));
    expectScimError(res, 400, "invalidValue");
    expect(res.body.detail).toContain(theirUser);
  });

  it("answers 200 with the group when attributes or excludedAttributes ask for it", async () => {
    const g = await createGroup(t, "Patch Returns", [u[0]!]);
    const withMembers = await t.client.patch(`/Groups/${g.id}?attributes=displayName,members`, patchOp({ op: "add", path: "members", value: members(u[1]!) }));
    expect(withMembers.status).toBe(200);
    expect(withMembers.body.displayName).toBe("Patch Returns");
    expect(sorted(withMembers.body.members.map((m: { value: string }) => m.value))).toEqual(sorted([u[0]!, u[1]!]));
    expect(withMembers.headers.get("etag")).toBe('W/"2"');
    const without = await t.client.patch(`/Groups/${g.id}?excludedAttributes=members`, patchOp({ op: "replace", path: "displayName", value: "Patch Returned" }));
    expect(without.status).toBe(200);
    expect(without.body).toMatchObject({ id: g.id, displayName: "Patch Returned", meta: { version: 'W/"3"' } });
    expect(without.body.members).toBeUndefined();
  });

  it("If-Match: the current ETag applies, a stale one is 412 and changes nothing", async () => {
    const g = await createGroup(t, "Patch Versioned");
    const stale = await patch(g.id, patchOp({ op: "add", path: "members", value: members(u[0]!) }), { "if-match": 'W/"7"' });
    expectScimError(stale, 412);
    expect(await scimMemberIds(t, g.id)).toEqual([]);
    const ok = await patch(g.id, patchOp({ op: "add", path: "members", value: members(u[0]!) }), { "if-match": g.meta.version });
    expect(ok.status).toBe(204);
  });

  it("a displayName taken by another group is 409 uniqueness", async () => {
    await createGroup(t, "Patch Taken");
    const g = await createGroup(t, "Patch Taker");
    expectScimError(await patch(g.id, patchOp({ op: "replace", path: "displayName", value: "patch taken" })), 409, "uniqueness");
  });

  it("malformed operations are 400 with the scimType that says why", async () => {
    const g = await createGroup(t, "Patch Errors");
    expectScimError(await patch(g.id, patchOp({ op: "remove", path: "displayName" })), 400, "invalidValue");
    expectScimError(await patch(g.id, patchOp({ op: "replace", path: "description", value: "x" })), 400, "invalidPath");
    expectScimError(await patch(g.id, patchOp({ op: "remove", path: 'members[display eq "x"]' })), 400, "invalidFilter");
    expectScimError(await patch(g.id, patchOp({ op: "replace", path: "id", value: u[0] })), 400, "mutability");
    expectScimError(await patch(g.id, patchOp({ op: "remove" })), 400, "noTarget");
    expectScimError(await patch(g.id, { Operations: [] }), 400, "invalidSyntax");
    expectScimError(await patch(g.id, patchOp({ op: "move", path: "members" })), 400, "invalidSyntax");
    expectScimError(await patch(g.id, patchOp({ op: "add", path: "members", value: [{ display: "no value" }] })), 400, "invalidValue");
  });

  it("an unknown or other company's group is 404", async () => {
    const theirs = await createGroup(other, "Patch Theirs");
    expectScimError(await patch(theirs.id, patchOp({ op: "add", path: "members", value: members(u[0]!) })), 404);
    expectScimError(await patch("7c9e6679-7425-40de-944b-e07fc1f90ae7", patchOp({ op: "remove", path: "members" })), 404);
  });
});

describe("DELETE /Groups/{id} (RFC 7644 §3.6)", () => {
  it("204; the memberships go, the users stay; then 404", async () => {
    const g = await createGroup(t, "Delete Me", [u[5]!, u[6]!]);
    const res = await t.client.delete(`/Groups/${g.id}`);
    expect(res.status).toBe(204);
    expectScimError(await t.client.get(`/Groups/${g.id}`), 404);
    expectScimError(await t.client.delete(`/Groups/${g.id}`), 404);
    const [{ count }] = (await sql<{ count: number }>("select count(*)::int as count from membership where customer_role_id = ?", [g.id])) as [{ count: number }];
    expect(count).toBe(0);
    expect((await t.client.get(`/Users/${u[5]}`)).status).toBe(200);
  });

  it("If-Match with a stale version is 412 and the group stays", async () => {
    const g = await createGroup(t, "Delete Versioned");
    expectScimError(await t.client.delete(`/Groups/${g.id}`, { "if-match": 'W/"5"' }), 412);
    expect((await t.client.get(`/Groups/${g.id}`)).status).toBe(200);
  });
});

describe("discovery of the Group resource (RFC 7643 §6, §7)", () => {
  it("ResourceTypes lists Group at /Groups with the core Group schema, and /Schemas describes members", async () => {
    const type = await t.client.get("/ResourceTypes/Group");
    expect(type.body).toMatchObject({ id: "Group", name: "Group", endpoint: "/Groups", schema: GROUP_SCHEMA, schemaExtensions: [] });
    const schema = (await t.client.get(`/Schemas/${GROUP_SCHEMA}`)).body;
    const attr = (name: string) => schema.attributes.find((a: { name: string }) => a.name === name);
    expect(attr("displayName")).toMatchObject({ required: true, caseExact: false, uniqueness: "server" });
    expect(attr("members")).toMatchObject({ type: "complex", multiValued: true });
    expect(attr("members").subAttributes.map((s: { name: string }) => s.name)).toEqual(["value", "$ref", "display", "type"]);
  });

  it("every attribute the Group schema describes can be filtered on", async () => {
    const schema = (await t.client.get(`/Schemas/${GROUP_SCHEMA}`)).body;
    for (const a of schema.attributes as { name: string; subAttributes?: { name: string }[] }[]) {
      // RFC 7644 §3.4.2.2's ABNF spells attribute names ALPHA *(nameChar): `$ref` cannot appear in a filter.
      const paths = (a.subAttributes ? a.subAttributes.map((s) => `${a.name}.${s.name}`) : [a.name]).filter((p) => !p.endsWith("$ref"));
      for (const path of paths) {
        const res = await t.client.get(`/Groups?filter=${q(`${path} pr`)}&excludedAttributes=members`);
        expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
      }
    }
  });
});
