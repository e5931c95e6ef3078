import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CUSTOM_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  expectScimError,
  LIST_RESPONSE_SCHEMA,
  patchOp,
  createScimTenant,
  scimUser,
  USER_SCHEMA,
  type ScimTenant,
} from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/** The SCIM User resource over real HTTP and real PostgreSQL (issue 3 §2–§6, RFC 7644). */
let app: TestApp;
let t: ScimTenant;
let other: ScimTenant;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  other = await createScimTenant(app);
});
afterAll(async () => app?.close());

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(text, params);
}

async function create(userName: string, extra: Record<string, unknown> = {}, tenant = t) {
  const res = await tenant.client.post("/Users", scimUser(userName, extra));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, any>;
}

describe("POST /Users (RFC 7644 §3.3)", () => {
  it("creates a user: 201, Location, ETag and meta with absolute location", async () => {
    const res = await t.client.post("/Users", scimUser("create.one@example.com", { externalId: "Ext-ONE", displayName: "One" }));
    expect(res.status).toBe(201);
    expect(res.contentType).toMatch(/^application\/scim\+json/);
    const id = res.body.id as string;
    expect(res.headers.get("location")).toBe(`${app.url}/scim/v2/Users/${id}`);
    expect(res.headers.get("etag")).toBe(res.body.meta.version);
    expect(res.body.meta).toMatchObject({ resourceType: "User", location: `${app.url}/scim/v2/Users/${id}` });
    expect(Date.parse(res.body.meta.created)).not.toBeNaN();
    expect(Date.parse(res.body.meta.lastModified)).not.toBeNaN();
    expect(res.body).toMatchObject({ userName: "create.one@example.com", externalId: "Ext-ONE", displayName: "One", active: true });
    const [row] = await sql<{ allow_sso_login: boolean; auto_assign_roles: boolean }>("select allow_sso_login, auto_assign_roles from user_account where id = ?", [id]);
    expect(row).toEqual({ allow_sso_login: true, auto_assign_roles: true });
  });

  it("accepts application/json as Okta sends it, and answers application/scim+json", async () => {
    const res = await t.client.request("POST", "/Users", scimUser("okta.json@example.com"), { contentType: "application/json" });
    expect(res.status).toBe(201);
    expect(res.contentType).toMatch(/^application\/scim\+json/);
  });

  it("ignores client-supplied id, meta and groups", async () => {
    const body = scimUser("readonly.ignored@example.com", {
      id: "00000000-0000-4000-8000-000000000000",
      meta: { resourceType: "User", created: "2000-01-01T00:00:00Z" },
      groups: [{ value: "x" }],
    });
    const res = await t.client.post("/Users", body);
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe("00000000-0000-4000-8000-000000000000");
    expect(res.body.meta.created.startsWith("2000")).toBe(false);
    expect(res.body.groups).toBeUndefined();
  });

  it("never returns the password, and a password that breaks the policy is 400 invalidValue naming the rule", async () => {
    const ok = await t.client.post("/Users", scimUser("with.password@example.com", { password: "Correct-Horse-42-battery" }));
    expect(ok.status).toBe(201);
    expect(JSON.stringify(ok.body)).not.toContain("Correct-Horse");
    expect(ok.body.password).toBeUndefined();
    const weak = await t.client.post("/Users", scimUser("weak.password@example.com", { password: "short" }));
    expectScimError(weak, 400, "invalidValue");
    expect(weak.body.detail).toMatch(/password/i);
  });

  it("keeps attributes and extensions it does not model, and returns them; personId in any case", async () => {
    const res = await t.client.post("/Users", {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, CUSTOM_USER_SCHEMA, "urn:example:params:scim:schemas:extension:acme:2.0:User"],
      userName: "kept.attributes@example.com",
      phoneNumbers: [{ value: "+1 555 0100", type: "work" }],
      costCentreCode: "CC-9",
      [ENTERPRISE_USER_SCHEMA]: { department: "Sales", costCenter: "4130", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } },
      "urn:ietf:params:scim:schemas:extension:CUSTOM:2.0:User": { PersonID: "P-001" },
      "urn:example:params:scim:schemas:extension:acme:2.0:User": { badge: 42 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const got = await t.client.get(`/Users/${res.body.id}`);
    expect(got.body.phoneNumbers).toEqual([{ value: "+1 555 0100", type: "work" }]);
    expect(got.body.costCentreCode).toBe("CC-9");
    expect(got.body[ENTERPRISE_USER_SCHEMA]).toMatchObject({ department: "Sales", costCenter: "4130", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } });
    expect(got.body[CUSTOM_USER_SCHEMA]).toEqual({ personId: "P-001" });
    expect(got.body["urn:example:params:scim:schemas:extension:acme:2.0:User"]).toEqual({ badge: 42 });
    expect(got.body.schemas).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE_USER_SCHEMA, CUSTOM_USER_SCHEMA, "urn:example:params:scim:schemas:extension:acme:2.0:User"]));
    const found = await t.client.get(`/Users?filter=${encodeURIComponent('personid eq "P-001"')}`);
    expect(found.body.totalResults).toBe(1);
  });

  it("a userName taken in another case is 409 uniqueness", async () => {
    await create("dup.case@example.com");
    expectScimError(await t.client.post("/Users", scimUser("DUP.Case@Example.com")), 409, "uniqueness");
  });

  it("many clients creating one userName at once: exactly one 201, the rest 409, never 500", async () => {
    const names = Array.from({ length: 12 }, (_, i) => (i % 2 ? "RACE.user@example.com" : "race.USER@example.com"));
    const results = await Promise.all(names.map((n) => t.client.post("/Users", scimUser(n))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    for (const r of results.filter((x) => x.status === 409)) expectScimError(r, 409, "uniqueness");
  });

  it.each([
    ["no userName", { schemas: [USER_SCHEMA], name: { givenName: "X" } }, 400, "invalidValue"],
    ["userName of the wrong type", { schemas: [USER_SCHEMA], userName: 42 }, 400, "invalidValue"],
    ["no schemas", { userName: "no.schemas@example.com" }, 400, "invalidSyntax"],
    ["schemas without the User schema", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], userName: "x@example.com" }, 400, "invalidValue"],
    ["active of the wrong type", { schemas: [USER_SCHEMA], userName: "bad.active@example.com", active: "yes" }, 400, "invalidValue"],
    ["emails not a list", { schemas: [USER_SCHEMA], userName: "bad.emails@example.com", emails: "a@b.c" }, 400, "invalidValue"],
    ["a JSON array", [1, 2], 400, "invalidSyntax"],
  ])("%s → %i %s", async (_name, body, status, scimType) => {
    expectScimError(await t.client.post("/Users", body), status, scimType);
  });

  it("malformed JSON is 400 invalidSyntax", async () => {
    expectScimError(await t.client.request("POST", "/Users", undefined, { rawBody: '{"schemas": [' }), 400, "invalidSyntax");
  });

  it("a body over 1 MB is 413 in SCIM form", async () => {
    const huge = JSON.stringify(scimUser("huge@example.com", { title: "x".repeat(1_100_000) }));
    expectScimError(await t.client.request("POST", "/Users", undefined, { rawBody: huge }), 413);
  });
});

describe("GET /Users/{id}", () => {
  it("an unknown id is 404 with a detail", async () => {
    expectScimError(await t.client.get("/Users/7c9e6679-7425-40de-944b-e07fc1f90ae7"), 404);
  });
  it("a malformed id is 404, not 500", async () => {
    expectScimError(await t.client.get("/Users/not-a-uuid%27%3B--"), 404);
  });
  it("another company's user is 404", async () => {
    const theirs = await create("theirs@example.com", {}, other);
    expectScimError(await t.client.get(`/Users/${theirs.id}`), 404);
    expectScimError(await t.client.put(`/Users/${theirs.id}`, scimUser("theirs@example.com", { active: false })), 404);
    expectScimError(await t.client.patch(`/Users/${theirs.id}`, patchOp({ op: "replace", path: "active", value: false })), 404);
    expectScimError(await t.client.delete(`/Users/${theirs.id}`), 404);
    const still = await other.client.get(`/Users/${theirs.id}`);
    expect(still.body.active).toBe(true);
  });
  it("returns the ETag of the version, and attributes/excludedAttributes select what is returned", async () => {
    const u = await create("selected@example.com", { displayName: "Sel" });
    const full = await t.client.get(`/Users/${u.id}`);
    expect(full.headers.get("etag")).toBe(`W/"${u.meta.version.match(/\d+/)[0]}"`);
    const only = await t.client.get(`/Users/${u.id}?attributes=userName,name.givenName`);
    expect(Object.keys(only.body).sort()).toEqual(["id", "name", "schemas", "userName"]);
    expect(only.body.name).toEqual({ givenName: "Test" });
    const without = await t.client.get(`/Users/${u.id}?excludedAttributes=emails,meta`);
    expect(without.body.emails).toBeUndefined();
    expect(without.body.meta).toBeUndefined();
    expect(without.body.displayName).toBe("Sel");
  });
});

describe("GET /Users with filters (RFC 7644 §3.4.2.2)", () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const tenant = await createScimTenant(app);
    t2 = tenant;
    const a = await create("alice@filter.example", { displayName: "Alice", title: "Engineer", externalId: "EXT-a", emails: [{ value: "alice@work.example", type: "work", primary: true }, { value: "alice@home.example", type: "home" }], [ENTERPRISE_USER_SCHEMA]: { department: "R&D" } }, tenant);
    const b = await create("bob@filter.example", { displayName: "Bob", externalId: "EXT-b", active: false, emails: [{ value: "bob@home.example", type: "home" }] }, tenant);
    const c = await create("carol@other.example", { displayName: "Carol", title: "Manager", externalId: "ext-c" }, tenant);
    ids = { a: a.id, b: b.id, c: c.id };
  });
  let t2: ScimTenant;
  const names = async (filter: string, extra = "") => {
    const res = await t2.client.get(`/Users?filter=${encodeURIComponent(filter)}${extra}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.schemas).toEqual([LIST_RESPONSE_SCHEMA]);
    return (res.body.Resources as { userName: string }[]).map((r) => r.userName.split("@")[0]).sort();
  };

  it.each([
    ['userName eq "ALICE@filter.example"', ["alice"]],
    ['userName ne "alice@filter.example"', ["bob", "carol", expect.stringMatching(/^scim-/)].slice(0, 2)],
    ['userName co "FILTER"', ["alice", "bob"]],
    ['userName sw "car"', ["carol"]],
    ['userName ew "@other.example"', ["carol"]],
    ['displayName gt "Bob"', ["carol"]],
    ['displayName ge "Bob"', ["bob", "carol"]],
    ['displayName lt "Bob"', ["alice"]],
    ['displayName le "Bob"', ["alice", "bob"]],
    ["title pr", ["alice", "carol"]],
    ["not (title pr) and displayName pr", ["bob"]],
    ["active eq false", ["bob"]],
    ['externalId eq "EXT-a"', ["alice"]],
    ['externalId eq "ext-a"', []],
    ['emails[type eq "work" and value co "@work.example"]', ["alice"]],
    ['emails[type eq "home"]', ["alice", "bob"]],
    ['emails.value ew "home.example"', ["alice", "bob"]],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "r&d"', ["alice"]],
    ['userName eq "alice@filter.example" or userName eq "carol@other.example"', ["alice", "carol"]],
    ['(title eq "Engineer" or title eq "Manager") and userName co "filter"', ["alice"]],
    ['USERNAME EQ "bob@filter.example"', ["bob"]],
    ['userName eq "nobody@filter.example"', []],
  ])("%s", async (filter, expected) => {
    const got = await names(filter);
    if (filter.startsWith("userName ne")) {
      expect(got).toEqual(expect.arrayContaining(["bob", "carol"]));
      expect(got).not.toContain("alice");
    } else {
      expect(got).toEqual(expected);
    }
  });

  it("meta.lastModified gt finds what changed after a time, compared as a date (SailPoint deltas)", async () => {
    // Bounds come from the users' own meta.lastModified, so the test does not depend on how long set-up took.
    const modified = await Promise.all(
      [ids.a, ids.b].map(async (id) => Date.parse((await t2.client.get(`/Users/${id}`)).body.meta.lastModified as string)),
    );
    const before = new Date(Math.min(...modified) - 1).toISOString();
    const latest = new Date(Math.max(...modified)).toISOString();
    const after = new Date(Date.now() + 60_000).toISOString();
    expect(await names(`meta.lastModified gt "${before}" and userName co "filter.example"`)).toEqual(["alice", "bob"]);
    expect(await names(`meta.lastModified gt "${latest}" and userName co "filter.example"`)).toEqual([]);
    expect(await names(`meta.lastModified gt "${after}"`)).toEqual([]);
    expect((await names(`meta.created lt "${after}" and userName sw "carol"`))).toEqual(["carol"]);
  });

  it("a miss is 200 with totalResults 0, never 404", async () => {
    const res = await t2.client.get(`/Users?filter=${encodeURIComponent('userName eq "8c6f2d1e-2f62-4b51-a7b2-5f0f7a2b9c11"')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });
    // A list has no version: no ETag that a client could mistake for one (RFC 7644 §3.14).
    expect(res.headers.get("etag")).toBeNull();
  });

  it.each([
    ['shoeSize eq "9"', "shoeSize"],
    ['userName eq', "cannot be parsed"],
    ['active co "t"', "co"],
    ['meta.lastModified gt "not a date"', "dateTime"],
  ])("%s → 400 invalidFilter naming the problem", async (filter, mention) => {
    const res = await t2.client.get(`/Users?filter=${encodeURIComponent(filter)}`);
    expectScimError(res, 400, "invalidFilter");
    expect(res.body.detail).toContain(mention);
  });

  it("startIndex and count page in SQL, per RFC 7644 §3.4.2.4", async () => {
    const all = await t2.client.get("/Users?sortBy=userName&startIndex=1&count=100");
    const total = all.body.totalResults as number;
    expect(total).toBeGreaterThanOrEqual(4);
    const page = await t2.client.get("/Users?sortBy=userName&startIndex=2&count=2");
    expect(page.body).toMatchObject({ totalResults: total, itemsPerPage: 2, startIndex: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id));
    const zero = await t2.client.get("/Users?count=-5");
    expect(zero.body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
    const low = await t2.client.get("/Users?startIndex=-3&count=1");
    expect(low.body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    const capped = await t2.client.get("/Users?count=5000");
    expect(capped.status).toBe(200);
    expect(capped.body.itemsPerPage).toBe(total);
    const past = await t2.client.get("/Users?startIndex=1000&count=10");
    expect(past.body).toMatchObject({ totalResults: total, itemsPerPage: 0, startIndex: 1000 });
  });

  it("sortBy and sortOrder sort in SQL", async () => {
    const asc = await t2.client.get(`/Users?filter=${encodeURIComponent('userName co "example"')}&sortBy=displayName&sortOrder=ascending`);
    const desc = await t2.client.get(`/Users?filter=${encodeURIComponent('userName co "example"')}&sortBy=displayName&sortOrder=descending`);
    const a = asc.body.Resources.map((r: { displayName?: string }) => r.displayName);
    const d = desc.body.Resources.map((r: { displayName?: string }) => r.displayName);
    expect(a.filter(Boolean)).toEqual(["Alice", "Bob", "Carol"]);
    expect(d.filter(Boolean)).toEqual(["Carol", "Bob", "Alice"]);
    expectScimError(await t2.client.get("/Users?sortBy=shoeSize"), 400, "invalidValue");
  });

  it("POST /Users/.search takes a SearchRequest (RFC 7644 §3.4.3)", async () => {
    const res = await t2.client.post("/Users/.search", {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
      filter: 'userName sw "alice"',
      attributes: ["userName"],
      startIndex: 1,
      count: 10,
    });
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(1);
    expect(Object.keys(res.body.Resources[0]).sort()).toEqual(["id", "schemas", "userName"]);
    expectScimError(await t2.client.post("/Users/.search", { filter: "x" }), 400, "invalidSyntax");
    expect(ids.a).toBeTruthy();
  });
});

describe("PUT /Users/{id} (RFC 7644 §3.5.1, rolebridge's keep-what-is-left-out rule)", () => {
  it("SailPoint's deactivation PUT keeps name and emails, and its enable PUT reactivates", async () => {
    const u = await create("sp.leaver@example.com", { displayName: "Leaver" });
    const off = await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: "sp.leaver@example.com", active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, displayName: "Leaver", name: { givenName: "Test", familyName: "User" }, emails: [{ value: "sp.leaver@example.com" }] });
    const on = await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: "sp.leaver@example.com", active: true });
    expect(on.body.active).toBe(true);
  });
  it("an explicit null or [] clears", async () => {
    const u = await create("put.clears@example.com", { title: "T", nickName: "N" });
    const res = await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: "put.clears@example.com", title: null, emails: [] });
    expect(res.body.title).toBeUndefined();
    expect(res.body.emails).toBeUndefined();
    expect(res.body.nickName).toBe("N");
  });
  it("If-Match with a stale version is 412; with the current one it applies", async () => {
    const u = await create("put.ifmatch@example.com");
    const stale = await t.client.put(`/Users/${u.id}`, scimUser("put.ifmatch@example.com", { title: "x" }), { "If-Match": 'W/"99"' });
    expectScimError(stale, 412);
    const ok = await t.client.put(`/Users/${u.id}`, scimUser("put.ifmatch@example.com", { title: "x" }), { "If-Match": u.meta.version });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).not.toBe(u.meta.version);
  });
  it("renaming to a userName another user has (any case) is 409 uniqueness", async () => {
    await create("put.taken@example.com");
    const u = await create("put.renamer@example.com");
    expectScimError(await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: "PUT.TAKEN@example.com" }), 409, "uniqueness");
  });
  it("unknown attributes in a PUT are merged into those kept", async () => {
    const u = await create("put.ext@example.com", { phoneNumbers: [{ value: "1" }], costCentreCode: "A" });
    const res = await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: "put.ext@example.com", COSTCENTRECODE: "B" });
    expect(res.body.costCentreCode).toBe("B");
    expect(res.body.phoneNumbers).toEqual([{ value: "1" }]);
  });
});

describe("PATCH /Users/{id} (RFC 7644 §3.5.2)", () => {
  it("Entra: capitalised ops, string booleans, value-filter and URN paths, manager as a plain string", async () => {
    const manager = await create("entra.manager@example.com");
    const u = await create("entra.patch@example.com");
    const res = await t.client.patch(
      `/Users/${u.id}`,
      patchOp(
        { op: "Replace", path: "active", value: "False" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: "entra.new@example.com" },
        { op: "Add", path: `${ENTERPRISE_USER_SCHEMA}:department`, value: "Finance" },
        { op: "Add", path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: manager.id },
        { op: "Add", value: { "name.givenName": "Ent", title: "Director" } },
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      active: false,
      title: "Director",
      name: { givenName: "Ent", familyName: "User" },
      emails: [{ value: "entra.new@example.com", type: "work" }],
      [ENTERPRISE_USER_SCHEMA]: { department: "Finance", manager: { value: manager.id } },
    });
    const [event] = await sql<{ normalizations: string[] }>("select normalizations from provisioning_event where resource_id = ? and method = 'PATCH'", [u.id]);
    expect(event?.normalizations).toEqual(expect.arrayContaining(["entra-capitalised-op", "entra-string-boolean", "entra-manager-string"]));
  });
  it("Okta: replace without a path deactivates, then reactivates", async () => {
    const u = await create("okta.patch@example.com");
    const off = await t.client.patch(`/Users/${u.id}`, patchOp({ op: "replace", value: { active: false } }));
    expect(off.body.active).toBe(false);
    const on = await t.client.patch(`/Users/${u.id}`, patchOp({ op: "replace", value: { active: true } }));
    expect(on.body.active).toBe(true);
  });
  it("SailPoint: a bare JSON array of operations", async () => {
    const u = await create("sailpoint.patch@example.com");
    const res = await t.client.patch(`/Users/${u.id}`, [{ op: "replace", path: "userType", value: "Contractor" }]);
    expect(res.status).toBe(200);
    expect(res.body.userType).toBe("Contractor");
  });
  it("remove with and without a value filter", async () => {
    const u = await create("remove.patch@example.com", { title: "T", emails: [{ value: "w@x.example", type: "work" }, { value: "h@x.example", type: "home" }] });
    const res = await t.client.patch(`/Users/${u.id}`, patchOp({ op: "remove", path: "title" }, { op: "remove", path: 'emails[type eq "home"]' }));
    expect(res.body.title).toBeUndefined();
    expect(res.body.emails).toEqual([{ value: "w@x.example", type: "work", primary: false }]);
  });
  it.each([
    ["id", patchOp({ op: "replace", path: "id", value: "x" }), 400, "mutability"],
    ["meta", patchOp({ op: "replace", path: "meta.lastModified", value: "2020-01-01T00:00:00Z" }), 400, "mutability"],
    ["groups", patchOp({ op: "add", path: "groups", value: [{ value: "g" }] }), 400, "mutability"],
    ["a filter that matches nothing on replace of a whole value", patchOp({ op: "replace", path: 'emails[type eq "pager"]', value: { value: "p@x" } }), 400, "noTarget"],
    ["remove without path", patchOp({ op: "remove" }), 400, "noTarget"],
    ["bad path", patchOp({ op: "replace", path: "emails[type eq", value: "x" }), 400, "invalidPath"],
    ["bad op", patchOp({ op: "frobnicate", path: "title", value: "x" }), 400, "invalidSyntax"],
    ["wrong value type", patchOp({ op: "replace", path: "active", value: "sometimes" }), 400, "invalidValue"],
    ["missing schemas", { Operations: [{ op: "replace", path: "title", value: "x" }] }, 400, "invalidSyntax"],
    ["taken userName", patchOp({ op: "replace", path: "userName", value: "DUP.CASE@example.com" }), 409, "uniqueness"],
  ])("%s → %i %s", async (_name, body, status, scimType) => {
    const u = await create(`patch.err.${Math.random().toString(36).slice(2)}@example.com`);
    expectScimError(await t.client.patch(`/Users/${u.id}`, body), status, scimType);
  });
  it("If-Match with a stale version is 412", async () => {
    const u = await create("patch.ifmatch@example.com");
    expectScimError(await t.client.patch(`/Users/${u.id}`, patchOp({ op: "replace", path: "title", value: "x" }), { "If-Match": 'W/"42"' }), 412);
  });
  it("concurrent PATCHes of different attributes of one user lose no update", async () => {
    const u = await create("patch.concurrent@example.com");
    const attrs = ["title", "nickName", "displayName", "userType", "locale", "timezone"];
    const results = await Promise.all(attrs.map((a) => t.client.patch(`/Users/${u.id}`, patchOp({ op: "replace", path: a, value: `v-${a}` }))));
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const got = await t.client.get(`/Users/${u.id}`);
    for (const a of attrs) expect(got.body[a]).toBe(`v-${a}`);
  });
  it("an unknown user is 404", async () => {
    expectScimError(await t.client.patch("/Users/7c9e6679-7425-40de-944b-e07fc1f90ae7", patchOp({ op: "replace", path: "title", value: "x" })), 404);
  });
});

describe("DELETE /Users/{id} (RFC 7644 §3.6)", () => {
  it("deactivates by default: 204, and GET still returns the user with active false", async () => {
    const u = await create("delete.deactivate@example.com");
    const res = await t.client.delete(`/Users/${u.id}`);
    expect(res.status).toBe(204);
    const got = await t.client.get(`/Users/${u.id}`);
    expect(got.status).toBe(200);
    expect(got.body.active).toBe(false);
  });
  it("removes the user when the company says delete: 404 afterwards", async () => {
    const tenant = await createScimTenant(app);
    await sql("update company set scim_delete_mode = 'delete' where id = ?", [tenant.company.id]);
    const u = await create("delete.hard@example.com", {}, tenant);
    expect((await tenant.client.delete(`/Users/${u.id}`)).status).toBe(204);
    expectScimError(await tenant.client.get(`/Users/${u.id}`), 404);
    expectScimError(await tenant.client.delete(`/Users/${u.id}`), 404);
  });
});

describe("authentication and authorization (issue 3 §1)", () => {
  it("no credentials: 401 with WWW-Authenticate and a SCIM error body", async () => {
    const res = await t.client.withAuthorization(undefined).get("/Users");
    expectScimError(res, 401);
    expect(res.headers.get("www-authenticate")).toMatch(/Basic realm="rolebridge SCIM".*Bearer/);
  });
  it("a wrong secret: 401", async () => {
    const bad = `Basic ${Buffer.from(`${t.clientId}:wrong`).toString("base64")}`;
    expectScimError(await t.client.withAuthorization(bad).get("/Users"), 401);
  });
  it("the app password as one bearer token works (Entra, OneLogin)", async () => {
    const res = await t.client.withAuthorization(`Bearer ${t.bearerToken}`).get("/Users?count=1");
    expect(res.status).toBe(200);
  });
  it("an account without CanProvisionUsersAsSCIM: 403 saying so", async () => {
    const viewer = await createScimTenant(app, { roles: ["Viewer"] });
    const res = await viewer.client.get("/Users");
    expectScimError(res, 403);
    expect(res.body.detail).toContain("CanProvisionUsersAsSCIM");
  });
  it("a company whose SCIM feature is off: 403 saying so", async () => {
    const off = await createScimTenant(app, { scimEnabled: false });
    const res = await off.client.get("/Users");
    expectScimError(res, 403);
    expect(res.body.detail).toMatch(/switched off/);
  });
  it("unknown endpoints are 404, in SCIM form", async () => {
    expectScimError(await t.client.get("/Nope"), 404);
    expectScimError(await t.client.get("/Bulk"), 404);
  });
});

describe("provisioning log (issue 3 §7)", () => {
  it("records reads and failures with status, scimType and detail, and writes with their resource", async () => {
    const u = await create("logged@example.com");
    const miss = await t.client.get(`/Users?filter=${encodeURIComponent("bogus eq 1")}`);
    const requestId = miss.headers.get("x-request-id");
    const read = await t.client.get(`/Users/${u.id}`);
    // Reads and failures are written in batches after the response; write this one now.
    await new Promise((r) => setTimeout(r, 20));
    await app.services.provisioningEvents.flush();
    const [failure] = await sql<Record<string, unknown>>("select status, scim_type, detail, outcome, company_id from provisioning_event where id = ?", [requestId]);
    expect(failure).toMatchObject({ status: 400, scim_type: "invalidFilter", outcome: "failure", company_id: t.company.id });
    expect(String(failure!.detail)).toContain("bogus");
    const [ok] = await sql<Record<string, unknown>>("select status, resource_type, resource_id, app_password_id from provisioning_event where id = ?", [read.headers.get("x-request-id")]);
    expect(ok).toMatchObject({ status: 200, resource_type: "User", resource_id: u.id, app_password_id: t.appPasswordId });
    const events = await sql<{ count: number }>("select count(*)::int as count from provisioning_event where resource_id = ? and method = 'POST'", [u.id]);
    expect(events[0]!.count).toBe(1);
  });
});
