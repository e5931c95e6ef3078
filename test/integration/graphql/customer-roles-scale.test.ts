import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import type { TestApp } from "../../setup/server.js";
import { type CountedApp, isAuthentication, startCountedApp } from "../../support/counted-app.js";
import { insertUsers, membershipRows, ok } from "./customer-roles.fixtures.js";

/**
 * DESIGN rule 5 and issue 2's "done when": member changes cost the same for any role size, because
 * no statement reads the member list; and concurrent member changes end in the serial result.
 * Every SQL statement the app sends is counted on the wire (test/support/statement-counter.ts).
 */

let counted: CountedApp;
let app: TestApp;
let a: TestCompany;

beforeAll(async () => {
  counted = await startCountedApp();
  app = counted.app;
  a = await createTestCompany(app);
});
afterAll(() => counted?.close());

const recorded = <T>(work: () => Promise<T>) => counted.recorded(work);

const ADD = `mutation($id: ID!, $u: [ID!]!) { addCustomerRoleMembers(id: $id, userIds: $u, source: SCIM_GROUP) { id version } }`;
const REMOVE = `mutation($id: ID!, $u: [ID!]!) { removeCustomerRoleMembers(id: $id, userIds: $u, source: SCIM_GROUP) { id version } }`;

/** The caller's own authentication reads its memberships (its permissions); it reads no role's member list. */
const isPermissionLookup = isAuthentication;

async function memberCount(roleId: string): Promise<number> {
  const [{ count }] = await app.orm.em.fork().getConnection().execute(`select count(*)::int as count from membership where customer_role_id = ?`, [roleId]);
  return count;
}

describe("a customer role of 50,000 members", () => {
  let roleId: string;
  let outsider: string;

  beforeAll(async () => {
    roleId = (await ok(app, a.adminToken, `mutation { createCustomerRole(input: { displayName: "Everyone" }) { id } }`)).createCustomerRole.id;
    const prefix = "bulk";
    await insertUsers(app, a.company.id, 50_000, { prefix });
    // One set-based statement seeds the memberships, as an IdP's initial push would leave them.
    await app.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into membership (company_id, customer_role_id, user_id, source)
         select company_id, ?, id, 'scim-group' from user_account where company_id = ? and user_name like 'bulk-%'`,
        [roleId, a.company.id],
      );
    [outsider] = await insertUsers(app, a.company.id, 1, { prefix: "outsider" });
    expect(await memberCount(roleId)).toBe(50_000);
  }, 120_000);

  it("adding one member to a customer role of 50,000 members runs no query that reads its member list", async () => {
    const { result, sql } = await recorded(() => gql(app.url, ADD, { id: roleId, u: [outsider] }, a.adminToken));
    expect(result.errors).toBeUndefined();
    expect(result.data?.addCustomerRoleMembers.version).toBe(2);

    const touchingMembership = sql.filter((s) => /\bmembership\b/.test(s) && !isPermissionLookup(s));
    expect(touchingMembership).toHaveLength(1);
    expect(touchingMembership[0]).toMatch(/^insert into membership .* on conflict do nothing/s);
    expect(sql.some((s) => /^update customer_role\s+set .*version = version \+ 1/s.test(s.trim()))).toBe(true);
    expect(sql.some((s) => /^select \* from customer_role where company_id = \$1 and id = any\(\$2::uuid\[\]\) order by id for update$/.test(s))).toBe(true);
    expect(await memberCount(roleId)).toBe(50_001);
  });

  it("removing one member reads no member rows either", async () => {
    const { result, sql } = await recorded(() => gql(app.url, REMOVE, { id: roleId, u: [outsider] }, a.adminToken));
    expect(result.errors).toBeUndefined();
    const touchingMembership = sql.filter((s) => /\bmembership\b/.test(s) && !isPermissionLookup(s));
    expect(touchingMembership).toHaveLength(1);
    expect(touchingMembership[0]).toMatch(/^delete from membership\s+where customer_role_id = \$1 and company_id = \$2 and source = \$3 and user_id = any/s);
    expect(await memberCount(roleId)).toBe(50_000);
  });

  it("reads memberCount and the first page of members without listing the role", async () => {
    const res = await ok(
      app,
      a.adminToken,
      `query($id: ID!) { customerRole(id: $id) { memberCount members(page: { first: 5 }) { totalCount nodes { user { id } } pageInfo { hasNextPage } } } }`,
      { id: roleId },
    );
    expect(res.customerRole).toMatchObject({ memberCount: 50_000, members: { totalCount: 50_000, pageInfo: { hasNextPage: true } } });
    expect(res.customerRole.members.nodes).toHaveLength(5);
  });
});

describe("concurrent member changes", () => {
  it("twenty concurrent member patches of one role end in the serial result, with no lost version", async () => {
    const users = await insertUsers(app, a.company.id, 60, { prefix: "conc" });
    const initial = users.slice(0, 20);
    const role = (
      await ok(app, a.adminToken, `mutation($u: [ID!]!) { createCustomerRole(input: { displayName: "Busy", memberIds: $u, source: SCIM_GROUP }) { id } }`, { u: initial })
    ).createCustomerRole;

    // Patch i adds two users of its own and removes one initial member of its own: the patches
    // commute, so every serial order ends with the same membership.
    const patches = Array.from({ length: 20 }, (_, i) => ({ addUserIds: users.slice(20 + 2 * i, 22 + 2 * i), removeUserIds: [initial[i]!], source: "SCIM_GROUP" }));
    const results = await Promise.all(
      patches.map((p) => gql(app.url, `mutation($id: ID!, $i: PatchCustomerRoleInput!) { patchCustomerRole(id: $id, input: $i) { version } }`, { id: role.id, i: p }, a.adminToken)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(await membershipRows(app, role.id)).toEqual(users.slice(20).map((u) => `${u}/scim-group`).sort());
    const versions = results.map((r) => r.data!.patchCustomerRole.version).sort((x: number, y: number) => x - y);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it("twenty concurrent moves between two roles in a one-role-at-a-time company never fail and leave each user in one role", async () => {
    const c = await createTestCompany(app);
    await ok(app, c.adminToken, `mutation { updateCompanySettings(input: { singleCustomerRole: true }) { singleCustomerRole } }`);
    const users = await insertUsers(app, c.company.id, 10, { prefix: "mover" });
    const create = `mutation($n: String!, $u: [ID!]!) { createCustomerRole(input: { displayName: $n, memberIds: $u, source: SCIM_GROUP }) { id } }`;
    const left = (await ok(app, c.adminToken, create, { n: "Left", u: users.slice(0, 5) })).createCustomerRole.id;
    const right = (await ok(app, c.adminToken, create, { n: "Right", u: users.slice(5) })).createCustomerRole.id;

    // Opposite moves lock the two roles in opposite orders: deadlocks are expected and retried inside.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gql(app.url, ADD, { id: i % 2 ? left : right, u: [users[i % 10]!, users[(i + 5) % 10]!] }, c.adminToken)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const rows = [...(await membershipRows(app, left)), ...(await membershipRows(app, right))];
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.split("/")[0]))).toEqual(new Set(users));
  });
});
