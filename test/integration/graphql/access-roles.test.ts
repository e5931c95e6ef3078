import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { ok } from "./customer-roles.fixtures.js";

/** Data-access and app-access roles and the role mapping: CRUD, audit, permissions, isolation. */

let app: TestApp;
let a: TestCompany;
let b: TestCompany;
let viewerToken: string;
let auditorToken: string;
let scimToken: string;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  viewerToken = await tokenFor(app, await createUserWithRoles(app, a.company, "viewer@a.example", ["Viewer"]));
  scimToken = await tokenFor(app, await createUserWithRoles(app, a.company, "scim@a.example", ["SCIM Provisioner"]));
  const auditorRole = await ok(app, a.adminToken, `mutation { createAppAccessRole(input: { name: "Auditor", permissions: [CanViewAuditLog] }) { id } }`);
  const auditor = await createUserWithRoles(app, a.company, "auditor@a.example", ["Auditor"]);
  expect(auditorRole.createAppAccessRole.id).toBeTruthy();
  auditorToken = await tokenFor(app, auditor);
});
afterAll(() => app?.close());

const CREATE_DATA = `mutation($i: CreateDataAccessRoleInput!) { createDataAccessRole(input: $i) { id name description createdAt updatedAt } }`;
const UPDATE_DATA = `mutation($id: ID!, $i: UpdateDataAccessRoleInput!) { updateDataAccessRole(id: $id, input: $i) { id name description } }`;
const DELETE_DATA = `mutation($id: ID!) { deleteDataAccessRole(id: $id) }`;
const CREATE_APP = `mutation($i: CreateAppAccessRoleInput!) { createAppAccessRole(input: $i) { id name description permissions } }`;
const UPDATE_APP = `mutation($id: ID!, $i: UpdateAppAccessRoleInput!) { updateAppAccessRole(id: $id, input: $i) { id name description permissions } }`;
const DELETE_APP = `mutation($id: ID!) { deleteAppAccessRole(id: $id) }`;
const SET_MAPPING = `mutation($c: ID!, $d: [ID!]!, $a: [ID!]!) { setRoleMapping(customerRoleId: $c, dataAccessRoleIds: $d, appAccessRoleIds: $a) { customerRole { id displayName } dataAccessRoles { id name } appAccessRoles { id name } version updatedAt } }`;
const LISTS = `{ dataAccessRoles { id name } appAccessRoles { id name permissions } roleMappings { customerRole { id displayName } dataAccessRoles { name } appAccessRoles { name } version } }`;

let seq = 0;
const unique = (base: string) => `${base} ${++seq}`;

async function auditRows(targetId: string) {
  return app.orm.em
    .fork()
    .getConnection()
    .execute(`select action, before, after, actor_user_name from audit_event where target_id = ? order by created_at, id`, [targetId]);
}

async function customerRole(token: string, displayName = unique("Group")) {
  return (await ok(app, token, `mutation($n: String!) { createCustomerRole(input: { displayName: $n }) { id displayName } }`, { n: displayName })).createCustomerRole as {
    id: string;
    displayName: string;
  };
}

describe("data-access roles", () => {
  it("creates, renames and deletes a data-access role, each audited with before and after", async () => {
    const created = (await ok(app, a.adminToken, CREATE_DATA, { i: { name: "  Region EMEA  ", description: "Europe" } })).createDataAccessRole;
    expect(created).toMatchObject({ name: "Region EMEA", description: "Europe" });
    const updated = (await ok(app, a.adminToken, UPDATE_DATA, { id: created.id, i: { name: "Region Europe", description: null } })).updateDataAccessRole;
    expect(updated).toEqual({ id: created.id, name: "Region Europe", description: null });
    expect((await ok(app, viewerToken, LISTS)).dataAccessRoles).toContainEqual({ id: created.id, name: "Region Europe" });
    expect((await ok(app, a.adminToken, DELETE_DATA, { id: created.id })).deleteDataAccessRole).toBe(created.id);
    expect((await ok(app, a.adminToken, LISTS)).dataAccessRoles.map((r: any) => r.id)).not.toContain(created.id);

    const audit = await auditRows(created.id);
    expect(audit.map((r: any) => r.action)).toEqual(["dataAccessRole.create", "dataAccessRole.update", "dataAccessRole.delete"]);
    expect(audit[1]).toMatchObject({ before: { name: "Region EMEA", description: "Europe" }, after: { name: "Region Europe", description: null }, actor_user_name: a.admin.userName });
  });

  it("refuses a name taken ignoring case (CONFLICT on name) and an empty one (BAD_USER_INPUT on name)", async () => {
    const name = unique("Payroll");
    await ok(app, a.adminToken, CREATE_DATA, { i: { name } });
    const dup = await gql(app.url, CREATE_DATA, { i: { name: name.toUpperCase() } }, a.adminToken);
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "name" });
    const empty = await gql(app.url, CREATE_DATA, { i: { name: " " } }, a.adminToken);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    const long = await gql(app.url, CREATE_DATA, { i: { name: "n".repeat(257) } }, a.adminToken);
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    // Company B may use the same name.
    await ok(app, b.adminToken, CREATE_DATA, { i: { name } });
  });
});

describe("app-access roles", () => {
  it("creates, changes and deletes an app-access role with permissions, audited", async () => {
    const created = (await ok(app, a.adminToken, CREATE_APP, { i: { name: unique("Helpdesk"), permissions: ["CanViewUsers", "CanManageUsers"] } })).createAppAccessRole;
    expect(created.permissions).toEqual(["CanManageUsers", "CanViewUsers"]);
    const updated = (await ok(app, a.adminToken, UPDATE_APP, { id: created.id, i: { permissions: ["CanViewUsers"], description: "read only" } })).updateAppAccessRole;
    expect(updated).toMatchObject({ name: created.name, description: "read only", permissions: ["CanViewUsers"] });
    await ok(app, a.adminToken, DELETE_APP, { id: created.id });
    const audit = await auditRows(created.id);
    expect(audit.map((r: any) => r.action)).toEqual(["appAccessRole.create", "appAccessRole.update", "appAccessRole.delete"]);
    expect(audit[1].before.permissions).toEqual(["CanManageUsers", "CanViewUsers"]);
    expect(audit[1].after.permissions).toEqual(["CanViewUsers"]);
  });

  it("a permission change applies to holders on their next request", async () => {
    const role = (await ok(app, a.adminToken, CREATE_APP, { i: { name: unique("Toggle"), permissions: [] } })).createAppAccessRole;
    const holder = await tokenFor(app, await createUserWithRoles(app, a.company, `toggle${seq}@a.example`, [role.name]));
    expect(errorCode(await gql(app.url, `{ customerRoles { totalCount } }`, {}, holder))).toBe("FORBIDDEN");
    await ok(app, a.adminToken, UPDATE_APP, { id: role.id, i: { permissions: ["CanViewUsers"] } });
    expect((await gql(app.url, `{ customerRoles { totalCount } }`, {}, holder)).errors).toBeUndefined();
  });

  it("lists the company's default app-access roles with their permissions", async () => {
    const roles = (await ok(app, viewerToken, LISTS)).appAccessRoles;
    expect(roles).toContainEqual(expect.objectContaining({ name: "Viewer", permissions: ["CanViewUsers"] }));
  });
});

describe("access-role permissions and isolation", () => {
  it("lets CanViewUsers and CanViewAuditLog read, but only CanConfigureCompany write", async () => {
    expect((await ok(app, auditorToken, LISTS)).appAccessRoles.length).toBeGreaterThan(0);
    const [existing] = (await ok(app, a.adminToken, LISTS)).appAccessRoles;
    const role = await customerRole(a.adminToken);
    for (const token of [viewerToken, auditorToken, scimToken]) {
      for (const [query, vars] of [
        [CREATE_DATA, { i: { name: unique("Nope") } }],
        [UPDATE_DATA, { id: randomUUID(), i: { name: "x" } }],
        [DELETE_DATA, { id: randomUUID() }],
        [CREATE_APP, { i: { name: unique("Nope") } }],
        [UPDATE_APP, { id: existing.id, i: { permissions: ["CanConfigureCompany"] } }],
        [DELETE_APP, { id: existing.id }],
        [SET_MAPPING, { c: role.id, d: [], a: [] }],
        [`mutation($c: ID!) { removeRoleMapping(customerRoleId: $c) }`, { c: role.id }],
      ] as const) {
        expect(errorCode(await gql(app.url, query, vars, token)), query).toBe("FORBIDDEN");
      }
    }
    // The SCIM account reads customer roles, not the access configuration.
    expect(errorCode(await gql(app.url, LISTS, {}, scimToken))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, LISTS))).toBe("UNAUTHENTICATED");
  });

  it("gives company B NOT_FOUND for company A's access roles and none of them in its lists", async () => {
    const data = (await ok(app, a.adminToken, CREATE_DATA, { i: { name: unique("A data") } })).createDataAccessRole;
    const appRole = (await ok(app, a.adminToken, CREATE_APP, { i: { name: unique("A app") } })).createAppAccessRole;
    for (const [query, vars] of [
      [UPDATE_DATA, { id: data.id, i: { name: "stolen" } }],
      [DELETE_DATA, { id: data.id }],
      [UPDATE_APP, { id: appRole.id, i: { name: "stolen" } }],
      [DELETE_APP, { id: appRole.id }],
      [UPDATE_DATA, { id: "not-a-uuid", i: { name: "x" } }],
    ] as const) {
      expect(errorCode(await gql(app.url, query, vars, b.adminToken)), query).toBe("NOT_FOUND");
    }
    const lists = await ok(app, b.adminToken, LISTS);
    expect(lists.dataAccessRoles.map((r: any) => r.id)).not.toContain(data.id);
    expect(lists.appAccessRoles.map((r: any) => r.id)).not.toContain(appRole.id);
  });
});

describe("role mapping", () => {
  it("maps a customer role, shows it on the role and in roleMappings, and audits before and after lists", async () => {
    const group = await customerRole(a.adminToken);
    const d1 = (await ok(app, a.adminToken, CREATE_DATA, { i: { name: unique("D one") } })).createDataAccessRole;
    const d2 = (await ok(app, a.adminToken, CREATE_DATA, { i: { name: unique("D two") } })).createDataAccessRole;
    const a1 = (await ok(app, a.adminToken, CREATE_APP, { i: { name: unique("A one"), permissions: ["CanViewUsers"] } })).createAppAccessRole;

    const unmappedBefore = (await ok(app, a.adminToken, `{ unmappedCustomerRoles(page: { first: 1000 }) { nodes { id } } }`)).unmappedCustomerRoles.nodes;
    expect(unmappedBefore.map((n: any) => n.id)).toContain(group.id);

    const first = (await ok(app, a.adminToken, SET_MAPPING, { c: group.id, d: [d1.id], a: [a1.id] })).setRoleMapping;
    expect(first).toMatchObject({ customerRole: group, dataAccessRoles: [{ id: d1.id, name: d1.name }], appAccessRoles: [{ id: a1.id, name: a1.name }], version: 1 });
    const second = (await ok(app, a.adminToken, SET_MAPPING, { c: group.id, d: [d2.id, d1.id], a: [] })).setRoleMapping;
    expect(second).toMatchObject({ dataAccessRoles: [{ name: d1.name }, { name: d2.name }], appAccessRoles: [], version: 2 });

    const onRole = await ok(app, viewerToken, `query($id: ID!) { customerRole(id: $id) { mapping { dataAccessRoles { name } appAccessRoles { name } version } } }`, { id: group.id });
    expect(onRole.customerRole.mapping).toEqual({ dataAccessRoles: [{ name: d1.name }, { name: d2.name }], appAccessRoles: [], version: 2 });
    const mappings = (await ok(app, auditorToken, LISTS)).roleMappings;
    expect(mappings).toContainEqual({ customerRole: group, dataAccessRoles: [{ name: d1.name }, { name: d2.name }], appAccessRoles: [], version: 2 });

    const unmappedAfter = (await ok(app, a.adminToken, `{ unmappedCustomerRoles(page: { first: 1000 }) { nodes { id } } }`)).unmappedCustomerRoles.nodes;
    expect(unmappedAfter.map((n: any) => n.id)).not.toContain(group.id);

    const audit = (await auditRows(group.id)).filter((r: any) => r.action === "roleMapping.set");
    expect(audit).toHaveLength(2);
    expect(audit[0].before).toBeNull();
    expect(audit[1].before).toEqual({ customerRole: group.displayName, dataAccessRoles: [{ id: d1.id, name: d1.name }], appAccessRoles: [{ id: a1.id, name: a1.name }] });
    expect(audit[1].after).toEqual({
      customerRole: group.displayName,
      dataAccessRoles: [
        { id: d1.id, name: d1.name },
        { id: d2.id, name: d2.name },
      ],
      appAccessRoles: [],
    });
  });

  it("removeRoleMapping unmaps a role, audited; the role is listed as unmapped again", async () => {
    const group = await customerRole(a.adminToken);
    await ok(app, a.adminToken, SET_MAPPING, { c: group.id, d: [], a: [] });
    expect((await ok(app, a.adminToken, `mutation($c: ID!) { removeRoleMapping(customerRoleId: $c) }`, { c: group.id })).removeRoleMapping).toBe(group.id);
    const role = await ok(app, a.adminToken, `query($id: ID!) { customerRole(id: $id) { mapping { version } } }`, { id: group.id });
    expect(role.customerRole.mapping).toBeNull();
    expect((await auditRows(group.id)).map((r: any) => r.action)).toEqual(["customerRole.create", "roleMapping.set", "roleMapping.remove"]);
    const again = await gql(app.url, `mutation($c: ID!) { removeRoleMapping(customerRoleId: $c) }`, { c: group.id }, a.adminToken);
    expect(errorCode(again)).toBe("NOT_FOUND");
  });

  it("rejects unknown or other company's access roles naming them, and other company's customer roles with NOT_FOUND", async () => {
    const group = await customerRole(a.adminToken);
    const foreignData = (await ok(app, b.adminToken, CREATE_DATA, { i: { name: unique("B data") } })).createDataAccessRole;
    const missing = randomUUID();
    const res = await gql(app.url, SET_MAPPING, { c: group.id, d: [foreignData.id, "junk"], a: [] }, a.adminToken);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "dataAccessRoleIds" });
    expect(res.errors?.[0]?.message).toContain(foreignData.id);
    expect(res.errors?.[0]?.message).toContain("junk");
    const res2 = await gql(app.url, SET_MAPPING, { c: group.id, d: [], a: [missing] }, a.adminToken);
    expect(res2.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "appAccessRoleIds" });

    const bGroup = await customerRole(b.adminToken);
    expect(errorCode(await gql(app.url, SET_MAPPING, { c: bGroup.id, d: [], a: [] }, a.adminToken))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, SET_MAPPING, { c: "nope", d: [], a: [] }, a.adminToken))).toBe("NOT_FOUND");
    const mappings = (await ok(app, a.adminToken, LISTS)).roleMappings.map((m: any) => m.customerRole.id);
    expect(mappings).not.toContain(group.id);
    expect(mappings).not.toContain(bGroup.id);
  });

  it("deleting a mapped access role removes it from the mapping; deleting the customer role removes the mapping", async () => {
    const group = await customerRole(a.adminToken);
    const d = (await ok(app, a.adminToken, CREATE_DATA, { i: { name: unique("Short lived") } })).createDataAccessRole;
    await ok(app, a.adminToken, SET_MAPPING, { c: group.id, d: [d.id], a: [] });
    await ok(app, a.adminToken, DELETE_DATA, { id: d.id });
    const role = await ok(app, a.adminToken, `query($id: ID!) { customerRole(id: $id) { mapping { dataAccessRoles { id } } } }`, { id: group.id });
    expect(role.customerRole.mapping).toEqual({ dataAccessRoles: [] });
    await ok(app, a.adminToken, `mutation($id: ID!) { deleteCustomerRole(id: $id) }`, { id: group.id });
    expect((await ok(app, a.adminToken, LISTS)).roleMappings.map((m: any) => m.customerRole.id)).not.toContain(group.id);
  });
});
