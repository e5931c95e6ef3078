import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * The users filter (RFC 7644 §3.4.2.2 as a GraphQL where-tree) over a seeded company: every
 * operator, and/or/not, the one-row emails semantics, caseExact, dates and memberships.
 */

let app: TestApp;
let a: TestCompany;
let other: TestCompany;
const ids: Record<string, string> = {};
let roleSales: string;
let roleOps: string;
let beforeUpdate: string;

const SEED: Record<string, unknown>[] = [
  {
    userName: "Alice@Corp.example",
    externalId: "EXT-Alice",
    displayName: "Alice Anders",
    title: "Engineer",
    userType: "Employee",
    locale: "en-US",
    name: { givenName: "Alice", familyName: "Anders", formatted: "Alice Anders" },
    emails: [
      { value: "alice@corp.example", type: "work", primary: true },
      { value: "alice@gmail.example", type: "home" },
    ],
    personId: "P-001",
    enterprise: { department: "Sales", costCenter: "CC-1", employeeNumber: "1001", organization: "Corp", division: "North", managerId: "mgr-1" },
  },
  {
    userName: "bob@corp.example",
    externalId: "ext-bob",
    displayName: "Bob Brown",
    title: "Manager",
    userType: "Contractor",
    locale: "en-GB",
    name: { givenName: "Bob", familyName: "Brown" },
    emails: [{ value: "bob@corp.example", type: "work", primary: true }],
    personId: "P-002",
    enterprise: { department: "Operations", costCenter: "CC-2", employeeNumber: "1002", organization: "Corp", division: "South" },
  },
  {
    userName: "carol@partner.example",
    displayName: "Carol Chen",
    name: { givenName: "Carol", familyName: "Chen", middleName: "Q" },
    emails: [{ value: "carol@gmail.example", type: "work" }],
    active: false,
    enterprise: { department: "sales" },
  },
  { userName: "dave@corp.example", displayName: "", nickName: "D", emails: [], timezone: "Europe/Paris", preferredLanguage: "fr" },
  { userName: "erin_100%@corp.example", displayName: "Erin 100% Sure", name: { honorificPrefix: "Dr", honorificSuffix: "PhD" } },
];

const LIST = `query($w: UserWhere) { users(where: $w, page: { first: 1000 }) { totalCount nodes { userName } } }`;

async function names(w: unknown): Promise<string[]> {
  const res = await gql(app.url, LIST, { w }, a.adminToken);
  expect(res.errors, JSON.stringify(w)).toBeUndefined();
  const found = res.data!.users.nodes.map((n: { userName: string }) => n.userName).filter((n: string) => !n.startsWith("admin@"));
  expect(res.data!.users.totalCount - found.length, "totalCount counts what nodes list").toBeLessThanOrEqual(1);
  return found.sort();
}

const by = (...short: string[]) => short.map((s) => SEED.find((u) => (u.userName as string).toLowerCase().startsWith(s))!.userName as string).sort();

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  other = await createTestCompany(app);
  for (const input of SEED) {
    const res = await gql(app.url, `mutation($i: UserInput!) { createUser(input: $i) { id userName } }`, { i: input }, a.adminToken);
    expect(res.errors).toBeUndefined();
    ids[(input.userName as string).toLowerCase().slice(0, 1)] = res.data!.createUser.id;
  }
  // A same-named user in another company must never appear.
  await gql(app.url, `mutation { createUser(input: { userName: "alice@corp.example", externalId: "EXT-Alice" }) { id } }`, {}, other.adminToken);

  // Memberships are the customer-roles area's; seed them as rows.
  const conn = app.orm.em.fork().getConnection();
  const role = async (name: string) =>
    (await conn.execute<{ id: string }[]>(
      `insert into customer_role (id, company_id, display_name, version, created_at, updated_at) values (gen_random_uuid(), ?, ?, 1, now(), now()) returning id`,
      [a.company.id, name],
    ))[0]!.id;
  roleSales = await role("Sales");
  roleOps = await role("Ops");
  const member = (roleId: string, userId: string, source: string) =>
    conn.execute(`insert into membership (company_id, customer_role_id, user_id, source) values (?, ?, ?, ?)`, [a.company.id, roleId, userId, source]);
  await member(roleSales, ids.a!, "scim-group");
  await member(roleSales, ids.a!, "manual");
  await member(roleSales, ids.c!, "upload");
  await member(roleOps, ids.b!, "scim-group");

  // updatedAt: only Bob changes after this instant.
  await new Promise((r) => setTimeout(r, 20));
  beforeUpdate = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  const upd = await gql(app.url, `mutation($id: ID!) { updateUser(id: $id, input: { title: "Director" }) { id } }`, { id: ids.b }, a.adminToken);
  expect(upd.errors).toBeUndefined();
});
afterAll(() => app?.close());

describe("string operators", () => {
  it("eq ignores case on userName (caseExact false) unless caseExact is asked for", async () => {
    expect(await names({ userName: { eq: "ALICE@corp.EXAMPLE" } })).toEqual(by("alice"));
    expect(await names({ userName: { eq: "ALICE@corp.EXAMPLE", caseExact: true } })).toEqual([]);
    expect(await names({ userName: { eq: "Alice@Corp.example", caseExact: true } })).toEqual(by("alice"));
  });

  it("eq on externalId is exact by default (RFC 7643 §3.1) and can be relaxed", async () => {
    expect(await names({ externalId: { eq: "EXT-Alice" } })).toEqual(by("alice"));
    expect(await names({ externalId: { eq: "ext-alice" } })).toEqual([]);
    expect(await names({ externalId: { eq: "ext-alice", caseExact: false } })).toEqual(by("alice"));
    expect(await names({ externalId: { sw: "EXT" } })).toEqual(by("alice"));
    expect(await names({ externalId: { sw: "ext" } })).toEqual(by("bob"));
  });

  it("ne also matches users without the attribute", async () => {
    expect(await names({ title: { ne: "engineer" } })).toEqual(by("bob", "carol", "dave", "erin"));
  });

  it("co, sw and ew match substrings, treating % and _ literally", async () => {
    expect(await names({ userName: { co: "CORP" } })).toEqual(by("alice", "bob", "dave", "erin"));
    expect(await names({ userName: { sw: "b" } })).toEqual(by("bob"));
    expect(await names({ userName: { ew: "@partner.example" } })).toEqual(by("carol"));
    expect(await names({ userName: { co: "_100%" } })).toEqual(by("erin"));
    expect(await names({ displayName: { co: "%" } })).toEqual(by("erin"));
    expect(await names({ userName: { co: "_" } })).toEqual(by("erin"));
  });

  it("gt, ge, lt and le compare lexicographically, ignoring case", async () => {
    expect(await names({ userName: { gt: "BOB@corp.example" } })).toEqual(by("carol", "dave", "erin"));
    expect(await names({ userName: { ge: "BOB@corp.example" } })).toEqual(by("bob", "carol", "dave", "erin"));
    expect(await names({ userName: { lt: "bob@corp.example" } })).toEqual(by("alice"));
    expect(await names({ userName: { le: "bob@corp.example" } })).toEqual(by("alice", "bob"));
    expect(await names({ userName: { gt: "b", lt: "d" } })).toEqual(by("bob", "carol"));
  });

  it("pr matches a non-empty value; an empty string counts as absent", async () => {
    expect(await names({ displayName: { pr: true } })).toEqual(by("alice", "bob", "carol", "erin"));
    expect(await names({ displayName: { pr: false } })).toEqual(by("dave"));
    expect(await names({ externalId: { pr: true } })).toEqual(by("alice", "bob"));
  });

  it("covers name parts, enterprise and custom extension attributes", async () => {
    expect(await names({ givenName: { eq: "carol" } })).toEqual(by("carol"));
    expect(await names({ familyName: { sw: "b" } })).toEqual(by("bob"));
    expect(await names({ formattedName: { pr: true } })).toEqual(by("alice"));
    expect(await names({ middleName: { eq: "q" } })).toEqual(by("carol"));
    expect(await names({ honorificPrefix: { eq: "dr" }, honorificSuffix: { eq: "phd" } })).toEqual(by("erin"));
    expect(await names({ department: { eq: "SALES" } })).toEqual(by("alice", "carol"));
    expect(await names({ costCenter: { eq: "cc-2" } })).toEqual(by("bob"));
    expect(await names({ employeeNumber: { ge: "1002" } })).toEqual(by("bob"));
    expect(await names({ organization: { eq: "corp" }, division: { eq: "north" } })).toEqual(by("alice"));
    expect(await names({ managerId: { eq: "MGR-1" } })).toEqual(by("alice"));
    expect(await names({ personId: { sw: "p-00" } })).toEqual(by("alice", "bob"));
    expect(await names({ nickName: { eq: "d" } })).toEqual(by("dave"));
    expect(await names({ title: { eq: "director" } })).toEqual(by("bob"));
    expect(await names({ userType: { eq: "contractor" } })).toEqual(by("bob"));
    expect(await names({ locale: { sw: "en" } })).toEqual(by("alice", "bob"));
    expect(await names({ preferredLanguage: { eq: "FR" } })).toEqual(by("dave"));
    expect(await names({ timezone: { ew: "/paris" } })).toEqual(by("dave"));
  });
});

describe("boolean, id and date comparisons", () => {
  it("active eq and ne", async () => {
    expect(await names({ active: { eq: false } })).toEqual(by("carol"));
    expect(await names({ active: { ne: true } })).toEqual(by("carol"));
  });

  it("id eq and ne; a malformed id matches nothing rather than failing", async () => {
    expect(await names({ id: { eq: ids.b } })).toEqual(by("bob"));
    expect(await names({ id: { ne: ids.b }, userName: { co: "corp" } })).toEqual(by("alice", "dave", "erin"));
    expect(await names({ id: { eq: "not-a-uuid" } })).toEqual([]);
  });

  it("updatedAt and createdAt compare as instants (SailPoint's meta.lastModified gt delta)", async () => {
    expect(await names({ updatedAt: { gt: beforeUpdate } })).toEqual(by("bob"));
    expect(await names({ updatedAt: { ge: beforeUpdate }, title: { pr: true } })).toEqual(by("bob"));
    expect(await names({ updatedAt: { lt: beforeUpdate } })).toEqual(by("alice", "carol", "dave", "erin"));
    expect(await names({ createdAt: { lt: beforeUpdate } })).toEqual(by("alice", "bob", "carol", "dave", "erin"));
    expect(await names({ createdAt: { gt: beforeUpdate } })).toEqual([]);
    const bob = await gql(app.url, `query($id: ID!) { user(id: $id) { updatedAt createdAt } }`, { id: ids.b }, a.adminToken);
    expect(await names({ updatedAt: { eq: bob.data!.user.updatedAt } })).toEqual(by("bob"));
    expect(await names({ updatedAt: { ne: bob.data!.user.updatedAt }, userName: { sw: "b" } })).toEqual([]);
    expect(await names({ createdAt: { le: bob.data!.user.createdAt, ge: bob.data!.user.createdAt } })).toEqual(by("bob"));
    // The same instant written with an offset.
    const shifted = new Date(new Date(beforeUpdate).getTime()).toISOString().replace("Z", "+00:00");
    expect(await names({ updatedAt: { gt: shifted } })).toEqual(by("bob"));
  });

  it("rejects a malformed date with BAD_USER_INPUT", async () => {
    const res = await gql(app.url, LIST, { w: { updatedAt: { gt: "yesterday" } } }, a.adminToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
  });
});

describe("and, or, not", () => {
  it("combines comparisons with and, or and not, nested", async () => {
    expect(await names({ and: [{ userName: { co: "corp" } }, { department: { eq: "sales" } }] })).toEqual(by("alice"));
    expect(await names({ or: [{ userName: { sw: "carol" } }, { title: { eq: "engineer" } }] })).toEqual(by("alice", "carol"));
    expect(await names({ not: { userName: { co: "corp" } } })).toEqual(by("carol"));
    // not over an absent attribute: "not (title eq x)" includes users without a title.
    expect(await names({ not: { title: { eq: "engineer" } }, userName: { co: "example" } })).toEqual(by("bob", "carol", "dave", "erin"));
    expect(
      await names({
        or: [
          { and: [{ active: { eq: true } }, { not: { or: [{ department: { pr: true } }, { nickName: { pr: true } }] } }] },
          { and: [{ active: { eq: false } }, { givenName: { eq: "carol" } }] },
        ],
      }),
    ).toEqual(by("carol", "erin"));
  });

  it("several operators in one comparison must all hold", async () => {
    expect(await names({ userName: { sw: "a", ew: ".example", co: "corp" } })).toEqual(by("alice"));
  });

  it("a filter that matches nothing is an empty page, not an error (lookup before create)", async () => {
    const res = await gql(app.url, `query { users(where: { userName: { eq: "8c1b5b5a-0000-4000-8000-000000000000" } }) { totalCount nodes { id } } }`, {}, a.adminToken);
    expect(res.data?.users).toEqual({ totalCount: 0, nodes: [] });
  });

  it("refuses a filter nested deeper than the limit with INVALID_FILTER", async () => {
    let w: Record<string, unknown> = { userName: { eq: "x" } };
    for (let i = 0; i < 40; i++) w = { not: w };
    const res = await gql(app.url, LIST, { w }, a.adminToken);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_FILTER" });
  });
});

describe("emails", () => {
  it("matches conditions against ONE email row (emails[type eq \"work\" and value co \"gmail\"])", async () => {
    expect(await names({ emails: { type: { eq: "work" }, value: { co: "gmail" } } })).toEqual(by("carol"));
    // The same conditions on separate rows: alice has a work address and a gmail address.
    expect(await names({ and: [{ emails: { type: { eq: "work" } } }, { emails: { value: { co: "gmail" } } }] })).toEqual(by("alice", "carol"));
    expect(await names({ emails: { and: [{ type: { eq: "WORK" } }, { value: { co: "GMAIL" } }] } })).toEqual(by("carol"));
  });

  it("supports or, not, primary and pr inside emails", async () => {
    expect(await names({ emails: { primary: { eq: true } } })).toEqual(by("alice", "bob"));
    expect(await names({ emails: { or: [{ value: { ew: "@partner.example" } }, { value: { sw: "bob" } }] } })).toEqual(by("bob"));
    expect(await names({ emails: { type: { eq: "home" }, not: { value: { co: "corp" } } } })).toEqual(by("alice"));
    expect(await names({ emails: { value: { pr: true } } })).toEqual(by("alice", "bob", "carol"));
    expect(await names({ not: { emails: { value: { pr: true } } } })).toEqual(by("dave", "erin"));
    expect(await names({ emails: { value: { eq: "ALICE@CORP.EXAMPLE" } } })).toEqual(by("alice"));
    expect(await names({ emails: { value: { eq: "ALICE@CORP.EXAMPLE", caseExact: true } } })).toEqual([]);
  });
});

describe("customerRoleId", () => {
  it("eq finds holders of a role through any source, once each; ne and pr work from the same memberships", async () => {
    const res = await gql(app.url, `query($r: ID!) { users(where: { customerRoleId: { eq: $r } }) { totalCount nodes { userName } } }`, { r: roleSales }, a.adminToken);
    expect(res.data!.users.totalCount).toBe(2);
    expect(await names({ customerRoleId: { eq: roleSales } })).toEqual(by("alice", "carol"));
    expect(await names({ customerRoleId: { eq: roleOps } })).toEqual(by("bob"));
    expect(await names({ customerRoleId: { ne: roleSales } })).toEqual(by("bob", "dave", "erin"));
    expect(await names({ customerRoleId: { pr: true } })).toEqual(by("alice", "bob", "carol"));
    expect(await names({ customerRoleId: { pr: false } })).toEqual(by("dave", "erin"));
    expect(await names({ or: [{ customerRoleId: { eq: roleOps } }, { customerRoleId: { eq: roleSales } }], active: { eq: true } })).toEqual(by("alice", "bob"));
    expect(await names({ customerRoleId: { eq: "not-a-uuid" } })).toEqual([]);
  });
});

describe("tenant", () => {
  it("never matches the other company's same-named user", async () => {
    const res = await gql(app.url, LIST, { w: { externalId: { eq: "EXT-Alice" } } }, a.adminToken);
    expect(res.data!.users.totalCount).toBe(1);
    const fromOther = await gql(app.url, LIST, { w: { customerRoleId: { eq: roleSales } } }, other.adminToken);
    expect(fromOther.data!.users).toEqual({ totalCount: 0, nodes: [] });
  });
});
