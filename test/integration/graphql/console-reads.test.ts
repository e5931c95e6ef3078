import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlatformOperator, createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import type { TestApp } from "../../setup/server.js";
import { type CountedApp, startCountedApp } from "../../support/counted-app.js";
import { basic, generateAppPassword } from "../auth/auth-helpers.js";
import { insertUsers, ok } from "./customer-roles.fixtures.js";

/**
 * What the admin console reads, each page in one GraphQL request: who is signed in and with which
 * permissions (and who impersonates them), how each user arrived, a user's effective access on
 * the user itself; and what those reads cost in statements, counted on the wire.
 */

let counted: CountedApp;
let app: TestApp;
let a: TestCompany;
let b: TestCompany;

beforeAll(async () => {
  counted = await startCountedApp();
  app = counted.app;
  a = await createTestCompany(app);
  b = await createTestCompany(app);
});
afterAll(() => counted?.close());

const PRINCIPAL = `{ principal { user { id userName } permissions isPlatformOperator impersonator { id userName } } }`;

describe("principal", () => {
  it("names the signed-in user and exactly the permissions the session is authorised with", async () => {
    const admin = (await ok(app, a.adminToken, PRINCIPAL)).principal;
    expect(admin.user).toEqual({ id: a.admin.id, userName: a.admin.userName });
    expect(admin.permissions).toEqual(expect.arrayContaining(["CanConfigureCompany", "CanManageUsers", "CanViewUsers"]));
    expect(admin.isPlatformOperator).toBe(false);
    expect(admin.impersonator).toBeNull();

    const viewer = await createUserWithRoles(app, a.company, "viewer@a.example", ["Viewer"]);
    const seen = (await ok(app, await tokenFor(app, viewer), PRINCIPAL)).principal;
    expect(seen.permissions).not.toContain("CanManageUsers");
    expect(seen.permissions).not.toContain("CanConfigureCompany");
  });

  it("in an impersonated session names the platform operator behind it", async () => {
    const { operator, token } = await createPlatformOperator(app);
    const session = await ok(
      app,
      token,
      `mutation($c: ID!, $u: ID!) { impersonate(companyId: $c, userId: $u, reason: "support case 17") { token } }`,
      { c: a.company.id, u: a.admin.id },
    );
    const seen = (await ok(app, session.impersonate.token, PRINCIPAL)).principal;
    expect(seen.user.id).toBe(a.admin.id);
    expect(seen.impersonator).toEqual({ id: operator.id, userName: operator.userName });
  });

  it("without a session is UNAUTHENTICATED", async () => {
    expect(errorCode(await gql(app.url, PRINCIPAL))).toBe("UNAUTHENTICATED");
  });
});

describe("User.origin", () => {
  it("says whether a user arrived through SCIM, an upload or an admin, and filters on it", async () => {
    const service = await createUserWithRoles(app, a.company, "scim@a.example", ["SCIM Provisioner"], { isServiceAccount: true });
    const credential = await generateAppPassword(app, await tokenFor(app, service));
    const scim = await fetch(`${app.url}/scim/v2/Users`, {
      method: "POST",
      headers: { "content-type": "application/scim+json", authorization: basic(credential.clientId, credential.secret) },
      body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "from-idp@a.example" }),
    });
    expect(scim.status).toBe(201);
    await ok(app, a.adminToken, `mutation { createUser(input: { userName: "by-hand@a.example" }) { id } }`);
    await ok(app, a.adminToken, `mutation($csv: String!) { uploadUsers(csv: $csv) { created } }`, { csv: "userName\nfrom-file@a.example\n" });

    const all = await ok(app, a.adminToken, `{ users(where: { userName: { ew: "@a.example" } }, orderBy: { field: USER_NAME }) { nodes { userName origin } } }`);
    const origins = Object.fromEntries(all.users.nodes.map((u: { userName: string; origin: string }) => [u.userName, u.origin]));
    expect(origins).toMatchObject({ "from-idp@a.example": "SCIM", "by-hand@a.example": "MANUAL", "from-file@a.example": "UPLOAD" });

    const scimOnly = await ok(app, a.adminToken, `{ users(where: { origin: { eq: SCIM } }) { nodes { userName } } }`);
    expect(scimOnly.users.nodes).toEqual([{ userName: "from-idp@a.example" }]);
  });

  it("an unknown origin is a GraphQL validation error, not a 500", async () => {
    const res = await gql(app.url, `{ users(where: { origin: { eq: FAX } }) { totalCount } }`, {}, a.adminToken);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("User.effectiveAccess", () => {
  it("gives a user's page its effective access with provenance in the same request as its attributes", async () => {
    const [userId] = await insertUsers(app, a.company.id, 1, { prefix: "mapped", autoAssignRoles: true });
    const data = await ok(app, a.adminToken, `mutation { createDataAccessRole(input: { name: "EMEA Sales" }) { id } }`);
    const role = await ok(app, a.adminToken, `mutation($u: [ID!]!) { createCustomerRole(input: { displayName: "Sales", memberIds: $u }) { id } }`, { u: [userId] });
    await ok(app, a.adminToken, `mutation($c: ID!, $d: [ID!]!) { setRoleMapping(customerRoleId: $c, dataAccessRoleIds: $d, appAccessRoleIds: []) { version } }`, {
      c: role.createCustomerRole.id,
      d: [data.createDataAccessRole.id],
    });

    const page = await ok(
      app,
      a.adminToken,
      `query($id: ID!) { user(id: $id) { userName customerRoles { customerRole { displayName } sources }
          effectiveAccess { dataAccessRoles { role { name } grants { kind membershipSource customerRole { displayName } } } } } }`,
      { id: userId },
    );
    expect(page.user.customerRoles).toEqual([{ customerRole: { displayName: "Sales" }, sources: ["MANUAL"] }]);
    expect(page.user.effectiveAccess.dataAccessRoles).toEqual([
      { role: { name: "EMEA Sales" }, grants: [{ kind: "MAPPING", membershipSource: "MANUAL", customerRole: { displayName: "Sales" } }] },
    ]);
  });

  it("another company's user is NOT_FOUND", async () => {
    const res = await gql(app.url, `query($id: ID!) { user(id: $id) { effectiveAccess { permissions } } }`, { id: b.admin.id }, a.adminToken);
    expect(errorCode(res)).toBe("NOT_FOUND");
  });
});

describe("what the console's lists cost", () => {
  const USERS_PAGE = `query($first: Int!) { users(orderBy: { field: USER_NAME }, page: { first: $first }) {
      totalCount pageInfo { endCursor hasNextPage }
      nodes { id userName displayName name { givenName familyName } active origin customerRoles { customerRole { id displayName } sources } } } }`;

  beforeAll(async () => {
    const ids = await insertUsers(app, b.company.id, 300, { prefix: "listed" });
    const role = await ok(app, b.adminToken, `mutation($u: [ID!]!) { createCustomerRole(input: { displayName: "Everyone", memberIds: $u }) { id } }`, { u: ids });
    expect(role.createCustomerRole.id).toBeTruthy();
  });

  it("a page of users with their roles and origin is the same statements for 10 rows as for 300", async () => {
    const small = await counted.recorded(() => gql(app.url, USERS_PAGE, { first: 10 }, b.adminToken));
    const large = await counted.recorded(() => gql(app.url, USERS_PAGE, { first: 300 }, b.adminToken));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data!.users.nodes).toHaveLength(300);
    expect(large.result.data!.users.nodes[5].customerRoles).toEqual([{ customerRole: expect.objectContaining({ displayName: "Everyone" }), sources: ["MANUAL"] }]);
    // Authentication, then the page with its roles and total in one statement.
    expect(small.sql).toHaveLength(2);
    expect(large.sql).toHaveLength(small.sql.length);
  });

  it("effective access on a page of users is batched: the same statements for 10 users as for 300", async () => {
    const PAGE = `query($first: Int!) { users(orderBy: { field: USER_NAME }, page: { first: $first }) {
        nodes { userName effectiveAccess { permissions dataAccessRoles { role { name } grants { kind } } appAccessRoles { role { name } } } } } }`;
    const small = await counted.recorded(() => gql(app.url, PAGE, { first: 10 }, b.adminToken));
    const large = await counted.recorded(() => gql(app.url, PAGE, { first: 300 }, b.adminToken));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data!.users.nodes).toHaveLength(300);
    const admin = large.result.data!.users.nodes.find((u: { userName: string }) => u.userName === b.admin.userName);
    expect(admin.effectiveAccess.appAccessRoles).toEqual([{ role: { name: "Company Administrator" } }]);
    expect(admin.effectiveAccess.permissions).toContain("CanConfigureCompany");
    expect(large.sql).toHaveLength(small.sql.length);
    expect(small.sql.length).toBeLessThanOrEqual(7);
  });

  it("customer roles with member counts and mappings read no member row, and cost the same for 1 role as for 11", async () => {
    const LIST = `{ customerRoles { totalCount nodes { displayName memberCount mapping { dataAccessRoles { name } } } } }`;
    const one = await counted.recorded(() => gql(app.url, LIST, {}, b.adminToken));
    expect(one.result.errors).toBeUndefined();
    expect(one.result.data!.customerRoles.nodes).toEqual([{ displayName: "Everyone", memberCount: 300, mapping: null }]);
    // The count is an aggregate; nothing selects membership rows to count them in the app.
    const membershipReads = one.sql.filter((s) => /\bfrom membership\b/.test(s) && !/count\(/.test(s) && !/user_direct_app_access_role/.test(s));
    expect(membershipReads).toEqual([]);

    for (let i = 0; i < 10; i++) await ok(app, b.adminToken, `mutation($n: String!) { createCustomerRole(input: { displayName: $n }) { id } }`, { n: `Role ${i}` });
    const eleven = await counted.recorded(() => gql(app.url, LIST, {}, b.adminToken));
    expect(eleven.result.data!.customerRoles.nodes).toHaveLength(11);
    expect(eleven.sql).toHaveLength(one.sql.length);
  });
});
