import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { insertUsers, ok } from "./customer-roles.fixtures.js";

/**
 * Effective access with provenance (DESIGN "Effective access"): direct roles, plus mapped roles of
 * every customer-supplied role held when autoAssignRoles is on; and the reverse, usersWithAccess.
 */

let app: TestApp;
let a: TestCompany;
let b: TestCompany;
let viewerToken: string;

let sales: { id: string; displayName: string };
let emea: { id: string; displayName: string };
let dataReports: { id: string; name: string };
let dataPayroll: { id: string; name: string };
let appReader: { id: string; name: string };

const EFFECTIVE = `query($u: ID!) { effectiveAccess(userId: $u) {
  user { id userName }
  dataAccessRoles { role { id name } grants { kind customerRole { id displayName } membershipSource } }
  appAccessRoles { role { id name permissions } grants { kind customerRole { displayName } membershipSource } }
  permissions } }`;
const SET_DIRECT = `mutation($u: ID!, $d: [ID!]!, $a: [ID!]!) { setUserDirectRoles(userId: $u, dataAccessRoleIds: $d, appAccessRoleIds: $a) { user { id } dataAccessRoles { role { name } grants { kind } } appAccessRoles { role { name } grants { kind } } permissions } }`;
const ADD = `mutation($id: ID!, $u: [ID!]!, $s: MembershipSource!) { addCustomerRoleMembers(id: $id, userIds: $u, source: $s) { id } }`;
const SET_MAPPING = `mutation($c: ID!, $d: [ID!]!, $a: [ID!]!) { setRoleMapping(customerRoleId: $c, dataAccessRoleIds: $d, appAccessRoleIds: $a) { version } }`;
const USERS_WITH = `query($d: ID, $a: ID, $p: PageInput) { usersWithAccess(dataAccessRoleId: $d, appAccessRoleId: $a, page: $p) { totalCount nodes { user { id } grants { kind customerRole { displayName } membershipSource } } pageInfo { hasNextPage endCursor offset } } }`;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  viewerToken = await tokenFor(app, await createUserWithRoles(app, a.company, "viewer@a.example", ["Viewer"]));
  const create = `mutation($n: String!) { createCustomerRole(input: { displayName: $n }) { id displayName } }`;
  sales = (await ok(app, a.adminToken, create, { n: "Sales" })).createCustomerRole;
  emea = (await ok(app, a.adminToken, create, { n: "EMEA" })).createCustomerRole;
  dataReports = (await ok(app, a.adminToken, `mutation { createDataAccessRole(input: { name: "Reports" }) { id name } }`)).createDataAccessRole;
  dataPayroll = (await ok(app, a.adminToken, `mutation { createDataAccessRole(input: { name: "Payroll" }) { id name } }`)).createDataAccessRole;
  appReader = (await ok(app, a.adminToken, `mutation { createAppAccessRole(input: { name: "Reader", permissions: [CanViewUsers] }) { id name } }`)).createAppAccessRole;
  // Sales grants Reports and Reader; EMEA grants Reports and Payroll.
  await ok(app, a.adminToken, SET_MAPPING, { c: sales.id, d: [dataReports.id], a: [appReader.id] });
  await ok(app, a.adminToken, SET_MAPPING, { c: emea.id, d: [dataReports.id, dataPayroll.id], a: [] });
});
afterAll(() => app?.close());

describe("effectiveAccess", () => {
  it("shows direct and mapped roles with provenance through two membership sources", async () => {
    const [user] = await insertUsers(app, a.company.id, 1, { autoAssignRoles: true });
    await ok(app, a.adminToken, ADD, { id: sales.id, u: [user], s: "SCIM_GROUP" });
    await ok(app, a.adminToken, ADD, { id: emea.id, u: [user], s: "UPLOAD" });
    await ok(app, a.adminToken, ADD, { id: emea.id, u: [user], s: "SCIM_ROLES_ATTRIBUTE" });
    await ok(app, a.adminToken, SET_DIRECT, { u: user, d: [dataReports.id], a: [] });

    const access = (await ok(app, viewerToken, EFFECTIVE, { u: user })).effectiveAccess;
    expect(access.user.id).toBe(user);
    expect(access.dataAccessRoles).toEqual([
      {
        role: { id: dataPayroll.id, name: "Payroll" },
        grants: [
          { kind: "MAPPING", customerRole: { id: emea.id, displayName: "EMEA" }, membershipSource: "SCIM_ROLES_ATTRIBUTE" },
          { kind: "MAPPING", customerRole: { id: emea.id, displayName: "EMEA" }, membershipSource: "UPLOAD" },
        ],
      },
      {
        role: { id: dataReports.id, name: "Reports" },
        grants: [
          { kind: "DIRECT", customerRole: null, membershipSource: null },
          { kind: "MAPPING", customerRole: { id: emea.id, displayName: "EMEA" }, membershipSource: "SCIM_ROLES_ATTRIBUTE" },
          { kind: "MAPPING", customerRole: { id: emea.id, displayName: "EMEA" }, membershipSource: "UPLOAD" },
          { kind: "MAPPING", customerRole: { id: sales.id, displayName: "Sales" }, membershipSource: "SCIM_GROUP" },
        ],
      },
    ]);
    expect(access.appAccessRoles).toEqual([
      { role: { id: appReader.id, name: "Reader", permissions: ["CanViewUsers"] }, grants: [{ kind: "MAPPING", customerRole: { displayName: "Sales" }, membershipSource: "SCIM_GROUP" }] },
    ]);
    expect(access.permissions).toEqual(["CanViewUsers"]);
  });

  it("gives users without autoAssignRoles their direct roles only", async () => {
    const [user] = await insertUsers(app, a.company.id, 1, { autoAssignRoles: false });
    await ok(app, a.adminToken, ADD, { id: sales.id, u: [user], s: "SCIM_GROUP" });
    await ok(app, a.adminToken, SET_DIRECT, { u: user, d: [dataPayroll.id], a: [] });
    const access = (await ok(app, a.adminToken, EFFECTIVE, { u: user })).effectiveAccess;
    expect(access.dataAccessRoles).toEqual([{ role: { id: dataPayroll.id, name: "Payroll" }, grants: [{ kind: "DIRECT", customerRole: null, membershipSource: null }] }]);
    expect(access.appAccessRoles).toEqual([]);
    expect(access.permissions).toEqual([]);
  });

  it("shows a mapping change on the very next query, and it changes what the user may do", async () => {
    const userEntity = await createUserWithRoles(app, a.company, "mapped@a.example", [], { autoAssignRoles: true });
    const userToken = await tokenFor(app, userEntity);
    const group = (await ok(app, a.adminToken, `mutation { createCustomerRole(input: { displayName: "Late mapping" }) { id } }`)).createCustomerRole;
    await ok(app, a.adminToken, ADD, { id: group.id, u: [userEntity.id], s: "SCIM_GROUP" });

    // Anyone may read their own effective access.
    expect((await ok(app, userToken, EFFECTIVE, { u: userEntity.id })).effectiveAccess.appAccessRoles).toEqual([]);
    expect(errorCode(await gql(app.url, `{ customerRoles { totalCount } }`, {}, userToken))).toBe("FORBIDDEN");

    await ok(app, a.adminToken, SET_MAPPING, { c: group.id, d: [], a: [appReader.id] });
    const after = (await ok(app, userToken, EFFECTIVE, { u: userEntity.id })).effectiveAccess;
    expect(after.appAccessRoles.map((r: any) => r.role.name)).toEqual(["Reader"]);
    expect(after.permissions).toEqual(["CanViewUsers"]);
    // The permissions effective access reports are the ones requests are authorised with.
    expect((await gql(app.url, `{ customerRoles { totalCount } }`, {}, userToken)).errors).toBeUndefined();

    await ok(app, a.adminToken, SET_MAPPING, { c: group.id, d: [], a: [] });
    expect((await ok(app, userToken, EFFECTIVE, { u: userEntity.id })).effectiveAccess.permissions).toEqual([]);
    expect(errorCode(await gql(app.url, `{ customerRoles { totalCount } }`, {}, userToken))).toBe("FORBIDDEN");
  });

  it("refuses another user's access to a caller without a reading permission, and hides other companies' users", async () => {
    const nobody = await createUserWithRoles(app, a.company, "nobody@a.example", []);
    const [other] = await insertUsers(app, a.company.id, 1);
    expect(errorCode(await gql(app.url, EFFECTIVE, { u: other }, await tokenFor(app, nobody)))).toBe("FORBIDDEN");
    const [foreign] = await insertUsers(app, b.company.id, 1);
    for (const id of [foreign, randomUUID(), "nope"]) {
      expect(errorCode(await gql(app.url, EFFECTIVE, { u: id }, a.adminToken)), id).toBe("NOT_FOUND");
    }
    expect(errorCode(await gql(app.url, EFFECTIVE, { u: other }))).toBe("UNAUTHENTICATED");
  });
});

describe("setUserDirectRoles", () => {
  it("replaces a user's direct roles, audited with before and after, and returns the effective access", async () => {
    const [user] = await insertUsers(app, a.company.id, 1);
    const first = (await ok(app, a.adminToken, SET_DIRECT, { u: user, d: [dataReports.id], a: [appReader.id] })).setUserDirectRoles;
    expect(first).toEqual({
      user: { id: user },
      dataAccessRoles: [{ role: { name: "Reports" }, grants: [{ kind: "DIRECT" }] }],
      appAccessRoles: [{ role: { name: "Reader" }, grants: [{ kind: "DIRECT" }] }],
      permissions: ["CanViewUsers"],
    });
    const second = (await ok(app, a.adminToken, SET_DIRECT, { u: user, d: [dataPayroll.id], a: [] })).setUserDirectRoles;
    expect(second.dataAccessRoles).toEqual([{ role: { name: "Payroll" }, grants: [{ kind: "DIRECT" }] }]);
    expect(second.appAccessRoles).toEqual([]);
    const audit = await app.orm.em
      .fork()
      .getConnection()
      .execute(`select before, after from audit_event where action = 'user.setDirectRoles' and target_id = ? order by created_at`, [user]);
    expect(audit).toHaveLength(2);
    expect(audit[1].before).toEqual({ dataAccessRoles: [{ id: dataReports.id, name: "Reports" }], appAccessRoles: [{ id: appReader.id, name: "Reader" }] });
    expect(audit[1].after).toEqual({ dataAccessRoles: [{ id: dataPayroll.id, name: "Payroll" }], appAccessRoles: [] });
  });

  it("needs CanConfigureCompany, names unknown or foreign roles, and cannot reach another company's user", async () => {
    const [user] = await insertUsers(app, a.company.id, 1);
    expect(errorCode(await gql(app.url, SET_DIRECT, { u: user, d: [], a: [] }, viewerToken))).toBe("FORBIDDEN");
    const foreignApp = (await ok(app, b.adminToken, `mutation { createAppAccessRole(input: { name: "B only" }) { id } }`)).createAppAccessRole;
    const res = await gql(app.url, SET_DIRECT, { u: user, d: [], a: [foreignApp.id] }, a.adminToken);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "appAccessRoleIds" });
    expect(res.errors?.[0]?.message).toContain(foreignApp.id);
    const [bUser] = await insertUsers(app, b.company.id, 1);
    expect(errorCode(await gql(app.url, SET_DIRECT, { u: bUser, d: [], a: [] }, a.adminToken))).toBe("NOT_FOUND");
  });
});

describe("usersWithAccess", () => {
  it("lists who holds a role and why, paged by offset and cursor", async () => {
    const d = (await ok(app, a.adminToken, `mutation { createDataAccessRole(input: { name: "Reverse" }) { id } }`)).createDataAccessRole;
    const group = (await ok(app, a.adminToken, `mutation { createCustomerRole(input: { displayName: "Reverse group" }) { id } }`)).createCustomerRole;
    await ok(app, a.adminToken, SET_MAPPING, { c: group.id, d: [d.id], a: [] });
    const mapped = await insertUsers(app, a.company.id, 3, { prefix: "rev-a", autoAssignRoles: true });
    const direct = await insertUsers(app, a.company.id, 1, { prefix: "rev-b" });
    const noAuto = await insertUsers(app, a.company.id, 1, { prefix: "rev-c", autoAssignRoles: false });
    await ok(app, a.adminToken, ADD, { id: group.id, u: [...mapped, ...noAuto], s: "SCIM_GROUP" });
    await ok(app, a.adminToken, SET_DIRECT, { u: direct[0], d: [d.id], a: [] });
    await ok(app, a.adminToken, SET_DIRECT, { u: mapped[0], d: [d.id], a: [] });

    const all = (await ok(app, viewerToken, USERS_WITH, { d: d.id })).usersWithAccess;
    expect(all.totalCount).toBe(4);
    expect(all.nodes.map((n: any) => n.user.id)).toEqual([...mapped, ...direct]);
    expect(all.nodes[0].grants).toEqual([
      { kind: "DIRECT", customerRole: null, membershipSource: null },
      { kind: "MAPPING", customerRole: { displayName: "Reverse group" }, membershipSource: "SCIM_GROUP" },
    ]);
    expect(all.nodes[3].grants).toEqual([{ kind: "DIRECT", customerRole: null, membershipSource: null }]);

    const page1 = (await ok(app, viewerToken, USERS_WITH, { d: d.id, p: { first: 3 } })).usersWithAccess;
    const page2 = (await ok(app, viewerToken, USERS_WITH, { d: d.id, p: { first: 3, after: page1.pageInfo.endCursor } })).usersWithAccess;
    expect([...page1.nodes, ...page2.nodes].map((n: any) => n.user.id)).toEqual([...mapped, ...direct]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const byOffset = (await ok(app, viewerToken, USERS_WITH, { d: d.id, p: { offset: 2, first: 1 } })).usersWithAccess;
    expect(byOffset.nodes.map((n: any) => n.user.id)).toEqual([mapped[2]]);

    const readers = (await ok(app, viewerToken, USERS_WITH, { a: appReader.id })).usersWithAccess;
    expect(readers.nodes.every((n: any) => n.grants.length > 0)).toBe(true);
  });

  it("wants exactly one role, of the caller's company", async () => {
    expect(errorCode(await gql(app.url, USERS_WITH, {}, a.adminToken))).toBe("BAD_USER_INPUT");
    expect(errorCode(await gql(app.url, USERS_WITH, { d: dataReports.id, a: appReader.id }, a.adminToken))).toBe("BAD_USER_INPUT");
    expect(errorCode(await gql(app.url, USERS_WITH, { d: dataReports.id }, b.adminToken))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, USERS_WITH, { a: "junk" }, a.adminToken))).toBe("NOT_FOUND");
    const nobody = await tokenFor(app, await createUserWithRoles(app, a.company, "nobody2@a.example", []));
    expect(errorCode(await gql(app.url, USERS_WITH, { d: dataReports.id }, nobody))).toBe("FORBIDDEN");
  });
});
