import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlOf, type Sql, type PreparedStatement } from "../../../src/db/sql.js";
import { selectUserPage } from "../../../src/domain/users/user.repository.js";
import { toCompilableWhere, USER_FIELDS, userSort, type UserWhere } from "../../../src/domain/users/user.where.js";
import { compileWhere } from "../../../src/domain/where.js";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import type { TestApp } from "../../setup/server.js";
import { type CountedApp, startCountedApp } from "../../support/counted-app.js";

/**
 * The console's users page among 100,000 users: a search by userName or name prefix seeks the
 * lower(...) text_pattern_ops indexes (EXPLAIN shows no sequential scan of user_account), a page
 * by cursor seeks from its cursor, and each is one statement after authentication.
 */

let counted: CountedApp;
let app: TestApp;
let a: TestCompany;
let other: TestCompany;

const USERS = 100_000;

beforeAll(async () => {
  counted = await startCountedApp();
  app = counted.app;
  a = await createTestCompany(app);
  other = await createTestCompany(app);
  const conn = app.orm.em.fork().getConnection();
  // One statement seeds them, with names to search by; a few belong to another company.
  await conn.execute(
    `insert into user_account (id, company_id, user_name, given_name, family_name, extension_attributes, origin, created_at, updated_at)
     select gen_random_uuid(), ?, 'user-' || lpad(n::text, 6, '0') || '@example.com',
            (array['Ada','Grace','Linus','Margaret','Ken'])[1 + n % 5], 'Family' || (n % 997), '{}'::jsonb,
            (array['scim','upload','manual'])[1 + n % 3], now(), now()
       from generate_series(1, ?) as n`,
    [a.company.id, USERS],
  );
  await conn.execute(
    `insert into user_account (id, company_id, user_name, given_name, extension_attributes, created_at, updated_at)
     select gen_random_uuid(), ?, 'user-' || n || '@other.example', 'Ada', '{}'::jsonb, now(), now() from generate_series(1, 50) as n`,
    [other.company.id],
  );
  await conn.execute(`analyze user_account`);
}, 180_000);
afterAll(() => counted?.close());

const PAGE = `query($where: UserWhere, $after: String) {
  users(where: $where, orderBy: { field: USER_NAME }, page: { first: 50, after: $after }) {
    totalCount pageInfo { endCursor hasNextPage } nodes { userName name { givenName familyName } active origin customerRoles { customerRole { displayName } sources } }
  } }`;

/** The console's search box: a prefix of userName, givenName or familyName, ignoring case. */
const search = (q: string): UserWhere => ({ or: [{ userName: { sw: q } }, { givenName: { sw: q } }, { familyName: { sw: q } }] });

/** The plan PostgreSQL picks for the statement the users service builds for this query. */
async function planOf(where: UserWhere, after?: string): Promise<string> {
  let captured: { text: string; values: readonly unknown[] } | undefined;
  const recorder: Sql = {
    async query(statement: string | PreparedStatement, values: readonly unknown[] = []) {
      captured ??= { text: typeof statement === "string" ? statement : statement.text, values };
      throw new Error("captured");
    },
  };
  const compiled = compileWhere(toCompilableWhere(where), USER_FIELDS);
  await selectUserPage(recorder, {
    where: { sql: `u.company_id = ?::uuid and (${compiled.sql})`, params: [a.company.id, ...compiled.params] },
    sort: userSort({ field: "USER_NAME" }),
    page: { first: 50, after },
    withRoles: true,
    prepare: false,
  }).catch(() => undefined);
  const rows = await sqlOf(app.orm.em.fork()).query<{ "QUERY PLAN": string }>(`explain ${captured!.text}`, captured!.values);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe(`users page among ${USERS.toLocaleString("en")} users`, () => {
  it("a userName prefix search seeks an index: no sequential scan of user_account", async () => {
    const plan = await planOf({ userName: { sw: "USER-0999" } });
    expect(plan).not.toMatch(/Seq Scan on user_account/);
    expect(plan).toMatch(/user_account_user_name_prefix/);
  });

  it("a search by userName, given or family name prefix combines the three prefix indexes", async () => {
    const plan = await planOf(search("family99"));
    expect(plan).not.toMatch(/Seq Scan on user_account/);
    expect(plan).toMatch(/user_account_family_name_prefix/);
  });

  it("the search answers with the matches of the caller's company only, in one statement after authentication", async () => {
    const { result, sql } = await counted.recorded(() => gql(app.url, PAGE, { where: search("user-00001") }, a.adminToken));
    expect(result.errors).toBeUndefined();
    const users = result.data!.users;
    expect(users.totalCount).toBe(10);
    expect(users.nodes.map((u: { userName: string }) => u.userName)).toEqual(Array.from({ length: 10 }, (_, i) => `user-00001${i}@example.com`));
    expect(sql).toHaveLength(2);

    const ada = await gql(app.url, PAGE, { where: search("ada") }, other.adminToken);
    expect(ada.data!.users.totalCount).toBe(50);
  });

  it("a deep page by cursor is one statement, and its plan seeks from the cursor without a sequential scan", async () => {
    let after: string | undefined;
    for (let i = 0; i < 3; i++) {
      const res = await gql(app.url, PAGE, { where: { userName: { sw: "user-05" } }, after }, a.adminToken);
      expect(res.errors).toBeUndefined();
      after = res.data!.users.pageInfo.endCursor;
    }
    const { result, sql } = await counted.recorded(() => gql(app.url, PAGE, { where: { userName: { sw: "user-05" } }, after }, a.adminToken));
    expect(result.data!.users.nodes[0].userName).toBe("user-050150@example.com");
    expect(sql).toHaveLength(2);
    const plan = await planOf({ userName: { sw: "user-05" } }, after);
    expect(plan).not.toMatch(/Seq Scan on user_account/);
  });
});

describe("a customer role of 50,000 members on the console's role page", () => {
  const ROLE_PAGE = `query($id: ID!, $after: String) { customerRole(id: $id) {
      displayName memberCount mapping { dataAccessRoles { name } }
      members(page: { first: 50, after: $after }) { totalCount pageInfo { endCursor hasNextPage } nodes { userId userName source } } }
    dataAccessRoles { id name } appAccessRoles { id name } }`;
  let big: string;
  let small: string;

  beforeAll(async () => {
    const create = (name: string) =>
      gql(app.url, `mutation($n: String!) { createCustomerRole(input: { displayName: $n }) { id } }`, { n: name }, a.adminToken).then((r) => r.data!.createCustomerRole.id as string);
    big = await create("Everyone");
    small = await create("Few");
    const conn = app.orm.em.fork().getConnection();
    await conn.execute(
      `insert into membership (company_id, customer_role_id, user_id, source)
       select company_id, ?, id, 'scim-group' from user_account where company_id = ? and user_name like 'user-%' and user_name < 'user-050001'`,
      [big, a.company.id],
    );
    await conn.execute(`insert into membership (company_id, customer_role_id, user_id, source) select company_id, ?, id, 'manual' from user_account where company_id = ? and user_name like 'user-%' and user_name < 'user-000003'`, [
      small,
      a.company.id,
    ]);
    await conn.execute(`analyze membership`);
  }, 120_000);

  it("opens and pages as a role of 2 members does: the same statements, the count an aggregate", async () => {
    const few = await counted.recorded(() => gql(app.url, ROLE_PAGE, { id: small }, a.adminToken));
    const first = await counted.recorded(() => gql(app.url, ROLE_PAGE, { id: big }, a.adminToken));
    expect(first.result.errors).toBeUndefined();
    const role = first.result.data!.customerRole;
    expect(role.memberCount).toBe(50_000);
    expect(role.members.nodes).toHaveLength(50);
    expect(first.sql).toHaveLength(few.sql.length);

    const next = await counted.recorded(() => gql(app.url, ROLE_PAGE, { id: big, after: role.members.pageInfo.endCursor }, a.adminToken));
    expect(next.result.data!.customerRole.members.nodes[0].userId).not.toBe(role.members.nodes[0].userId);
    expect(next.sql).toHaveLength(few.sql.length);
  });
});
