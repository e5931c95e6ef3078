import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlatformOperator, createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { auditorToken, viewerToken } from "./log-fixtures.js";

/** Issue 6 §3: every change to mappings, access roles, settings and credentials leaves an AuditEvent that auditEvents shows. */
let app: TestApp;
let a: TestCompany;
let b: TestCompany;
let startedAt: string;

const EVENTS = `query($where: AuditEventWhere, $page: PageInput) { auditEvents(where: $where, page: $page) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id createdAt actorUserId actorUserName impersonatorUserId action targetType targetId before after } } }`;

async function events(where: Record<string, unknown>, token = a.adminToken) {
  const res = await gql(app.url, EVENTS, { where }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.auditEvents as { totalCount: number; nodes: any[] };
}

async function ok(query: string, variables: Record<string, unknown> = {}, token = a.adminToken) {
  const res = await gql(app.url, query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  startedAt = new Date().toISOString();
});
afterAll(() => app?.close());

describe("auditEvents records each kind of change with actor, time, before and after", () => {
  it("access roles: create, update and delete of data-access and app-access roles", async () => {
    const data = (await ok(`mutation { createDataAccessRole(input: { name: "EMEA data" }) { id } }`)).createDataAccessRole.id;
    await ok(`mutation($id: ID!) { updateDataAccessRole(id: $id, input: { name: "EMEA" }) { id } }`, { id: data });
    const app1 = (await ok(`mutation { createAppAccessRole(input: { name: "Analyst", permissions: [CanViewUsers] }) { id } }`)).createAppAccessRole.id;
    await ok(`mutation($id: ID!) { updateAppAccessRole(id: $id, input: { permissions: [CanViewUsers, CanViewAuditLog] }) { id } }`, { id: app1 });
    await ok(`mutation($id: ID!) { deleteAppAccessRole(id: $id) }`, { id: app1 });

    const update = (await events({ action: { eq: "dataAccessRole.update" }, targetId: { eq: data } })).nodes;
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({
      actorUserId: a.admin.id,
      actorUserName: a.admin.userName,
      impersonatorUserId: null,
      targetType: "DataAccessRole",
      before: { name: "EMEA data" },
      after: { name: "EMEA" },
    });
    expect(Date.parse(update[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(startedAt) - 1000);
    const appEvents = (await events({ targetType: { eq: "AppAccessRole" }, targetId: { eq: app1 } })).nodes.map((e) => e.action);
    expect(appEvents).toEqual(["appAccessRole.delete", "appAccessRole.update", "appAccessRole.create"]);
    const perm = (await events({ action: { eq: "appAccessRole.update" }, targetId: { eq: app1 } })).nodes[0];
    expect(perm.before.permissions).toEqual(["CanViewUsers"]);
    expect(perm.after.permissions).toEqual(["CanViewUsers", "CanViewAuditLog"]);
  });

  it("role mappings: set (before and after lists) and remove", async () => {
    const role = (await ok(`mutation { createCustomerRole(input: { displayName: "Sales" }) { id } }`)).createCustomerRole.id;
    const data = (await ok(`mutation { createDataAccessRole(input: { name: "Sales data" }) { id } }`)).createDataAccessRole.id;
    await ok(`mutation($r: ID!, $d: ID!) { setRoleMapping(customerRoleId: $r, dataAccessRoleIds: [$d], appAccessRoleIds: []) { version } }`, { r: role, d: data });
    await ok(`mutation($r: ID!) { setRoleMapping(customerRoleId: $r, dataAccessRoleIds: [], appAccessRoleIds: []) { version } }`, { r: role });
    await ok(`mutation($r: ID!) { removeRoleMapping(customerRoleId: $r) }`, { r: role });
    const list = (await events({ action: { sw: "roleMapping." }, targetId: { eq: role } })).nodes;
    expect(list.map((e) => e.action)).toEqual(["roleMapping.remove", "roleMapping.set", "roleMapping.set"]);
    expect(list[2]).toMatchObject({ targetType: "CustomerRole", before: null, after: { customerRole: "Sales", dataAccessRoles: [{ id: data, name: "Sales data" }], appAccessRoles: [] } });
    expect(list[1]).toMatchObject({ before: { dataAccessRoles: [{ id: data, name: "Sales data" }] }, after: { dataAccessRoles: [] } });
  });

  it("company settings", async () => {
    await ok(`mutation { updateCompanySettings(input: { scimDeleteMode: DELETE }) { scimDeleteMode } }`);
    const [e] = (await events({ action: { eq: "company.updateSettings" } })).nodes;
    expect(e).toMatchObject({ targetType: "Company", targetId: a.company.id, before: { scimDeleteMode: "deactivate" }, after: { scimDeleteMode: "delete" } });
  });

  it("credentials: an app password generated and revoked by the service account itself", async () => {
    const svc = await createUserWithRoles(app, a.company, "scim@a.example", ["SCIM Provisioner"], { isServiceAccount: true });
    const token = await tokenFor(app, svc);
    const generated = await ok(`mutation { generateAppPassword(name: "Okta") { appPassword { id clientId } } }`, {}, token);
    const id = generated.generateAppPassword.appPassword.id;
    await ok(`mutation($id: ID!) { revokeAppPassword(id: $id) { id } }`, { id }, token);
    const list = (await events({ targetType: { eq: "AppPassword" }, targetId: { eq: id } })).nodes;
    expect(list.map((e) => e.action)).toEqual(["appPassword.revoke", "appPassword.generate"]);
    expect(list[0]).toMatchObject({ actorUserId: svc.id, actorUserName: "scim@a.example" });
    expect(JSON.stringify(list)).not.toMatch(/secret/i);
  });

  it("impersonated sessions: opening one is audited, and each change made through it names the impersonating platform operator", async () => {
    const { operator, token: operatorToken } = await createPlatformOperator(app);
    const opened = await gql(
      app.url,
      `mutation($c: ID!, $u: ID!) { impersonate(companyId: $c, userId: $u, reason: "ticket 42") { token } }`,
      { c: a.company.id, u: a.admin.id },
      operatorToken,
    );
    expect(opened.errors, JSON.stringify(opened.errors)).toBeUndefined();
    const proxied = opened.data!.impersonate.token as string;
    const [session] = (await events({ action: { eq: "session.impersonate" } })).nodes;
    expect(session).toMatchObject({ targetType: "User", targetId: a.admin.id, after: { reason: "ticket 42", operatorUserId: operator.id } });
    await ok(`mutation { updateCompanySettings(input: { singleCustomerRole: true }) { singleCustomerRole } }`, {}, proxied);
    const list = (await events({ impersonatorUserId: { pr: true } })).nodes;
    expect(list.map((e) => e.action)).toContain("company.updateSettings");
    expect(list.find((e) => e.action === "company.updateSettings")).toMatchObject({ actorUserId: a.admin.id, impersonatorUserId: operator.id, after: { singleCustomerRole: true } });
    // An impersonated session cannot touch credentials (seed 001: proxy will not suffice); nothing is audited for the refusal.
    const refused = await gql(app.url, `mutation { generateAppPassword(name: "x") { clientSecret } }`, {}, proxied);
    expect(errorCode(refused)).toBe("FORBIDDEN");
  });
});

describe("filtering and paging", () => {
  it("is newest first, filters by time, action, target and actor (with and/or/not), and pages by cursor", async () => {
    const all = await events({});
    expect(all.totalCount).toBeGreaterThanOrEqual(12);
    const times = all.nodes.map((n) => Date.parse(n.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect((await events({ createdAt: { lt: startedAt } })).totalCount).toBe(0);
    expect((await events({ actorUserName: { eq: a.admin.userName.toUpperCase() } })).totalCount).toBe(all.totalCount - 3);
    const either = await events({ or: [{ action: { eq: "company.updateSettings" } }, { targetType: { eq: "AppPassword" } }] });
    expect(either.totalCount).toBe(4);
    const notRoles = await events({ not: { targetType: { eq: "AppAccessRole" } } });
    expect(notRoles.totalCount).toBe(all.totalCount - 3);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await gql(app.url, EVENTS, { page: { first: 5, after } }, a.adminToken);
      seen.push(...res.data.auditEvents.nodes.map((n: any) => n.id));
      if (!res.data.auditEvents.pageInfo.hasNextPage) break;
      after = res.data.auditEvents.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((n) => n.id));
    expect(errorCode(await gql(app.url, EVENTS, { where: { action: { gt: 3 } } }, a.adminToken))).toBe("BAD_USER_INPUT");
  });
});

describe("who may read the audit history", () => {
  it("needs CanConfigureCompany or CanViewAuditLog", async () => {
    const auditor = await auditorToken(app, a.company, "auditor@a.example");
    expect((await events({}, auditor)).totalCount).toBeGreaterThan(0);
    const viewer = await viewerToken(app, a.company, "viewer@a.example");
    expect(errorCode(await gql(app.url, EVENTS, {}, viewer))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, EVENTS, {}))).toBe("UNAUTHENTICATED");
  });

  it("company B sees none of A's events, and cannot open one by id", async () => {
    const aEvent = (await events({})).nodes[0].id;
    const other = await events({}, b.adminToken);
    expect(other.nodes.every((n) => n.actorUserId !== a.admin.id)).toBe(true);
    expect(other.totalCount).toBe(0);
    expect(errorCode(await gql(app.url, `query($id: ID!) { auditEvent(id: $id) { id } }`, { id: aEvent }, b.adminToken))).toBe("NOT_FOUND");
    const mine = await gql(app.url, `query($id: ID!) { auditEvent(id: $id) { id action } }`, { id: aEvent }, a.adminToken);
    expect(mine.data!.auditEvent.id).toBe(aEvent);
  });
});
