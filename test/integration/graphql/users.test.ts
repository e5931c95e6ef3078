import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPrincipal } from "../../../src/auth/principal-loader.js";
import { TENANT_FILTER } from "../../../src/domain/tenant.js";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql, type GraphQLResponse } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

let app: TestApp;
let a: TestCompany;
let b: TestCompany;
let viewerToken: string;
let noRolesToken: string;
let scimToken: string;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  viewerToken = await tokenFor(app, await createUserWithRoles(app, a.company, "viewer@a.example", ["Viewer"]));
  noRolesToken = await tokenFor(app, await createUserWithRoles(app, a.company, "nobody@a.example", []));
  scimToken = await tokenFor(app, await createUserWithRoles(app, a.company, "scim@a.example", ["SCIM Provisioner"], { isServiceAccount: true }));
});
afterAll(() => app?.close());

const USER = `id userName externalId displayName nickName title userType preferredLanguage locale timezone active personId
  allowSsoLogin autoAssignRoles isServiceAccount hasPassword extensionAttributes version createdAt updatedAt
  name { formatted givenName familyName middleName honorificPrefix honorificSuffix }
  emails { value type primary display }
  enterprise { employeeNumber costCenter organization division department managerId managerDisplayName }`;

const CREATE = `mutation($i: UserInput!) { createUser(input: $i) { ${USER} } }`;
const UPDATE = `mutation($id: ID!, $i: UserInput!, $v: Int) { updateUser(id: $id, input: $i, expectedVersion: $v) { ${USER} } }`;
const REPLACE = `mutation($id: ID!, $i: UserInput!, $v: Int) { replaceUser(id: $id, input: $i, expectedVersion: $v) { ${USER} } }`;
const GET = `query($id: ID!) { user(id: $id) { ${USER} } }`;
const LIST = `query($w: UserWhere, $o: UserOrderBy, $p: PageInput) { users(where: $w, orderBy: $o, page: $p) { totalCount nodes { id userName } pageInfo { hasNextPage endCursor offset } } }`;
const SET_ACTIVE = `mutation($id: ID!, $a: Boolean!, $v: Int) { setUserActive(id: $id, active: $a, expectedVersion: $v) { id active version } }`;
const DELETE = `mutation($id: ID!, $v: Int) { deleteUser(id: $id, expectedVersion: $v) }`;
const DEPROVISION = `mutation($id: ID!, $v: Int) { deprovisionUser(id: $id, expectedVersion: $v) { deleted user { id active version } } }`;

function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(query, params);
}

async function counts(companyId: string): Promise<{ users: number; emails: number }> {
  const [row] = await sql<{ users: number; emails: number }>(
    `select (select count(*)::int from user_account where company_id = ?) as users, (select count(*)::int from user_email where company_id = ?) as emails`,
    [companyId, companyId],
  );
  return row!;
}

function ok<T>(res: GraphQLResponse<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function create(input: Record<string, unknown>, token = a.adminToken) {
  return ok(await gql(app.url, CREATE, { i: input }, token)).createUser;
}

const FULL = {
  userName: "Full.Person@a.example",
  externalId: "00u-Full-1",
  displayName: "Full Person",
  nickName: "Fully",
  title: "Engineer",
  userType: "Employee",
  preferredLanguage: "en-GB",
  locale: "en-GB",
  timezone: "Europe/London",
  name: { formatted: "Ms Full Q Person III", givenName: "Full", familyName: "Person", middleName: "Q", honorificPrefix: "Ms", honorificSuffix: "III" },
  emails: [
    { value: "full@a.example", type: "work", primary: true, display: "Work" },
    { value: "full@home.example", type: "home" },
  ],
  personId: "P-100",
  enterprise: { employeeNumber: "701984", costCenter: "4130", organization: "Universal Studios", division: "Theme Park", department: "Tour Operations", managerId: "26118915-6090-4610-87e4-49d8ca9f808d", managerDisplayName: "John Smith" },
  extensionAttributes: { "urn:example:custom:1.0:User": { badge: "A-1", floors: [1, 2] } },
};

describe("createUser and user", () => {
  it("creates a user with every attribute, returns it, and stores one user row and its email rows", async () => {
    const before = await counts(a.company.id);
    const user = await create(FULL);
    expect(user).toMatchObject({
      ...FULL,
      userName: "Full.Person@a.example",
      active: true,
      hasPassword: false,
      version: 1,
      allowSsoLogin: false,
      autoAssignRoles: false,
      isServiceAccount: false,
      emails: [
        { value: "full@a.example", type: "work", primary: true, display: "Work" },
        { value: "full@home.example", type: "home", primary: false, display: null },
      ],
    });
    expect(new Date(user.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await counts(a.company.id)).toEqual({ users: before.users + 1, emails: before.emails + 2 });

    const read = ok(await gql(app.url, GET, { id: user.id }, viewerToken)).user;
    expect(read).toEqual(user);
  });

  it("records an audit event for a created user", async () => {
    const user = await create({ userName: "audited@a.example", displayName: "Audited" });
    const rows = await sql<{ action: string; after: Record<string, unknown> }>(`select action, after from audit_event where target_id = ?`, [user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "user.create", after: { userName: "audited@a.example", displayName: "Audited" } });
  });

  it("gives NOT_FOUND (never a 500) for an unknown or malformed id", async () => {
    expect(errorCode(await gql(app.url, GET, { id: randomUUID() }, a.adminToken))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, GET, { id: "not-a-uuid" }, a.adminToken))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, UPDATE, { id: "x'; drop table user_account; --", i: { title: "x" } }, a.adminToken))).toBe("NOT_FOUND");
  });

  it("treats userName as unique ignoring case: a second create is CONFLICT on userName and writes nothing", async () => {
    await create({ userName: "Jane@X.com" });
    const before = await counts(a.company.id);
    const dup = await gql(app.url, CREATE, { i: { userName: "jane@x.com", emails: [{ value: "jane@x.com" }] } }, a.adminToken);
    expect(errorCode(dup)).toBe("CONFLICT");
    expect(dup.errors?.[0]?.extensions).toMatchObject({ field: "userName", reason: "UNIQUENESS" });
    expect(await counts(a.company.id)).toEqual(before);

    const found = ok(await gql(app.url, LIST, { w: { userName: { eq: "JANE@x.com" } } }, a.adminToken)).users;
    expect(found.totalCount).toBe(1);
    expect(found.nodes[0].userName).toBe("Jane@X.com");
  });

  it("lets the same userName exist in two companies", async () => {
    await create({ userName: "shared@example.com" });
    const inB = await create({ userName: "Shared@Example.com" }, b.adminToken);
    expect(inB.userName).toBe("Shared@Example.com");
  });

  it("of 20 concurrent creates of one userName in mixed case, exactly one succeeds and 19 get CONFLICT", async () => {
    const names = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? "Race@Example.com" : i % 3 === 1 ? "race@example.com" : "RACE@EXAMPLE.COM"));
    const results = await Promise.all(names.map((userName) => gql(app.url, CREATE, { i: { userName, emails: [{ value: "race@example.com" }] } }, scimToken)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => errorCode(r) === "CONFLICT").length).toBe(19);
    const [row] = await sql<{ users: number; emails: number }>(
      `select count(*)::int as users, (select count(*)::int from user_email e join user_account u on u.id = e.user_id where lower(u.user_name) = 'race@example.com') as emails from user_account where company_id = ? and lower(user_name) = 'race@example.com'`,
      [a.company.id],
    );
    expect(row).toEqual({ users: 1, emails: 1 });
  });

  it("validates input with BAD_USER_INPUT naming the field, writing nothing", async () => {
    const before = await counts(a.company.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ displayName: "no userName" }, "userName"],
      [{ userName: "   " }, "userName"],
      [{ userName: "x".repeat(257) }, "userName"],
      [{ userName: "tab\there@a.example" }, "userName"],
      [{ userName: "nul\u0000@a.example" }, "userName"],
      [{ userName: "ok1@a.example", displayName: "d".repeat(1025) }, "displayName"],
      [{ userName: "ok2@a.example", name: { givenName: "g".repeat(1025) } }, "name.givenName"],
      [{ userName: "ok3@a.example", enterprise: { department: "x\u0000y" } }, "enterprise.department"],
      [{ userName: "ok4@a.example", emails: [{ value: "" }] }, "emails[0].value"],
      [{ userName: "ok5@a.example", emails: [{ value: "a@a.example" }, { value: "e".repeat(513) }] }, "emails[1].value"],
      [{ userName: "ok6@a.example", emails: [{ value: "a@a.example", primary: true }, { value: "b@a.example", primary: true }] }, "emails"],
      [{ userName: "ok7@a.example", emails: Array.from({ length: 101 }, (_, i) => ({ value: `e${i}@a.example` })) }, "emails"],
      [{ userName: "ok8@a.example", extensionAttributes: { "urn:x": { v: "a\u0000b" } } }, "extensionAttributes.urn:x.v"],
      [{ userName: "ok9@a.example", extensionAttributes: { big: "x".repeat(70_000) } }, "extensionAttributes"],
    ];
    for (const [input, field] of cases) {
      const res = await gql(app.url, CREATE, { i: input }, a.adminToken);
      expect(errorCode(res), JSON.stringify(input).slice(0, 80)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(await counts(a.company.id)).toEqual(before);
  });

  it("trims the userName and keeps externalId exactly as sent", async () => {
    const user = await create({ userName: "  padded@a.example ", externalId: " Ext-ID-Case " });
    expect(user.userName).toBe("padded@a.example");
    expect(user.externalId).toBe(" Ext-ID-Case ");
  });
});

describe("passwords", () => {
  const PASSWORD = `mutation($i: UserInput!) { createUser(input: $i) { id hasPassword } }`;

  it("rejects a password breaking the company policy with PASSWORD_POLICY naming the rule", async () => {
    const cases: [string, RegExp][] = [
      ["Short1a", /at least 12 characters/],
      ["alllowercase-123", /uppercase letter/],
      ["ALLUPPERCASE-123", /lowercase letter/],
      ["No-Digits-Here-At-All", /digit/],
      ["Policy-User-1234x", /must not contain the userName/],
    ];
    for (const [password, rule] of cases) {
      const res = await gql(app.url, PASSWORD, { i: { userName: "policy-user@a.example", password } }, a.adminToken);
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.extensions).toMatchObject({ field: "password", reason: "PASSWORD_POLICY" });
      expect(res.errors?.[0]?.message).toMatch(rule);
    }
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from user_account where company_id = ? and user_name = 'policy-user@a.example'`, [a.company.id]);
    expect(row!.n).toBe(0);
  });

  it("stores an argon2id hash, reports hasPassword, never returns the password, and clears it with null", async () => {
    const created = ok(await gql(app.url, PASSWORD, { i: { userName: "pw@a.example", password: "Correct-Horse-42-battery" } }, a.adminToken)).createUser;
    expect(created.hasPassword).toBe(true);
    const [row] = await sql<{ password_hash: string }>(`select password_hash from user_account where id = ?`, [created.id]);
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(ok(await gql(app.url, GET, { id: created.id }, a.adminToken)))).not.toContain("argon2");

    // login works with the new password: it really is the stored credential.
    const login = await gql(app.url, `mutation($c: String!) { login(company: $c, userName: "PW@a.example", password: "Correct-Horse-42-battery") { user { id hasPassword } } }`, { c: a.company.slug });
    expect(ok(login).login.user).toEqual({ id: created.id, hasPassword: true });

    const kept = ok(await gql(app.url, UPDATE, { id: created.id, i: { title: "t" } }, a.adminToken)).updateUser;
    expect(kept.hasPassword).toBe(true);
    const weak = await gql(app.url, UPDATE, { id: created.id, i: { password: "weak" } }, a.adminToken);
    expect(weak.errors?.[0]?.extensions?.reason).toBe("PASSWORD_POLICY");
    const changed = ok(await gql(app.url, UPDATE, { id: created.id, i: { password: "Another-Horse-43-battery" } }, a.adminToken)).updateUser;
    expect(changed).toMatchObject({ hasPassword: true, version: kept.version + 1 });
    const relogin = await gql(app.url, `mutation($c: String!) { login(company: $c, userName: "pw@a.example", password: "Another-Horse-43-battery") { user { id } } }`, { c: a.company.slug });
    expect(ok(relogin).login.user.id).toBe(created.id);
    const cleared = ok(await gql(app.url, UPDATE, { id: created.id, i: { password: null } }, a.adminToken)).updateUser;
    expect(cleared).toMatchObject({ hasPassword: false, version: kept.version + 2 });
    const [after] = await sql<{ password_hash: string | null }>(`select password_hash from user_account where id = ?`, [created.id]);
    expect(after!.password_hash).toBeNull();
  });

  it("checks the policy against the company's own settings", async () => {
    const res = await gql(app.url, `mutation { updateCompanySettings(input: { passwordPolicy: { minLength: 20, requireSymbol: true } }) { passwordPolicy { minLength } } }`, {}, b.adminToken);
    ok(res);
    const short = await gql(app.url, PASSWORD, { i: { userName: "len@b.example", password: "Correct-Horse-42-b" } }, b.adminToken);
    expect(short.errors?.[0]?.message).toMatch(/at least 20 characters/);
    const noSymbol = await gql(app.url, PASSWORD, { i: { userName: "len@b.example", password: "CorrectHorse42batteryStaple" } }, b.adminToken);
    expect(noSymbol.errors?.[0]?.message).toMatch(/symbol/);
    expect(ok(await gql(app.url, PASSWORD, { i: { userName: "len@b.example", password: "Correct-Horse-42-battery!" } }, b.adminToken)).createUser.hasPassword).toBe(true);
  });
});

describe("updateUser (partial) and replaceUser (full)", () => {
  it("keeps what is left out, clears what is null, replaces lists, merges name and enterprise part by part", async () => {
    const user = await create({ ...FULL, userName: "partial@a.example" });
    const updated = ok(
      await gql(app.url, UPDATE, { id: user.id, i: { active: false, title: null, name: { givenName: "Changed", middleName: null }, enterprise: { department: "Sales" } } }, a.adminToken),
    ).updateUser;
    expect(updated).toMatchObject({
      userName: "partial@a.example",
      active: false,
      title: null,
      displayName: FULL.displayName,
      externalId: FULL.externalId,
      name: { ...FULL.name, givenName: "Changed", middleName: null },
      enterprise: { ...FULL.enterprise, department: "Sales" },
      emails: [
        { value: "full@a.example", type: "work", primary: true, display: "Work" },
        { value: "full@home.example", type: "home", primary: false, display: null },
      ],
      extensionAttributes: FULL.extensionAttributes,
      version: 2,
    });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(new Date(user.updatedAt).getTime());

    const emailsReplaced = ok(await gql(app.url, UPDATE, { id: user.id, i: { emails: [{ value: "new@a.example", type: "work", primary: true }] } }, a.adminToken)).updateUser;
    expect(emailsReplaced.emails).toEqual([{ value: "new@a.example", type: "work", primary: true, display: null }]);
    expect(emailsReplaced.name.givenName).toBe("Changed");
    const [rows] = await sql<{ n: number }>(`select count(*)::int as n from user_email where user_id = ?`, [user.id]);
    expect(rows!.n).toBe(1);

    const extReplaced = ok(await gql(app.url, UPDATE, { id: user.id, i: { extensionAttributes: { "urn:other:1.0:User": { x: 1 } } } }, a.adminToken)).updateUser;
    expect(extReplaced.extensionAttributes).toEqual({ "urn:other:1.0:User": { x: 1 } });

    const emailsCleared = ok(await gql(app.url, UPDATE, { id: user.id, i: { emails: [], name: null, enterprise: null, extensionAttributes: null } }, a.adminToken)).updateUser;
    expect(emailsCleared).toMatchObject({
      emails: [],
      name: { formatted: null, givenName: null, familyName: null, middleName: null, honorificPrefix: null, honorificSuffix: null },
      enterprise: { employeeNumber: null, department: null, managerId: null, managerDisplayName: null },
      extensionAttributes: {},
      displayName: FULL.displayName,
      version: 5,
    });
    const [none] = await sql<{ n: number }>(`select count(*)::int as n from user_email where user_id = ?`, [user.id]);
    expect(none!.n).toBe(0);
  });

  it("applies SailPoint's disabling PUT (only userName and active) without wiping the name and emails", async () => {
    const user = await create({ userName: "leaver@a.example", name: { givenName: "Lea", familyName: "Ver" }, emails: [{ value: "leaver@a.example", primary: true }] });
    const res = ok(await gql(app.url, UPDATE, { id: user.id, i: { userName: "leaver@a.example", active: false } }, scimToken)).updateUser;
    expect(res).toMatchObject({ active: false, name: { givenName: "Lea", familyName: "Ver" }, emails: [{ value: "leaver@a.example", primary: true }] });
  });

  it("keeps the version when nothing changes, and renames userName ignoring case only against others", async () => {
    const user = await create({ userName: "same@a.example", displayName: "Same", emails: [{ value: "same@a.example" }] });
    const same = ok(await gql(app.url, UPDATE, { id: user.id, i: { userName: "same@a.example", displayName: "Same", emails: [{ value: "same@a.example" }] } }, a.adminToken)).updateUser;
    expect(same.version).toBe(1);
    expect(same.updatedAt).toBe(user.updatedAt);
    const recased = ok(await gql(app.url, UPDATE, { id: user.id, i: { userName: "SAME@a.example" } }, a.adminToken)).updateUser;
    expect(recased).toMatchObject({ userName: "SAME@a.example", version: 2 });
    const taken = await gql(app.url, UPDATE, { id: user.id, i: { userName: "jane@X.COM" } }, a.adminToken);
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "userName" });
    const nulled = await gql(app.url, UPDATE, { id: user.id, i: { userName: null } }, a.adminToken);
    expect(nulled.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "userName" });
  });

  it("replaceUser resets everything not given except the password, and defaults active to true", async () => {
    const user = await create({ ...FULL, userName: "replace@a.example", active: false, password: "Correct-Horse-42-battery", allowSsoLogin: true });
    const replaced = ok(await gql(app.url, REPLACE, { id: user.id, i: { userName: "Replaced@a.example", displayName: "Only This" }, v: 1 }, a.adminToken)).replaceUser;
    expect(replaced).toMatchObject({
      id: user.id,
      userName: "Replaced@a.example",
      displayName: "Only This",
      externalId: null,
      title: null,
      personId: null,
      active: true,
      allowSsoLogin: false,
      hasPassword: true,
      emails: [],
      extensionAttributes: {},
      name: { givenName: null, familyName: null, formatted: null },
      enterprise: { department: null, managerId: null },
      version: 2,
      createdAt: user.createdAt,
    });
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from user_email where user_id = ?`, [user.id]);
    expect(row!.n).toBe(0);
    const missing = await gql(app.url, REPLACE, { id: user.id, i: { displayName: "no userName" } }, a.adminToken);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "userName" });
  });

  it("fails with PRECONDITION_FAILED when expectedVersion is stale, changing nothing", async () => {
    const user = await create({ userName: "versioned@a.example", title: "v1" });
    ok(await gql(app.url, UPDATE, { id: user.id, i: { title: "v2" }, v: 1 }, a.adminToken));
    const stale = await gql(app.url, UPDATE, { id: user.id, i: { title: "stale" }, v: 1 }, a.adminToken);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "PRECONDITION_FAILED", reason: "VERSION_MISMATCH" });
    for (const res of [
      await gql(app.url, REPLACE, { id: user.id, i: { userName: "versioned@a.example" }, v: 1 }, a.adminToken),
      await gql(app.url, SET_ACTIVE, { id: user.id, a: false, v: 1 }, a.adminToken),
      await gql(app.url, DELETE, { id: user.id, v: 1 }, a.adminToken),
      await gql(app.url, DEPROVISION, { id: user.id, v: 1 }, a.adminToken),
    ]) {
      expect(errorCode(res)).toBe("PRECONDITION_FAILED");
    }
    const read = ok(await gql(app.url, GET, { id: user.id }, a.adminToken)).user;
    expect(read).toMatchObject({ title: "v2", version: 2, active: true });
  });

  it("never loses one of two concurrent updates of different attributes", async () => {
    const user = await create({ userName: "concurrent@a.example" });
    const fields = ["displayName", "nickName", "title", "userType", "locale", "timezone", "personId", "preferredLanguage"];
    const results = await Promise.all(fields.map((f) => gql(app.url, UPDATE, { id: user.id, i: { [f]: `set-${f}` } }, a.adminToken)));
    results.forEach((r) => ok(r));
    const read = ok(await gql(app.url, GET, { id: user.id }, a.adminToken)).user;
    for (const f of fields) expect(read[f]).toBe(`set-${f}`);
    expect(read.version).toBe(1 + fields.length);
    // With expectedVersion, concurrent writers of one version: exactly one wins.
    const racing = await Promise.all(
      ["x", "y", "z"].map((t) => gql(app.url, UPDATE, { id: user.id, i: { title: t }, v: read.version }, a.adminToken)),
    );
    expect(racing.filter((r) => !r.errors).length).toBe(1);
    expect(racing.filter((r) => errorCode(r) === "PRECONDITION_FAILED").length).toBe(2);
  });
});

describe("setUserActive, deleteUser, deprovisionUser", () => {
  it("setUserActive deactivates and reactivates, bumping the version each time", async () => {
    const user = await create({ userName: "toggle@a.example" });
    expect(ok(await gql(app.url, SET_ACTIVE, { id: user.id, a: false }, scimToken)).setUserActive).toEqual({ id: user.id, active: false, version: 2 });
    expect(ok(await gql(app.url, SET_ACTIVE, { id: user.id, a: false }, scimToken)).setUserActive.version).toBe(2);
    expect(ok(await gql(app.url, SET_ACTIVE, { id: user.id, a: true, v: 2 }, scimToken)).setUserActive).toEqual({ id: user.id, active: true, version: 3 });
  });

  it("deleteUser removes the user, its emails and memberships; the id is NOT_FOUND afterwards", async () => {
    const user = await create({ userName: "gone@a.example", emails: [{ value: "gone@a.example" }, { value: "gone2@a.example" }] });
    const em = app.orm.em.fork();
    const [role] = await em.getConnection().execute<{ id: string }[]>(
      `insert into customer_role (id, company_id, display_name, version, created_at, updated_at) values (gen_random_uuid(), ?, 'Doomed members', 1, now(), now()) returning id`,
      [a.company.id],
    );
    await em.getConnection().execute(`insert into membership (company_id, customer_role_id, user_id, source) values (?, ?, ?, 'manual')`, [a.company.id, role!.id, user.id]);
    const before = await counts(a.company.id);
    expect(ok(await gql(app.url, DELETE, { id: user.id, v: 1 }, a.adminToken)).deleteUser).toBe(user.id);
    expect(await counts(a.company.id)).toEqual({ users: before.users - 1, emails: before.emails - 2 });
    const [m] = await sql<{ n: number }>(`select count(*)::int as n from membership where user_id = ?`, [user.id]);
    expect(m!.n).toBe(0);
    expect(errorCode(await gql(app.url, GET, { id: user.id }, a.adminToken))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, DELETE, { id: user.id }, a.adminToken))).toBe("NOT_FOUND");
  });

  it("an update then a delete in one request (one EntityManager) both apply", async () => {
    const user = await create({ userName: "same-request@a.example", emails: [{ value: "same-request@a.example" }] });
    const res = await gql(app.url, `mutation($id: ID!) { before: updateUser(id: $id, input: { title: "t" }) { id } gone: deleteUser(id: $id) }`, { id: user.id }, a.adminToken);
    expect(ok(res)).toEqual({ before: { id: user.id }, gone: user.id });
    const [row] = await sql<{ n: number }>(`select count(*)::int as n from user_account where id = ?`, [user.id]);
    expect(row!.n).toBe(0);
  });

  it("deprovisionUser deactivates and keeps the record under scimDeleteMode DEACTIVATE, and removes it under DELETE", async () => {
    const c = await createTestCompany(app);
    const kept = await create({ userName: "kept@c.example", emails: [{ value: "kept@c.example" }] }, c.adminToken);
    const before = await counts(c.company.id);
    const res = ok(await gql(app.url, DEPROVISION, { id: kept.id }, c.adminToken)).deprovisionUser;
    expect(res).toEqual({ deleted: false, user: { id: kept.id, active: false, version: 2 } });
    expect(await counts(c.company.id)).toEqual(before);
    expect(ok(await gql(app.url, GET, { id: kept.id }, c.adminToken)).user).toMatchObject({ active: false, emails: [{ value: "kept@c.example" }] });

    ok(await gql(app.url, `mutation { updateCompanySettings(input: { scimDeleteMode: DELETE }) { scimDeleteMode } }`, {}, c.adminToken));
    const removed = await create({ userName: "removed@c.example", emails: [{ value: "removed@c.example" }] }, c.adminToken);
    const mid = await counts(c.company.id);
    expect(ok(await gql(app.url, DEPROVISION, { id: removed.id }, c.adminToken)).deprovisionUser).toEqual({ deleted: true, user: null });
    expect(await counts(c.company.id)).toEqual({ users: mid.users - 1, emails: mid.emails - 1 });
    expect(errorCode(await gql(app.url, GET, { id: removed.id }, c.adminToken))).toBe("NOT_FOUND");
  });
});

describe("permissions", () => {
  it("lets a Viewer read but not write", async () => {
    const user = await create({ userName: "viewed@a.example" });
    ok(await gql(app.url, GET, { id: user.id }, viewerToken));
    expect(ok(await gql(app.url, LIST, {}, viewerToken)).users.totalCount).toBeGreaterThan(0);
    const writes = [
      await gql(app.url, CREATE, { i: { userName: "viewer-made@a.example" } }, viewerToken),
      await gql(app.url, UPDATE, { id: user.id, i: { title: "x" } }, viewerToken),
      await gql(app.url, REPLACE, { id: user.id, i: { userName: "x@a.example" } }, viewerToken),
      await gql(app.url, SET_ACTIVE, { id: user.id, a: false }, viewerToken),
      await gql(app.url, DELETE, { id: user.id }, viewerToken),
      await gql(app.url, DEPROVISION, { id: user.id }, viewerToken),
    ];
    for (const res of writes) expect(errorCode(res)).toBe("FORBIDDEN");
    expect(ok(await gql(app.url, GET, { id: user.id }, a.adminToken)).user).toMatchObject({ title: null, active: true, version: 1 });
  });

  it("refuses a user with no roles even reads, and an anonymous caller with UNAUTHENTICATED", async () => {
    expect(errorCode(await gql(app.url, LIST, {}, noRolesToken))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, GET, { id: a.admin.id }, noRolesToken))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, LIST, {}))).toBe("UNAUTHENTICATED");
    expect(errorCode(await gql(app.url, CREATE, { i: { userName: "anon@a.example" } }))).toBe("UNAUTHENTICATED");
  });

  it("lets the SCIM provisioner read and write users", async () => {
    const user = await create({ userName: "by-scim@a.example" }, scimToken);
    ok(await gql(app.url, GET, { id: user.id }, scimToken));
    ok(await gql(app.url, UPDATE, { id: user.id, i: { title: "t" } }, scimToken));
  });

  it("checks permissions in the service too, not only at the GraphQL edge", async () => {
    const em = app.orm.em.fork() as EntityManager;
    const viewer = await em.findOneOrFail("User", { userName: "viewer@a.example" }, { filters: false });
    const principal = await loadPrincipal(em, { companyId: a.company.id, userId: (viewer as { id: string }).id }, { kind: "session" });
    em.setFilterParams(TENANT_FILTER, { companyId: a.company.id });
    await expect(app.services.users.create({ em, principal }, { userName: "svc-bypass@a.example" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("tenant isolation", () => {
  it("gives company B NOT_FOUND for company A's user on every operation, changing nothing", async () => {
    const user = await create({ userName: "secret@a.example", externalId: "secret-ext", emails: [{ value: "secret@a.example" }] });
    for (const res of [
      await gql(app.url, GET, { id: user.id }, b.adminToken),
      await gql(app.url, UPDATE, { id: user.id, i: { title: "pwned" } }, b.adminToken),
      await gql(app.url, REPLACE, { id: user.id, i: { userName: "pwned@b.example" } }, b.adminToken),
      await gql(app.url, SET_ACTIVE, { id: user.id, a: false }, b.adminToken),
      await gql(app.url, DELETE, { id: user.id }, b.adminToken),
      await gql(app.url, DEPROVISION, { id: user.id }, b.adminToken),
    ]) {
      expect(errorCode(res)).toBe("NOT_FOUND");
    }
    expect(ok(await gql(app.url, GET, { id: user.id }, a.adminToken)).user).toMatchObject({ title: null, active: true, version: 1, userName: "secret@a.example" });
  });

  it("never lists company A's users to company B, whatever the filter", async () => {
    const user = await create({ userName: "hidden@a.example", externalId: "hidden-ext", emails: [{ value: "hidden@a.example", type: "work" }] });
    const filters = [
      undefined,
      { id: { eq: user.id } },
      { userName: { eq: "hidden@a.example" } },
      { or: [{ userName: { pr: true } }, { userName: { pr: false } }] },
      { not: { userName: { eq: "nobody" } } },
      { externalId: { eq: "hidden-ext" } },
      { emails: { value: { co: "hidden" } } },
    ];
    const bIds = new Set((await sql<{ id: string }>(`select id from user_account where company_id = ?`, [b.company.id])).map((r) => r.id));
    for (const w of filters) {
      const page = ok(await gql(app.url, LIST, { w, p: { first: 1000 } }, b.adminToken)).users;
      expect(page.nodes.every((n: { id: string }) => bIds.has(n.id)), JSON.stringify(w)).toBe(true);
      expect(page.totalCount).toBeLessThanOrEqual(bIds.size);
    }
  });
});

describe("provisioning record", () => {
  it("commits a SCIM request's ProvisioningEvent with the change, and sets the SCIM flags on created users", async () => {
    const em = app.orm.em.fork() as EntityManager;
    const scim = await em.findOneOrFail("User", { userName: "scim@a.example" }, { filters: false });
    const principal = await loadPrincipal(em, { companyId: a.company.id, userId: (scim as { id: string }).id }, { kind: "app-password" });
    em.setFilterParams(TENANT_FILTER, { companyId: a.company.id });
    const requestId = randomUUID();
    const scope = { em, principal, provisioning: { requestId, method: "POST", path: "/scim/v2/Users", normalizations: [], startedAt: performance.now(), status: 201 } };
    const user = await app.services.users.create(scope, { userName: "from-scim@a.example" });
    expect(user).toMatchObject({ allowSsoLogin: true, autoAssignRoles: true });
    const rows = await sql(`select resource_type, resource_id, status, outcome from provisioning_event where id = ?`, [requestId]);
    expect(rows).toEqual([{ resource_type: "User", resource_id: user.id, status: 201, outcome: "success" }]);

    // A failed change writes neither the user nor the event (one transaction).
    const failedId = randomUUID();
    const failed = { em: em.fork() as EntityManager, principal, provisioning: { ...scope.provisioning, requestId: failedId } };
    failed.em.setFilterParams(TENANT_FILTER, { companyId: a.company.id });
    await expect(app.services.users.create(failed, { userName: "FROM-SCIM@a.example" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await sql(`select id from provisioning_event where id = ?`, [failedId])).toEqual([]);
  });
});
