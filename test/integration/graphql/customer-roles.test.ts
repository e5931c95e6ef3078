import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPrincipal } from "../../../src/auth/principal-loader.js";
import { createInProcessExecutor } from "../../../src/graphql/execute-in-process.js";
import { buildRolebridgeSchema } from "../../../src/graphql/schema.js";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { insertUsers, membershipRows, ok, ROLE_FIELDS } from "./customer-roles.fixtures.js";

/** Customer-supplied roles (SCIM Groups) over GraphQL: CRUD, members and their sources, errors, isolation. */

let app: TestApp;
let a: TestCompany;
let b: TestCompany;
let viewerToken: string;
let scimToken: string;
let nobodyToken: string;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  viewerToken = await tokenFor(app, await createUserWithRoles(app, a.company, "viewer@a.example", ["Viewer"]));
  scimToken = await tokenFor(app, await createUserWithRoles(app, a.company, "scim@a.example", ["SCIM Provisioner"], { isServiceAccount: true }));
  nobodyToken = await tokenFor(app, await createUserWithRoles(app, a.company, "nobody@a.example", []));
});
afterAll(() => app?.close());

const CREATE = `mutation($i: CreateCustomerRoleInput!) { createCustomerRole(input: $i) { ${ROLE_FIELDS} } }`;
const GET = `query($id: ID!, $src: MembershipSource, $p: PageInput) { customerRole(id: $id) { ${ROLE_FIELDS} members(source: $src, page: $p) { totalCount nodes { user { id userName } source createdAt } pageInfo { hasNextPage endCursor offset } } } }`;
const ADD = `mutation($id: ID!, $u: [ID!]!, $s: MembershipSource!, $v: Int) { addCustomerRoleMembers(id: $id, userIds: $u, source: $s, expectedVersion: $v) { ${ROLE_FIELDS} } }`;
const REMOVE = `mutation($id: ID!, $u: [ID!]!, $s: MembershipSource!, $v: Int) { removeCustomerRoleMembers(id: $id, userIds: $u, source: $s, expectedVersion: $v) { ${ROLE_FIELDS} } }`;
const REPLACE = `mutation($id: ID!, $u: [ID!]!, $s: MembershipSource!, $v: Int) { replaceCustomerRoleMembers(id: $id, userIds: $u, source: $s, expectedVersion: $v) { ${ROLE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateCustomerRoleInput!, $v: Int) { updateCustomerRole(id: $id, input: $i, expectedVersion: $v) { ${ROLE_FIELDS} } }`;
const PATCH = `mutation($id: ID!, $i: PatchCustomerRoleInput!, $v: Int) { patchCustomerRole(id: $id, input: $i, expectedVersion: $v) { ${ROLE_FIELDS} } }`;
const DELETE = `mutation($id: ID!, $v: Int) { deleteCustomerRole(id: $id, expectedVersion: $v) }`;
const LIST = `query($w: CustomerRoleWhere, $o: CustomerRoleOrderBy, $p: PageInput) { customerRoles(where: $w, orderBy: $o, page: $p) { totalCount nodes { id displayName memberCount } pageInfo { hasNextPage endCursor offset } } }`;

async function createRole(token: string, input: Record<string, unknown>) {
  return (await ok(app, token, CREATE, { i: input })).createCustomerRole as { id: string; displayName: string; version: number; memberCount: number };
}

let seq = 0;
const unique = (base: string) => `${base} ${++seq}`;

describe("createCustomerRole and customerRole", () => {
  it("creates a role with members of one source and reads it back with each membership's source", async () => {
    const users = await insertUsers(app, a.company.id, 3);
    const role = await createRole(a.adminToken, { displayName: unique("Sales"), externalId: "ext-Sales", memberIds: users, source: "SCIM_GROUP" });
    expect(role).toMatchObject({ externalId: "ext-Sales", version: 1, memberCount: 3 });

    const read = (await ok(app, a.adminToken, GET, { id: role.id })).customerRole;
    expect(read.members.totalCount).toBe(3);
    expect(read.members.nodes.map((n: any) => n.user.id).sort()).toEqual([...users].sort());
    expect(new Set(read.members.nodes.map((n: any) => n.source))).toEqual(new Set(["SCIM_GROUP"]));

    const audit = await app.orm.em.fork().getConnection().execute(`select action, after->>'displayName' as name from audit_event where target_id = ?`, [role.id]);
    expect(audit).toEqual([{ action: "customerRole.create", name: role.displayName }]);
  });

  it("defaults the source of initial members to MANUAL", async () => {
    const [u] = await insertUsers(app, a.company.id, 1);
    const role = await createRole(a.adminToken, { displayName: unique("Default source"), memberIds: [u] });
    expect(await membershipRows(app, role.id)).toEqual([`${u}/manual`]);
  });

  it("refuses a displayName that differs only in case with CONFLICT on displayName", async () => {
    const name = unique("Finance");
    await createRole(a.adminToken, { displayName: name });
    const res = await gql(app.url, CREATE, { i: { displayName: name.toUpperCase() } }, a.adminToken);
    expect(errorCode(res)).toBe("CONFLICT");
    expect(res.errors?.[0]?.extensions).toMatchObject({ field: "displayName", reason: "UNIQUENESS" });

    // Another company may use the same name.
    await createRole(b.adminToken, { displayName: name });
  });

  it("rejects an empty or too long displayName and a too long externalId with BAD_USER_INPUT naming the field", async () => {
    for (const [input, field] of [
      [{ displayName: "" }, "displayName"],
      [{ displayName: "   " }, "displayName"],
      [{ displayName: "x".repeat(257) }, "displayName"],
      [{ displayName: "nul\u0000name" }, "displayName"],
      [{ displayName: unique("Long ext"), externalId: "e".repeat(1025) }, "externalId"],
    ] as const) {
      const res = await gql(app.url, CREATE, { i: input }, a.adminToken);
      expect(errorCode(res), JSON.stringify(input)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
    }
    // The limits themselves are accepted.
    await createRole(a.adminToken, { displayName: `${"y".repeat(250)}${String(++seq).padStart(6, "0")}`, externalId: "e".repeat(1024) });
  });

  it("creates nothing when an initial member is unknown, and names the id", async () => {
    const [known] = await insertUsers(app, a.company.id, 1);
    const missing = randomUUID();
    const name = unique("Half made");
    const res = await gql(app.url, CREATE, { i: { displayName: name, memberIds: [known, missing] } }, a.adminToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.field).toBe("memberIds");
    expect(res.errors?.[0]?.message).toContain(missing);
    const list = await ok(app, a.adminToken, LIST, { w: { displayName: { eq: name } } });
    expect(list.customerRoles.totalCount).toBe(0);
  });

  it("answers NOT_FOUND for an unknown, malformed or other company's id", async () => {
    const role = await createRole(a.adminToken, { displayName: unique("Mine") });
    for (const [id, token] of [
      [randomUUID(), a.adminToken],
      ["not-a-uuid", a.adminToken],
      ["", a.adminToken],
      [role.id, b.adminToken],
    ] as const) {
      const res = await gql(app.url, GET, { id }, token);
      expect(errorCode(res), id).toBe("NOT_FOUND");
    }
  });
});

describe("member changes", () => {
  it("addCustomerRoleMembers adds, ignores existing members and bumps the version once per change", async () => {
    const users = await insertUsers(app, a.company.id, 3);
    const role = await createRole(a.adminToken, { displayName: unique("Adds"), memberIds: [users[0]], source: "SCIM_GROUP" });
    const added = (await ok(app, scimToken, ADD, { id: role.id, u: [users[0], users[1], users[1]], s: "SCIM_GROUP", v: 1 })).addCustomerRoleMembers;
    expect(added).toMatchObject({ version: 2, memberCount: 2 });
    expect(new Date(added.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(added.createdAt).getTime());
    // Nothing new: no version bump.
    const again = (await ok(app, scimToken, ADD, { id: role.id, u: [users[1]], s: "SCIM_GROUP" })).addCustomerRoleMembers;
    expect(again).toMatchObject({ version: 2, memberCount: 2 });
  });

  it("applies nothing when one id is unknown, another company's or not a UUID, and names each in the error", async () => {
    const users = await insertUsers(app, a.company.id, 2);
    const [foreign] = await insertUsers(app, b.company.id, 1);
    const role = await createRole(a.adminToken, { displayName: unique("Strict") });
    const missing = randomUUID();
    const res = await gql(app.url, ADD, { id: role.id, u: [users[0], missing, foreign, "bogus", users[1]], s: "SCIM_GROUP" }, scimToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.field).toBe("userIds");
    for (const id of [missing, foreign, "bogus"]) expect(res.errors?.[0]?.message).toContain(id);
    expect(res.errors?.[0]?.message).not.toContain(users[0]);
    expect(await membershipRows(app, role.id)).toEqual([]);
    const after = (await ok(app, a.adminToken, GET, { id: role.id })).customerRole;
    expect(after.version).toBe(1);
  });

  it("replaceCustomerRoleMembers replaces only the memberships of its source; UPLOAD and MANUAL rows stay", async () => {
    const [u1, u2, u3, u4] = await insertUsers(app, a.company.id, 4);
    const role = await createRole(a.adminToken, { displayName: unique("Owned"), memberIds: [u1, u2], source: "SCIM_GROUP" });
    await ok(app, a.adminToken, ADD, { id: role.id, u: [u1], s: "UPLOAD" });
    await ok(app, a.adminToken, ADD, { id: role.id, u: [u3], s: "MANUAL" });

    const replaced = (await ok(app, scimToken, REPLACE, { id: role.id, u: [u2, u4], s: "SCIM_GROUP" })).replaceCustomerRoleMembers;
    expect(replaced.memberCount).toBe(4);
    expect(await membershipRows(app, role.id)).toEqual([`${u1}/upload`, `${u2}/scim-group`, `${u3}/manual`, `${u4}/scim-group`].sort());

    const scimOnly = (await ok(app, a.adminToken, GET, { id: role.id, src: "SCIM_GROUP" })).customerRole.members;
    expect(scimOnly.totalCount).toBe(2);
    expect(scimOnly.nodes.map((n: any) => n.user.id).sort()).toEqual([u2, u4].sort());

    // An empty list empties that source only.
    await ok(app, scimToken, REPLACE, { id: role.id, u: [], s: "SCIM_GROUP" });
    expect(await membershipRows(app, role.id)).toEqual([`${u1}/upload`, `${u3}/manual`].sort());
  });

  it("removeCustomerRoleMembers removes the given source's rows only and ignores non-members", async () => {
    const [u1, u2] = await insertUsers(app, a.company.id, 2);
    const role = await createRole(a.adminToken, { displayName: unique("Removes"), memberIds: [u1, u2], source: "SCIM_GROUP" });
    await ok(app, a.adminToken, ADD, { id: role.id, u: [u1], s: "MANUAL" });
    const res = (await ok(app, scimToken, REMOVE, { id: role.id, u: [u1, randomUUID(), "not-an-id"], s: "SCIM_GROUP" })).removeCustomerRoleMembers;
    expect(res.memberCount).toBe(2);
    expect(await membershipRows(app, role.id)).toEqual([`${u1}/manual`, `${u2}/scim-group`].sort());
  });

  it("patchCustomerRole renames, replaces, removes and adds in one transaction with one version bump", async () => {
    const [u1, u2, u3, u4] = await insertUsers(app, a.company.id, 4);
    const role = await createRole(a.adminToken, { displayName: unique("Patch me"), memberIds: [u1, u2], source: "SCIM_GROUP" });
    const name = unique("Patched");
    const patched = (
      await ok(app, scimToken, PATCH, { id: role.id, v: 1, i: { displayName: name, externalId: "p-1", addUserIds: [u3, u4], removeUserIds: [u1], source: "SCIM_GROUP" } })
    ).patchCustomerRole;
    expect(patched).toMatchObject({ displayName: name, externalId: "p-1", version: 2, memberCount: 3 });

    // Replace then add, still one bump; externalId null clears it.
    const replaced = (await ok(app, scimToken, PATCH, { id: role.id, v: 2, i: { externalId: null, replaceUserIds: [u2], addUserIds: [u1], source: "SCIM_GROUP" } })).patchCustomerRole;
    expect(replaced).toMatchObject({ displayName: name, externalId: null, version: 3, memberCount: 2 });
    expect(await membershipRows(app, role.id)).toEqual([`${u1}/scim-group`, `${u2}/scim-group`].sort());
  });

  it("patchCustomerRole applies nothing, not even the rename, when one added id is unknown", async () => {
    const [u1] = await insertUsers(app, a.company.id, 1);
    const role = await createRole(a.adminToken, { displayName: unique("Atomic") });
    const missing = randomUUID();
    const res = await gql(app.url, PATCH, { id: role.id, i: { displayName: unique("Renamed"), addUserIds: [u1, missing], source: "SCIM_GROUP" } }, scimToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.field).toBe("addUserIds");
    expect(res.errors?.[0]?.message).toContain(missing);
    const after = (await ok(app, a.adminToken, GET, { id: role.id })).customerRole;
    expect(after).toMatchObject({ displayName: role.displayName, version: 1, memberCount: 0 });
  });

  it("patchCustomerRole refuses an id both added and removed", async () => {
    const [u1] = await insertUsers(app, a.company.id, 1);
    const role = await createRole(a.adminToken, { displayName: unique("Ambiguous") });
    const res = await gql(app.url, PATCH, { id: role.id, i: { addUserIds: [u1], removeUserIds: [u1] } }, scimToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.field).toBe("removeUserIds");
  });

  it("a stale expectedVersion fails with PRECONDITION_FAILED and changes nothing", async () => {
    const [u1] = await insertUsers(app, a.company.id, 1);
    const role = await createRole(a.adminToken, { displayName: unique("Versioned") });
    await ok(app, a.adminToken, UPDATE, { id: role.id, i: { displayName: unique("Versioned v2") }, v: 1 });
    for (const [query, vars] of [
      [UPDATE, { id: role.id, i: { displayName: unique("Lost update") }, v: 1 }],
      [ADD, { id: role.id, u: [u1], s: "MANUAL", v: 1 }],
      [REMOVE, { id: role.id, u: [u1], s: "MANUAL", v: 1 }],
      [REPLACE, { id: role.id, u: [u1], s: "MANUAL", v: 1 }],
      [PATCH, { id: role.id, i: { addUserIds: [u1] }, v: 1 }],
      [DELETE, { id: role.id, v: 1 }],
    ] as const) {
      const res = await gql(app.url, query, vars, a.adminToken);
      expect(errorCode(res), query).toBe("PRECONDITION_FAILED");
      expect(res.errors?.[0]?.extensions?.reason).toBe("VERSION_MISMATCH");
    }
    const after = (await ok(app, a.adminToken, GET, { id: role.id })).customerRole;
    expect(after).toMatchObject({ version: 2, memberCount: 0 });
  });

  it("updateCustomerRole renames; a name taken ignoring case is a CONFLICT on displayName", async () => {
    const taken = await createRole(a.adminToken, { displayName: unique("Taken") });
    const role = await createRole(a.adminToken, { displayName: unique("Free") });
    const res = await gql(app.url, UPDATE, { id: role.id, i: { displayName: taken.displayName.toLowerCase() } }, a.adminToken);
    expect(errorCode(res)).toBe("CONFLICT");
    expect(res.errors?.[0]?.extensions?.field).toBe("displayName");
    // Changing only the case of its own name is fine.
    const renamed = (await ok(app, a.adminToken, UPDATE, { id: role.id, i: { displayName: role.displayName.toUpperCase() } })).updateCustomerRole;
    expect(renamed).toMatchObject({ displayName: role.displayName.toUpperCase(), version: 2 });
    const empty = await gql(app.url, UPDATE, { id: role.id, i: { displayName: "" } }, a.adminToken);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "displayName" });
  });

  it("deleteCustomerRole removes the role and its memberships; the users stay", async () => {
    const users = await insertUsers(app, a.company.id, 2);
    const role = await createRole(a.adminToken, { displayName: unique("Doomed"), memberIds: users, source: "SCIM_GROUP" });
    expect((await ok(app, scimToken, DELETE, { id: role.id, v: 1 })).deleteCustomerRole).toBe(role.id);
    expect(errorCode(await gql(app.url, GET, { id: role.id }, a.adminToken))).toBe("NOT_FOUND");
    expect(await membershipRows(app, role.id)).toEqual([]);
    const [{ count }] = await app.orm.em.fork().getConnection().execute(`select count(*)::int as count from user_account where id in (?, ?)`, users);
    expect(count).toBe(2);
    expect(errorCode(await gql(app.url, DELETE, { id: role.id }, a.adminToken))).toBe("NOT_FOUND");
  });
});

describe("customerRoles filters and paging", () => {
  let roles: { id: string; displayName: string }[];
  let member: string;
  const tag = `T${Date.now()}`; // digits only, so co/ew comparisons see just the names

  beforeAll(async () => {
    [member] = await insertUsers(app, a.company.id, 1);
    roles = [];
    for (const [i, name] of ["Alpha", "bravo", "Charlie", "delta", "Echo"].entries()) {
      roles.push(
        await createRole(a.adminToken, {
          displayName: `${tag} ${name}`,
          externalId: `${tag}-${name}`,
          memberIds: i % 2 === 0 ? [member] : [],
          source: i === 4 ? "UPLOAD" : "SCIM_GROUP",
        }),
      );
    }
  });

  const names = (res: any) => res.customerRoles.nodes.map((n: any) => n.displayName.slice(tag.length + 1));

  it("compares displayName ignoring case and externalId exactly", async () => {
    expect(names(await ok(app, a.adminToken, LIST, { w: { displayName: { eq: `${tag} ALPHA` } } }))).toEqual(["Alpha"]);
    expect(names(await ok(app, a.adminToken, LIST, { w: { externalId: { eq: `${tag}-alpha` } } }))).toEqual([]);
    expect(names(await ok(app, a.adminToken, LIST, { w: { externalId: { eq: `${tag}-Alpha` } } }))).toEqual(["Alpha"]);
    expect(names(await ok(app, a.adminToken, LIST, { w: { externalId: { eq: `${tag}-alpha`, caseExact: false } } }))).toEqual(["Alpha"]);
  });

  it("supports co, sw, ew and pr with and/or/not", async () => {
    const order = { field: "DISPLAY_NAME", direction: "ASC" };
    expect(names(await ok(app, a.adminToken, LIST, { w: { displayName: { sw: tag, co: "A" } }, o: order }))).toEqual(["Alpha", "bravo", "Charlie", "delta"]);
    expect(
      names(
        await ok(app, a.adminToken, LIST, {
          w: { and: [{ displayName: { sw: tag } }, { or: [{ displayName: { ew: "o" } }, { displayName: { ew: "ta" } }] }], not: { displayName: { co: "cho" } } },
          o: order,
        }),
      ),
    ).toEqual(["bravo", "delta"]);
    expect((await ok(app, a.adminToken, LIST, { w: { displayName: { sw: tag }, externalId: { pr: true } } })).customerRoles.totalCount).toBe(5);
  });

  it("finds a user's roles with members.value (SCIM members.value eq), optionally by source", async () => {
    expect(names(await ok(app, a.adminToken, LIST, { w: { members: { value: { eq: member } } }, o: { field: "DISPLAY_NAME" } }))).toEqual(["Alpha", "Charlie", "Echo"]);
    expect(
      names(await ok(app, a.adminToken, LIST, { w: { members: { value: { eq: member }, source: { eq: "SCIM_GROUP" } } }, o: { field: "DISPLAY_NAME" } })),
    ).toEqual(["Alpha", "Charlie"]);
    expect(names(await ok(app, a.adminToken, LIST, { w: { displayName: { sw: tag }, not: { members: { value: { pr: true } } } }, o: { field: "DISPLAY_NAME" } }))).toEqual([
      "bravo",
      "delta",
    ]);
    // An id that is not a UUID matches nothing rather than failing.
    expect((await ok(app, a.adminToken, LIST, { w: { members: { value: { eq: "nope" } } } })).customerRoles.totalCount).toBe(0);
  });

  it("filters by id and by creation time", async () => {
    expect(names(await ok(app, a.adminToken, LIST, { w: { id: { eq: roles[2]!.id } } }))).toEqual(["Charlie"]);
    const created = (await ok(app, a.adminToken, GET, { id: roles[2]!.id })).customerRole.createdAt;
    expect(names(await ok(app, a.adminToken, LIST, { w: { displayName: { sw: tag }, createdAt: { gt: created } } }))).toEqual(["delta", "Echo"]);
  });

  it("rejects an unknown operator use with BAD_USER_INPUT", async () => {
    const res = await gql(app.url, LIST, { w: { createdAt: { eq: "not a date" } } }, a.adminToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
  });

  it("pages with offset and with cursors, in both directions, with totalCount", async () => {
    const w = { displayName: { sw: tag } };
    for (const direction of ["ASC", "DESC"]) {
      const o = { field: "DISPLAY_NAME", direction };
      const expected = ["Alpha", "bravo", "Charlie", "delta", "Echo"];
      if (direction === "DESC") expected.reverse();
      const first = await ok(app, a.adminToken, LIST, { w, o, p: { first: 2 } });
      expect(first.customerRoles.totalCount).toBe(5);
      expect(names(first)).toEqual(expected.slice(0, 2));
      expect(first.customerRoles.pageInfo.hasNextPage).toBe(true);
      const second = await ok(app, a.adminToken, LIST, { w, o, p: { first: 2, after: first.customerRoles.pageInfo.endCursor } });
      expect(names(second)).toEqual(expected.slice(2, 4));
      const third = await ok(app, a.adminToken, LIST, { w, o, p: { first: 2, after: second.customerRoles.pageInfo.endCursor } });
      expect(names(third)).toEqual(expected.slice(4));
      expect(third.customerRoles.pageInfo.hasNextPage).toBe(false);
      const byOffset = await ok(app, a.adminToken, LIST, { w, o, p: { offset: 3, first: 10 } });
      expect(names(byOffset)).toEqual(expected.slice(3));
      expect(byOffset.customerRoles.pageInfo).toMatchObject({ offset: 3, hasNextPage: false });
    }
    // Default order: creation time.
    expect(names(await ok(app, a.adminToken, LIST, { w }))).toEqual(["Alpha", "bravo", "Charlie", "delta", "Echo"]);
    const bad = await gql(app.url, LIST, { w, p: { offset: 1, after: "x" } }, a.adminToken);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
  });

  it("lists memberCount for every role of a page", async () => {
    const res = await ok(app, a.adminToken, LIST, { w: { displayName: { sw: tag } }, o: { field: "DISPLAY_NAME" } });
    expect(res.customerRoles.nodes.map((n: any) => n.memberCount)).toEqual([1, 0, 1, 0, 1]);
  });
});

describe("members paging", () => {
  it("pages a role's members by offset and by cursor, with totalCount", async () => {
    const users = await insertUsers(app, a.company.id, 7);
    const role = await createRole(a.adminToken, { displayName: unique("Paged"), memberIds: users, source: "SCIM_GROUP" });
    await ok(app, a.adminToken, ADD, { id: role.id, u: users.slice(0, 2), s: "UPLOAD" });
    const all = (await ok(app, a.adminToken, GET, { id: role.id, p: { first: 100 } })).customerRole.members;
    expect(all.totalCount).toBe(9);
    const keys = all.nodes.map((n: any) => `${n.user.id}/${n.source}`);
    expect(keys).toEqual([...keys].sort());

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(app, a.adminToken, GET, { id: role.id, p: { first: 4, ...(after ? { after } : {}) } })).customerRole.members;
      expect(page.totalCount).toBe(9);
      seen.push(...page.nodes.map((n: any) => `${n.user.id}/${n.source}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(keys);

    const offsetPage = (await ok(app, a.adminToken, GET, { id: role.id, p: { offset: 6, first: 2 } })).customerRole.members;
    expect(offsetPage.nodes.map((n: any) => `${n.user.id}/${n.source}`)).toEqual(keys.slice(6, 8));
    expect(offsetPage.pageInfo).toMatchObject({ offset: 6, hasNextPage: true });
  });

  it("lists the members of every role of a page in one response", async () => {
    const tag = unique("Fan");
    const users = await insertUsers(app, a.company.id, 3);
    for (let i = 0; i < 3; i++) await createRole(a.adminToken, { displayName: `${tag} ${i}`, memberIds: users.slice(0, i + 1) });
    const res = await ok(
      app,
      a.adminToken,
      `query($w: CustomerRoleWhere) { customerRoles(where: $w, orderBy: { field: DISPLAY_NAME }) { nodes { memberCount members(page: { first: 2 }) { totalCount nodes { user { id } } } mapping { version } } } }`,
      { w: { displayName: { sw: tag } } },
    );
    expect(res.customerRoles.nodes.map((n: any) => [n.memberCount, n.members.totalCount, n.members.nodes.length, n.mapping])).toEqual([
      [1, 1, 1, null],
      [2, 2, 2, null],
      [3, 3, 2, null],
    ]);
  });
});

describe("permissions", () => {
  it("lets CanViewUsers read but not write", async () => {
    const role = await createRole(a.adminToken, { displayName: unique("Readable") });
    expect((await ok(app, viewerToken, GET, { id: role.id })).customerRole.id).toBe(role.id);
    expect((await ok(app, viewerToken, LIST, {})).customerRoles.totalCount).toBeGreaterThan(0);
    for (const [query, vars] of [
      [CREATE, { i: { displayName: unique("Nope") } }],
      [UPDATE, { id: role.id, i: { displayName: unique("Nope") } }],
      [ADD, { id: role.id, u: [], s: "MANUAL" }],
      [REMOVE, { id: role.id, u: [], s: "MANUAL" }],
      [REPLACE, { id: role.id, u: [], s: "MANUAL" }],
      [PATCH, { id: role.id, i: {} }],
      [DELETE, { id: role.id }],
    ] as const) {
      expect(errorCode(await gql(app.url, query, vars, viewerToken)), query).toBe("FORBIDDEN");
    }
  });

  it("refuses a caller without a reading permission, and an anonymous one", async () => {
    expect(errorCode(await gql(app.url, LIST, {}, nobodyToken))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, GET, { id: randomUUID() }, nobodyToken))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, LIST, {}))).toBe("UNAUTHENTICATED");
    expect(errorCode(await gql(app.url, CREATE, { i: { displayName: "anon" } }))).toBe("UNAUTHENTICATED");
  });

  it("lets the SCIM service account (CanProvisionUsersAsSCIM) read and write", async () => {
    const role = await createRole(scimToken, { displayName: unique("From IdP") });
    expect((await ok(app, scimToken, GET, { id: role.id })).customerRole.displayName).toBe(role.displayName);
  });
});

describe("tenant isolation", () => {
  it("gives company B NOT_FOUND for every operation on company A's role", async () => {
    const [u] = await insertUsers(app, b.company.id, 1);
    const role = await createRole(a.adminToken, { displayName: unique("A only") });
    for (const [query, vars] of [
      [GET, { id: role.id }],
      [UPDATE, { id: role.id, i: { displayName: unique("Stolen") } }],
      [ADD, { id: role.id, u: [u], s: "MANUAL" }],
      [REMOVE, { id: role.id, u: [u], s: "MANUAL" }],
      [REPLACE, { id: role.id, u: [], s: "MANUAL" }],
      [PATCH, { id: role.id, i: { displayName: unique("Stolen") } }],
      [DELETE, { id: role.id }],
    ] as const) {
      expect(errorCode(await gql(app.url, query, vars, b.adminToken)), query).toBe("NOT_FOUND");
    }
    expect((await ok(app, a.adminToken, GET, { id: role.id })).customerRole).toMatchObject({ displayName: role.displayName, version: 1 });
  });

  it("does not let company B add company A's users to its own role, naming the id", async () => {
    const [aUser] = await insertUsers(app, a.company.id, 1);
    const bRole = await createRole(b.adminToken, { displayName: unique("B role") });
    const res = await gql(app.url, ADD, { id: bRole.id, u: [aUser], s: "MANUAL" }, b.adminToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toContain(aUser);
    expect(await membershipRows(app, bRole.id)).toEqual([]);
  });

  it("shows company B none of company A's roles in lists, even filtered by A's member or id", async () => {
    const [aUser] = await insertUsers(app, a.company.id, 1);
    const aRole = await createRole(a.adminToken, { displayName: unique("Secret"), memberIds: [aUser] });
    const all = await ok(app, b.adminToken, `{ customerRoles(page: { first: 1000 }) { totalCount nodes { id } } unmappedCustomerRoles(page: { first: 1000 }) { nodes { id } } }`);
    const aIds: { id: string }[] = await app.orm.em.fork().getConnection().execute(`select id from customer_role where company_id = ?`, [a.company.id]);
    const seen = new Set([...all.customerRoles.nodes, ...all.unmappedCustomerRoles.nodes].map((n: any) => n.id));
    expect(aIds.some((r) => seen.has(r.id))).toBe(false);
    expect((await ok(app, b.adminToken, LIST, { w: { members: { value: { eq: aUser } } } })).customerRoles.totalCount).toBe(0);
    expect((await ok(app, b.adminToken, LIST, { w: { id: { eq: aRole.id } } })).customerRoles.totalCount).toBe(0);
  });
});

describe("one customer-supplied role at a time", () => {
  it("moves a user added through SCIM out of their other SCIM roles in the same change; manual memberships stay", async () => {
    const c = await createTestCompany(app);
    await ok(app, c.adminToken, `mutation { updateCompanySettings(input: { singleCustomerRole: true }) { singleCustomerRole } }`);
    const [u1, u2] = await insertUsers(app, c.company.id, 2);
    const first = await createRole(c.adminToken, { displayName: "First", memberIds: [u1, u2], source: "SCIM_GROUP" });
    const manual = await createRole(c.adminToken, { displayName: "Manual", memberIds: [u1], source: "MANUAL" });
    const second = await createRole(c.adminToken, { displayName: "Second" });

    await ok(app, c.adminToken, ADD, { id: second.id, u: [u1], s: "SCIM_GROUP" });
    expect(await membershipRows(app, first.id)).toEqual([`${u2}/scim-group`]);
    expect(await membershipRows(app, second.id)).toEqual([`${u1}/scim-group`]);
    expect(await membershipRows(app, manual.id)).toEqual([`${u1}/manual`]);
    // The role the user left changed too, so IdPs polling lastModified see it.
    expect((await ok(app, c.adminToken, GET, { id: first.id })).customerRole.version).toBe(2);

    const audit = await app.orm.em
      .fork()
      .getConnection()
      .execute(`select after->'removedFromOtherRoles' as removed from audit_event where target_id = ? and action = 'customerRole.update'`, [second.id]);
    expect(audit[0].removed).toEqual([{ customerRoleId: first.id, userId: u1, source: "scim-group" }]);

    // In a company without the setting, roles accumulate.
    const [v] = await insertUsers(app, a.company.id, 1);
    const r1 = await createRole(a.adminToken, { displayName: unique("Many 1"), memberIds: [v], source: "SCIM_GROUP" });
    const r2 = await createRole(a.adminToken, { displayName: unique("Many 2") });
    await ok(app, a.adminToken, ADD, { id: r2.id, u: [v], s: "SCIM_GROUP" });
    expect(await membershipRows(app, r1.id)).toEqual([`${v}/scim-group`]);
  });
});

describe("User.customerRoles", () => {
  it("lists the roles each user of a page holds with their sources, and lets a user read their own", async () => {
    const tag = `H${Date.now()}`;
    const [u1, u2] = await insertUsers(app, a.company.id, 2, { prefix: tag });
    const r1 = await createRole(a.adminToken, { displayName: `${tag} Beta`, memberIds: [u1, u2], source: "SCIM_GROUP" });
    const r2 = await createRole(a.adminToken, { displayName: `${tag} alpha`, memberIds: [u1], source: "UPLOAD" });
    await ok(app, a.adminToken, ADD, { id: r2.id, u: [u1], s: "SCIM_GROUP" });
    const res = await ok(
      app,
      viewerToken,
      `query($w: UserWhere) { users(where: $w, orderBy: { field: USER_NAME }) { nodes { id customerRoles { customerRole { id displayName } sources } } } }`,
      { w: { userName: { sw: tag } } },
    );
    expect(res.users.nodes).toEqual([
      {
        id: u1,
        customerRoles: [
          { customerRole: { id: r2.id, displayName: `${tag} alpha` }, sources: ["SCIM_GROUP", "UPLOAD"] },
          { customerRole: { id: r1.id, displayName: `${tag} Beta` }, sources: ["SCIM_GROUP"] },
        ],
      },
      { id: u2, customerRoles: [{ customerRole: { id: r1.id, displayName: `${tag} Beta` }, sources: ["SCIM_GROUP"] }] },
    ]);

    const self = await createUserWithRoles(app, a.company, `self${++seq}@a.example`, []);
    await ok(app, a.adminToken, ADD, { id: r1.id, u: [self.id], s: "MANUAL" });
    const mine = await ok(app, await tokenFor(app, self), `{ me { customerRoles { customerRole { id } sources } } }`);
    expect(mine.me.customerRoles).toEqual([{ customerRole: { id: r1.id }, sources: ["MANUAL"] }]);
  });
});

describe("setUserCustomerRoles (SCIM User roles by name)", () => {
  const SET = `mutation($u: ID!, $n: [String!]!) { setUserCustomerRoles(userId: $u, displayNames: $n) { customerRole { id displayName version } sources } }`;

  it("assigns roles by name ignoring case, creates unknown names as unmapped roles, and replaces only its own source", async () => {
    const tag = `R${Date.now()}`;
    const [u] = await insertUsers(app, a.company.id, 1);
    const existing = await createRole(a.adminToken, { displayName: `${tag} Existing`, memberIds: [u], source: "MANUAL" });
    const first = (await ok(app, scimToken, SET, { u, n: [`${tag} EXISTING`, `${tag} New`, `${tag} new`] })).setUserCustomerRoles;
    expect(first.map((h: any) => [h.customerRole.displayName, h.sources])).toEqual([
      [`${tag} Existing`, ["MANUAL", "SCIM_ROLES_ATTRIBUTE"]],
      [`${tag} New`, ["SCIM_ROLES_ATTRIBUTE"]],
    ]);
    expect(first[0].customerRole).toMatchObject({ id: existing.id, version: 2 });
    const created = first[1].customerRole;
    expect(created.version).toBe(1);
    const unmapped = (await ok(app, a.adminToken, `{ unmappedCustomerRoles(page: { first: 1000 }) { nodes { id } } }`)).unmappedCustomerRoles.nodes;
    expect(unmapped.map((n: any) => n.id)).toContain(created.id);

    const second = (await ok(app, scimToken, SET, { u, n: [`${tag} new`] })).setUserCustomerRoles;
    expect(second.map((h: any) => [h.customerRole.id, h.sources])).toEqual([
      [existing.id, ["MANUAL"]],
      [created.id, ["SCIM_ROLES_ATTRIBUTE"]],
    ]);
    expect((await ok(app, scimToken, SET, { u, n: [] })).setUserCustomerRoles.map((h: any) => h.customerRole.id)).toEqual([existing.id]);
    const audit = await app.orm.em.fork().getConnection().execute(`select count(*)::int as n from audit_event where action = 'user.setCustomerRoles' and target_id = ?`, [u]);
    expect(audit[0].n).toBe(3);
  });

  it("refuses a bad name, another company's user, and a reader without a writing permission", async () => {
    const [u] = await insertUsers(app, a.company.id, 1);
    const bad = await gql(app.url, SET, { u, n: ["ok", ""] }, scimToken);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "roles" });
    expect(errorCode(await gql(app.url, SET, { u, n: ["x"] }, b.adminToken))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, SET, { u, n: ["x"] }, viewerToken))).toBe("FORBIDDEN");
  });

  it("in a one-role-at-a-time company takes one name and moves the user out of their SCIM group", async () => {
    const c = await createTestCompany(app);
    await ok(app, c.adminToken, `mutation { updateCompanySettings(input: { singleCustomerRole: true }) { singleCustomerRole } }`);
    const [u] = await insertUsers(app, c.company.id, 1);
    const group = await createRole(c.adminToken, { displayName: "Group", memberIds: [u], source: "SCIM_GROUP" });
    const two = await gql(app.url, SET, { u, n: ["One", "Two"] }, c.adminToken);
    expect(two.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "roles" });
    const one = (await ok(app, c.adminToken, SET, { u, n: ["One"] })).setUserCustomerRoles;
    expect(one.map((h: any) => [h.customerRole.displayName, h.sources])).toEqual([["One", ["SCIM_ROLES_ATTRIBUTE"]]]);
    expect(await membershipRows(app, group.id)).toEqual([]);
  });
});

describe("provisioning log", () => {
  it("a SCIM request's member change writes its ProvisioningEvent (resource Group) in the same transaction; a failed one writes none", async () => {
    // The SCIM facade runs the same mutations in process with a provisioning descriptor (STYLE §3.6).
    const execute = createInProcessExecutor(await buildRolebridgeSchema(), app.services);
    const scimUser = await createUserWithRoles(app, a.company, `scim-log${++seq}@a.example`, ["SCIM Provisioner"], { isServiceAccount: true });
    const principal = await loadPrincipal(app.orm.em.fork() as EntityManager, { companyId: a.company.id, userId: scimUser.id }, { kind: "app-password" });
    const [u] = await insertUsers(app, a.company.id, 1);
    const role = await createRole(a.adminToken, { displayName: unique("Logged") });
    const run = (userIds: string[]) => {
      const requestId = randomUUID();
      const provisioning = { requestId, method: "PATCH", path: `/Groups/${role.id}`, normalizations: ["entra-capitalised-op"], startedAt: performance.now(), status: 200 };
      return execute(parse(ADD), { id: role.id, u: userIds, s: "SCIM_GROUP" }, { principal, provisioning, requestId }).then((r) => ({ ...r, requestId, provisioning }));
    };
    const events = (requestId: string) =>
      app.orm.em.fork().getConnection().execute(`select resource_type, resource_id, status, outcome, normalizations from provisioning_event where id = ?`, [requestId]);

    const done = await run([u]);
    expect(done.errors).toBeUndefined();
    expect(await events(done.requestId)).toEqual([{ resource_type: "Group", resource_id: role.id, status: 200, outcome: "success", normalizations: ["entra-capitalised-op"] }]);

    const failed = await run([randomUUID()]);
    expect(failed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await events(failed.requestId)).toEqual([]);
  });
  it("in a one-role-at-a-time company, the event of a SCIM add also records the removal from the user's previous group", async () => {
    const c = await createTestCompany(app);
    await ok(app, c.adminToken, `mutation { updateCompanySettings(input: { singleCustomerRole: true }) { singleCustomerRole } }`);
    const execute = createInProcessExecutor(await buildRolebridgeSchema(), app.services);
    const scimUser = await createUserWithRoles(app, c.company, `scim-move${++seq}@c.example`, ["SCIM Provisioner"], { isServiceAccount: true });
    const principal = await loadPrincipal(app.orm.em.fork() as EntityManager, { companyId: c.company.id, userId: scimUser.id }, { kind: "app-password" });
    const [u] = await insertUsers(app, c.company.id, 1);
    const previous = await createRole(c.adminToken, { displayName: "Previous", memberIds: [u], source: "SCIM_GROUP" });
    const next = await createRole(c.adminToken, { displayName: "Next" });
    const requestId = randomUUID();
    const provisioning = { requestId, method: "PATCH", path: `/Groups/${next.id}`, normalizations: [], startedAt: performance.now(), status: 200 };
    const res = await execute(parse(ADD), { id: next.id, u: [u], s: "SCIM_GROUP" }, { principal, provisioning, requestId });
    expect(res.errors).toBeUndefined();
    const [event] = await app.orm.em.fork().getConnection().execute(`select resource_id, status, detail from provisioning_event where id = ?`, [requestId]);
    expect(event).toMatchObject({ resource_id: next.id, status: 200 });
    expect(event.detail).toContain(`user ${u} from role ${previous.id}`);
    expect(await membershipRows(app, previous.id)).toEqual([]);
  });
});
