import type { EntityManager } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { auditorToken, viewerToken } from "./log-fixtures.js";
import { downloadCsv, ok } from "./report-helpers.js";

/** Issue 6 §4: the users-and-roles report in GraphQL and as a streamed RFC 4180 CSV. */
let app: TestApp;
let a: TestCompany;
let b: TestCompany;
const ids: Record<string, string> = {};

const REPORT = `query($page: PageInput) { usersAndRolesReport(page: $page) { totalCount pageInfo { hasNextPage endCursor }
  nodes { userId userName givenName familyName displayName active customerRoles { displayName sources } dataAccessRoles appAccessRoles } } }`;

async function createUser(token: string, input: Record<string, unknown>): Promise<string> {
  return (await ok(app.url, token, `mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: input })).createUser.id;
}

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  const t = a.adminToken;
  ids.ann = await createUser(t, { userName: "ann@a.example", name: { givenName: "Ann", familyName: "Lee, Jr." }, displayName: 'Ann "the boss" Lee', autoAssignRoles: true });
  ids.bob = await createUser(t, { userName: "bob@a.example", name: { givenName: "Bob", familyName: "Line\nBreak" }, active: false, autoAssignRoles: true });
  // autoAssignRoles off: holds a role, but its mapping grants nothing (DESIGN "Effective access").
  ids.cid = await createUser(t, { userName: "cid@a.example", name: { givenName: "=HYPERLINK(1)", familyName: "Cid" }, autoAssignRoles: false });
  const sales = (await ok(app.url, t, `mutation { createCustomerRole(input: { displayName: "Sales, EMEA" }) { id } }`)).createCustomerRole.id;
  const support = (await ok(app.url, t, `mutation { createCustomerRole(input: { displayName: "Support" }) { id } }`)).createCustomerRole.id;
  const add = `mutation($id: ID!, $u: [ID!]!, $s: MembershipSource!) { addCustomerRoleMembers(id: $id, userIds: $u, source: $s) { id } }`;
  await ok(app.url, t, add, { id: sales, u: [ids.ann, ids.cid], s: "SCIM_GROUP" });
  await ok(app.url, t, add, { id: support, u: [ids.ann], s: "SCIM_GROUP" });
  await ok(app.url, t, add, { id: support, u: [ids.ann, ids.bob], s: "UPLOAD" });
  const emea = (await ok(app.url, t, `mutation { createDataAccessRole(input: { name: "EMEA data" }) { id } }`)).createDataAccessRole.id;
  const tickets = (await ok(app.url, t, `mutation { createDataAccessRole(input: { name: "Tickets" }) { id } }`)).createDataAccessRole.id;
  const agent = (await ok(app.url, t, `mutation { createAppAccessRole(input: { name: "Agent", permissions: [CanViewUsers] }) { id } }`)).createAppAccessRole.id;
  const map = `mutation($r: ID!, $d: [ID!]!, $p: [ID!]!) { setRoleMapping(customerRoleId: $r, dataAccessRoleIds: $d, appAccessRoleIds: $p) { version } }`;
  await ok(app.url, t, map, { r: sales, d: [emea], p: [] });
  await ok(app.url, t, map, { r: support, d: [tickets], p: [agent] });
  await ok(app.url, t, `mutation($u: ID!, $d: [ID!]!) { setUserDirectRoles(userId: $u, dataAccessRoleIds: $d, appAccessRoleIds: []) { user { id } } }`, { u: ids.cid, d: [tickets] });
  await createUser(b.adminToken, { userName: "zed@b.example" });
});
afterAll(() => app?.close());

describe("usersAndRolesReport", () => {
  it("lists each user with customer-supplied roles and their sources, and effective access-role names", async () => {
    const page = (await ok(app.url, a.adminToken, REPORT)).usersAndRolesReport;
    expect(page.totalCount).toBe(4);
    expect(page.nodes.map((n: any) => n.userName)).toEqual([a.admin.userName, "ann@a.example", "bob@a.example", "cid@a.example"]);
    const [admin, ann, bob, cid] = page.nodes;
    expect(admin).toMatchObject({ customerRoles: [], dataAccessRoles: [], appAccessRoles: ["Company Administrator"] });
    expect(ann).toEqual({
      userId: ids.ann,
      userName: "ann@a.example",
      givenName: "Ann",
      familyName: "Lee, Jr.",
      displayName: 'Ann "the boss" Lee',
      active: true,
      customerRoles: [
        { displayName: "Sales, EMEA", sources: ["SCIM_GROUP"] },
        { displayName: "Support", sources: ["SCIM_GROUP", "UPLOAD"] },
      ],
      dataAccessRoles: ["EMEA data", "Tickets"],
      appAccessRoles: ["Agent"],
    });
    expect(bob).toMatchObject({ active: false, customerRoles: [{ displayName: "Support", sources: ["UPLOAD"] }], dataAccessRoles: ["Tickets"], appAccessRoles: ["Agent"] });
    // cid holds Sales but has autoAssignRoles off: only the direct role counts.
    expect(cid).toMatchObject({ customerRoles: [{ displayName: "Sales, EMEA", sources: ["SCIM_GROUP"] }], dataAccessRoles: ["Tickets"], appAccessRoles: [] });
  });

  it("pages by cursor in userName order", async () => {
    const first = (await ok(app.url, a.adminToken, REPORT, { page: { first: 3 } })).usersAndRolesReport;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(app.url, a.adminToken, REPORT, { page: { first: 3, after: first.pageInfo.endCursor } })).usersAndRolesReport;
    expect(second.nodes.map((n: any) => n.userName)).toEqual(["cid@a.example"]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it("needs CanConfigureCompany or CanViewAuditLog, and shows a company only its own users", async () => {
    const auditor = await auditorToken(app, b.company, "auditor@b.example");
    const bPage = (await ok(app.url, auditor, REPORT)).usersAndRolesReport;
    expect(bPage.nodes.map((n: any) => n.userName)).toEqual([b.admin.userName, "auditor@b.example", "zed@b.example"]);
    expect(JSON.stringify(bPage)).not.toContain("@a.example");
    const viewer = await viewerToken(app, a.company, "viewer@a.example");
    expect(errorCode(await gql(app.url, REPORT, {}, viewer))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, REPORT, {}))).toBe("UNAUTHENTICATED");
  });
});

describe("GET /reports/users-and-roles.csv", () => {
  it("is RFC 4180 CSV with the same rows as the query, quoting commas, quotes and line breaks", async () => {
    const csv = await downloadCsv(app.url, a.adminToken);
    expect(csv.status).toBe(200);
    expect(csv.contentType).toMatch(/^text\/csv; charset=utf-8/);
    const [header, ...rows] = csv.records;
    expect(header).toEqual(["id", "userName", "givenName", "familyName", "displayName", "active", "customerRoles", "dataAccessRoles", "appAccessRoles"]);
    const ann = rows.find((r) => r[1] === "ann@a.example")!;
    expect(ann).toEqual([ids.ann, "ann@a.example", "Ann", "Lee, Jr.", 'Ann "the boss" Lee', "true", "Sales, EMEA (scim-group); Support (scim-group, upload)", "EMEA data; Tickets", "Agent"]);
    expect(csv.text).toContain('"Lee, Jr."');
    expect(csv.text).toContain('"Ann ""the boss"" Lee"');
    const bob = rows.find((r) => r[1] === "bob@a.example")!;
    expect(bob.slice(3, 7)).toEqual(["Line\nBreak", "", "false", "Support (upload)"]);
    // A cell a spreadsheet would run as a formula is defused with a leading quote (CSV injection).
    expect(rows.find((r) => r[1] === "cid@a.example")![2]).toBe("'=HYPERLINK(1)");
    const query = (await ok(app.url, a.adminToken, REPORT)).usersAndRolesReport.nodes.map((n: any) => n.userId);
    expect(rows.map((r) => r[0])).toEqual(query);
  });

  it("streams every user across many batches, in userName order", async () => {
    const em = app.orm.em.fork() as EntityManager;
    await em.getConnection().execute(
      `insert into user_account (id, company_id, user_name, given_name, family_name, extension_attributes, allow_sso_login, auto_assign_roles, created_at, updated_at)
       select gen_random_uuid(), ?, 'bulk-' || lpad(i::text, 5, '0') || '@a.example', 'G' || i, 'F' || i, '{}'::jsonb, false, true, now(), now()
         from generate_series(1, 2500) as i`,
      [a.company.id],
    );
    const total = (await ok(app.url, a.adminToken, REPORT, { page: { first: 0 } })).usersAndRolesReport.totalCount;
    expect(total).toBeGreaterThan(2500);
    const csv = await downloadCsv(app.url, a.adminToken);
    const rows = csv.records.slice(1);
    expect(rows).toHaveLength(total);
    const names = rows.map((r) => r[1]!.toLowerCase());
    expect([...names].sort()).toEqual(names);
    expect(new Set(rows.map((r) => r[0])).size).toBe(total);
    await em.getConnection().execute(`delete from user_account where company_id = ? and user_name like 'bulk-%'`, [a.company.id]);
  });

  it("answers 401 without or with a bad session, 403 without CanConfigureCompany or CanViewAuditLog", async () => {
    const none = await downloadCsv(app.url);
    expect(none.status).toBe(401);
    expect((await downloadCsv(app.url, "not-a-token")).status).toBe(401);
    const viewer = await viewerToken(app, a.company, "viewer2@a.example");
    expect((await downloadCsv(app.url, viewer)).status).toBe(403);
    const auditor = await auditorToken(app, a.company, "auditor@a.example");
    expect((await downloadCsv(app.url, auditor)).status).toBe(200);
  });

  it("gives company B only B's lines", async () => {
    const csv = await downloadCsv(app.url, b.adminToken);
    const names = csv.records.slice(1).map((r) => r[1]);
    expect(names).toEqual([b.admin.userName, "auditor@b.example", "zed@b.example"]);
    expect(csv.text).not.toContain("@a.example");
    expect(csv.text).not.toContain(ids.ann);
  });
});
