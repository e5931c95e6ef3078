import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { auditorToken, viewerToken } from "./log-fixtures.js";
import { downloadCsv, ok } from "./report-helpers.js";

/** Issue 6 §6: file-based user upload with source UPLOAD, ownership against SCIM, and clearing uploaded roles. */
let app: TestApp;
let a: TestCompany;
let b: TestCompany;

const UPLOAD = `mutation($csv: String!, $dry: Boolean) { uploadUsers(csv: $csv, dryRun: $dry) {
  dryRun applied created updated unchanged membershipsAdded membershipsRemoved createdCustomerRoles
  lines { line userName userId action customerRolesAdded customerRolesRemoved } } }`;
const USER = `query($id: ID!) { user(id: $id) { userName name { givenName familyName } active autoAssignRoles emails { value primary type }
  customerRoles { customerRole { displayName } sources } } }`;
const q = (query: string, variables: Record<string, unknown> = {}, token = a.adminToken) => ok(app.url, token, query, variables);
const upload = async (csv: string, dry = false, token = a.adminToken) => (await q(UPLOAD, { csv, dry }, token)).uploadUsers;
const userByName = async (userName: string, token = a.adminToken) =>
  (await q(`query($n: String!) { users(where: { userName: { eq: $n } }) { nodes { id } } }`, { n: userName }, token)).users.nodes[0]?.id as string | undefined;
const holdings = async (id: string) =>
  Object.fromEntries((await q(USER, { id })).user.customerRoles.map((h: any) => [h.customerRole.displayName, [...h.sources].sort()]));
const roleId = async (displayName: string, token = a.adminToken) =>
  (await q(`query($n: String!) { customerRoles(where: { displayName: { eq: $n } }) { nodes { id } } }`, { n: displayName }, token)).customerRoles.nodes[0]?.id as string;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
});
afterAll(() => app?.close());

describe("uploadUsers", () => {
  it("creates users with names, email, active and upload-owned roles; an unknown role name creates an unmapped role", async () => {
    await q(`mutation { createCustomerRole(input: { displayName: "Sales" }) { id } }`);
    const csv =
      "\uFEFFuserName,givenName,familyName,email,active,customerRoles\r\n" +
      'ann@a.example,Ann,"Lee, Jr.",ann@work.example,true,sales; Support\r\n' +
      "bob@a.example,Bob,Stone,,false,Support\n" +
      "cid@a.example,Cid,,,,\n";
    const res = await upload(csv);
    expect(res).toMatchObject({ dryRun: false, applied: true, created: 3, updated: 0, unchanged: 0, membershipsAdded: 3, membershipsRemoved: 0, createdCustomerRoles: ["Support"] });
    expect(res.lines.map((l: any) => [l.line, l.userName, l.action, l.customerRolesAdded])).toEqual([
      [2, "ann@a.example", "CREATED", ["Sales", "Support"]],
      [3, "bob@a.example", "CREATED", ["Support"]],
      [4, "cid@a.example", "CREATED", []],
    ]);
    const ann = (await q(USER, { id: res.lines[0].userId })).user;
    expect(ann).toMatchObject({ name: { givenName: "Ann", familyName: "Lee, Jr." }, active: true, autoAssignRoles: true, emails: [{ value: "ann@work.example", primary: true, type: "work" }] });
    expect(await holdings(res.lines[0].userId)).toEqual({ Sales: ["UPLOAD"], Support: ["UPLOAD"] });
    expect((await q(USER, { id: res.lines[1].userId })).user.active).toBe(false);
    const unmapped = (await q(`{ unmappedCustomerRoles { nodes { displayName } } }`)).unmappedCustomerRoles.nodes.map((n: any) => n.displayName);
    expect(unmapped).toEqual(expect.arrayContaining(["Sales", "Support"]));
  });

  it("a second upload updates users and replaces only their upload-owned roles; users not in the file stay", async () => {
    const res = await upload("userName,givenName,customerRoles\nANN@a.example,Annie,Support\nbob@a.example,,Support\n");
    expect(res).toMatchObject({ created: 0, updated: 1, unchanged: 1, membershipsAdded: 0, membershipsRemoved: 1 });
    expect(res.lines[0]).toMatchObject({ action: "UPDATED", customerRolesRemoved: ["Sales"] });
    const annId = res.lines[0].userId;
    expect((await q(USER, { id: annId })).user).toMatchObject({ name: { givenName: "Annie", familyName: "Lee, Jr." }, emails: [{ value: "ann@work.example" }] });
    expect(await holdings(annId)).toEqual({ Support: ["UPLOAD"] });
    expect(await holdings((await userByName("cid@a.example"))!)).toEqual({});
  });

  it("SCIM never changes upload-owned memberships, and an upload never changes SCIM's", async () => {
    const ann = (await userByName("ann@a.example"))!;
    const bob = (await userByName("bob@a.example"))!;
    const support = await roleId("Support");
    const sales = await roleId("Sales");
    // The IdP pushes Support with only bob, then empties it: ann's upload membership stays.
    await q(`mutation($id: ID!, $u: [ID!]!) { replaceCustomerRoleMembers(id: $id, userIds: $u, source: SCIM_GROUP) { id } }`, { id: support, u: [bob] });
    await q(`mutation($id: ID!, $u: [ID!]!) { removeCustomerRoleMembers(id: $id, userIds: $u, source: SCIM_GROUP) { id } }`, { id: support, u: [ann, bob] });
    expect(await holdings(ann)).toEqual({ Support: ["UPLOAD"] });
    expect(await holdings(bob)).toEqual({ Support: ["UPLOAD"] });
    // SCIM gives ann Sales; an upload listing no roles for her leaves it.
    await q(`mutation($id: ID!, $u: [ID!]!) { addCustomerRoleMembers(id: $id, userIds: $u, source: SCIM_GROUP) { id } }`, { id: sales, u: [ann] });
    const res = await upload("userName,customerRoles\nann@a.example,\n");
    expect(res.lines[0]).toMatchObject({ action: "UPDATED", customerRolesRemoved: ["Support"] });
    expect(await holdings(ann)).toEqual({ Sales: ["SCIM_GROUP"] });
    await upload("userName,customerRoles\nann@a.example,Sales;Support\n");
    expect(await holdings(ann)).toEqual({ Sales: ["SCIM_GROUP", "UPLOAD"], Support: ["UPLOAD"] });
  });

  it("the users-and-roles report shows which source owns each membership", async () => {
    const report = (await q(`{ usersAndRolesReport { nodes { userName customerRoles { displayName sources } } } }`)).usersAndRolesReport.nodes;
    expect(report.find((r: any) => r.userName === "ann@a.example").customerRoles).toEqual([
      { displayName: "Sales", sources: ["SCIM_GROUP", "UPLOAD"] },
      { displayName: "Support", sources: ["UPLOAD"] },
    ]);
    const csv = await downloadCsv(app.url, a.adminToken);
    expect(csv.records.find((r) => r[1] === "ann@a.example")![6]).toBe("Sales (scim-group, upload); Support (upload)");
  });

  it("a dry run reports what would happen and changes nothing", async () => {
    const res = await upload("userName,customerRoles\nnew@a.example,Brand new\nann@a.example,\n", true);
    expect(res).toMatchObject({ dryRun: true, applied: false, created: 1, updated: 1, createdCustomerRoles: ["Brand new"], membershipsRemoved: 2 });
    expect(await userByName("new@a.example")).toBeUndefined();
    expect(await roleId("Brand new")).toBeUndefined();
    expect(await holdings((await userByName("ann@a.example"))!)).toEqual({ Sales: ["SCIM_GROUP", "UPLOAD"], Support: ["UPLOAD"] });
  });

  it("refuses a bad file naming line and column, and applies nothing", async () => {
    const count = async () => (await q(`{ users(page: { first: 0 }) { totalCount } }`)).users.totalCount;
    const before = await count();
    const cases: [string, RegExp][] = [
      ["userName,active\nx1@a.example,true\nx2@a.example,maybe\n", /line 3, column active: expected true or false/],
      ["userName,shoeSize\nx1@a.example,44\n", /line 1, column 2: unknown column "shoeSize"/],
      ["givenName\nX\n", /userName column is required/],
      ["userName\nx1@a.example\nX1@A.example\n", /line 3, column userName: X1@A.example is also on line 2/],
      ["userName,email\nx1@a.example,not-an-email\n", /line 2, column email/],
      ['userName,givenName\nx1@a.example,"unclosed\n', /line 2: a quoted field is not closed/],
      ["userName,givenName\nx1@a.example,a\"b\n", /line 2: a quote inside an unquoted field/],
      [`userName\n${"x".repeat(300)}@a.example\n`, /line 2, column userName/],
      ["userName,customerRoles\nok@a.example,Fine\nx1@a.example,\u0000bad\n", /line 3, column customerRoles/],
      ["", /empty/],
    ];
    for (const [csv, message] of cases) {
      const res = await gql(app.url, UPLOAD, { csv }, a.adminToken);
      expect(errorCode(res), csv).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toMatch(message);
    }
    expect(await count()).toBe(before);
    expect(await roleId("Fine")).toBeUndefined();
  });
});

describe("clearUploadedCustomerRoles", () => {
  it("removes every upload-owned membership of the company at once, keeps SCIM's and other companies', and is audited", async () => {
    await upload("userName,customerRoles\nzed@b.example,Sales\n", false, b.adminToken);
    const cleared = (await q(`mutation { clearUploadedCustomerRoles }`)).clearUploadedCustomerRoles;
    expect(cleared).toBe(3);
    expect(await holdings((await userByName("ann@a.example"))!)).toEqual({ Sales: ["SCIM_GROUP"] });
    expect(await holdings((await userByName("bob@a.example"))!)).toEqual({});
    expect((await q(`mutation { clearUploadedCustomerRoles }`)).clearUploadedCustomerRoles).toBe(0);
    const audit = (await q(`{ auditEvents(where: { action: { eq: "customerRole.clearUploadedMemberships" } }) { nodes { actorUserId after } } }`)).auditEvents.nodes;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: a.admin.id, after: { removedCount: 3, customerRoleCount: 2 } });
    const zed = (await userByName("zed@b.example", b.adminToken))!;
    const bHoldings = (await q(USER, { id: zed }, b.adminToken)).user.customerRoles;
    expect(bHoldings).toEqual([{ customerRole: { displayName: "Sales" }, sources: ["UPLOAD"] }]);
  });
});

describe("permissions and tenants", () => {
  it("needs CanManageUsers or CanConfigureCompany", async () => {
    for (const token of [await viewerToken(app, a.company, "viewer@a.example"), await auditorToken(app, a.company, "auditor@a.example")]) {
      expect(errorCode(await gql(app.url, UPLOAD, { csv: "userName\nq@a.example\n" }, token))).toBe("FORBIDDEN");
      expect(errorCode(await gql(app.url, `mutation { clearUploadedCustomerRoles }`, {}, token))).toBe("FORBIDDEN");
    }
    expect(errorCode(await gql(app.url, `mutation { clearUploadedCustomerRoles }`))).toBe("UNAUTHENTICATED");
  });

  it("an upload in company B with A's userNames creates B's own users and leaves A's alone", async () => {
    const annA = (await userByName("ann@a.example"))!;
    const res = await upload("userName,givenName\nann@a.example,Other Ann\n", false, b.adminToken);
    expect(res.created).toBe(1);
    expect(res.lines[0].userId).not.toBe(annA);
    expect((await q(USER, { id: annA })).user.name.givenName).toBe("Annie");
  });
});
