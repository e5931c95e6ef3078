import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * Sorting and both paging styles of `users` over a seeded company: offset pages (SCIM
 * startIndex/count) and keyset cursors, in both directions, with ties and absent values.
 */

let app: TestApp;
let a: TestCompany;
let big: TestCompany;

interface Row {
  id: string;
  userName: string;
  displayName: string | null;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
  name: { givenName: string | null; familyName: string | null };
}

let all: Row[] = [];

const FIELDS = `id userName displayName externalId createdAt updatedAt name { givenName familyName }`;
const LIST = `query($w: UserWhere, $o: UserOrderBy, $p: PageInput) { users(where: $w, orderBy: $o, page: $p) { totalCount nodes { ${FIELDS} } pageInfo { hasNextPage endCursor offset } } }`;

async function list(vars: Record<string, unknown>, token = a.adminToken) {
  const res = await gql(app.url, LIST, vars, token);
  expect(res.errors, JSON.stringify(vars)).toBeUndefined();
  return res.data!.users as { totalCount: number; nodes: Row[]; pageInfo: { hasNextPage: boolean; endCursor: string | null; offset: number } };
}

// Letters and digits only, so the expected order does not depend on the database collation's
// treatment of punctuation; mixed case and repeats exercise case-insensitivity and the id tie-break.
const DISPLAY = ["alpha", "Bravo", "bravo", "BRAVO", "charlie", null, "Delta", "echo", "", "foxtrot"];
const GIVEN = ["Zed", "yann", "Xavi", null, "will"];

const KEYS: Record<string, (r: Row) => string> = {
  USER_NAME: (r) => r.userName.toLowerCase(),
  DISPLAY_NAME: (r) => (r.displayName ?? "").toLowerCase(),
  GIVEN_NAME: (r) => (r.name.givenName ?? "").toLowerCase(),
  FAMILY_NAME: (r) => (r.name.familyName ?? "").toLowerCase(),
  EXTERNAL_ID: (r) => (r.externalId ?? "").toLowerCase(),
  CREATED_AT: (r) => new Date(r.createdAt).toISOString(),
  UPDATED_AT: (r) => new Date(r.updatedAt).toISOString(),
};

function expected(field: string, direction: "ASC" | "DESC", rows = all): string[] {
  const key = KEYS[field]!;
  const sorted = [...rows].sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    const c = kx < ky ? -1 : kx > ky ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
    return direction === "ASC" ? c : -c;
  });
  return sorted.map((r) => r.id);
}

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  // 46 users + the admin: several pages of 10 with a short last page.
  for (let i = 0; i < 46; i++) {
    const input = {
      userName: `User${String((i * 7) % 46).padStart(2, "0")}${i % 2 ? "X" : "y"}@paging.example`,
      displayName: DISPLAY[i % DISPLAY.length],
      externalId: i % 4 === 0 ? null : `Ext${(i * 13) % 17}`,
      name: { givenName: GIVEN[i % GIVEN.length], familyName: `Fam${i % 3}` },
    };
    const res = await gql(app.url, `mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: input }, a.adminToken);
    expect(res.errors).toBeUndefined();
  }
  // Touch a few so updatedAt differs from createdAt order.
  const first = await list({ p: { first: 1000 } });
  for (const u of first.nodes.filter((_, i) => i % 5 === 0)) {
    await gql(app.url, `mutation($id: ID!) { updateUser(id: $id, input: { title: "touched" }) { id } }`, { id: u.id }, a.adminToken);
  }
  all = (await list({ p: { first: 1000 } })).nodes;
  expect(all).toHaveLength(47);

  // A large company seeded in SQL for the page-size bounds.
  big = await createTestCompany(app);
  await app.orm.em.fork().getConnection().execute(
    `insert into user_account (id, company_id, user_name, extension_attributes, created_at, updated_at)
     select gen_random_uuid(), ?, 'bulk' || g || '@big.example', '{}', now(), now() from generate_series(1, 1005) g`,
    [big.company.id],
  );
});
afterAll(() => app?.close());

describe("default order", () => {
  it("is createdAt ascending, then id", async () => {
    expect(all.map((r) => r.id)).toEqual(expected("CREATED_AT", "ASC"));
  });
});

describe.each(Object.keys(KEYS))("sorted by %s", (field) => {
  it.each(["ASC", "DESC"] as const)("%s: one page holds the whole order, offset pages and cursor pages reproduce it", async (direction) => {
    const orderBy = { field, direction };
    const whole = await list({ o: orderBy, p: { first: 1000 } });
    expect(whole.totalCount).toBe(47);
    expect(whole.nodes.map((r) => r.id)).toEqual(expected(field, direction));
    expect(whole.pageInfo).toMatchObject({ hasNextPage: false, offset: 0 });

    // Offset paging (SCIM startIndex = offset + 1).
    const byOffset: string[] = [];
    for (let offset = 0; offset < 47; offset += 10) {
      const page = await list({ o: orderBy, p: { offset, first: 10 } });
      expect(page.totalCount).toBe(47);
      expect(page.pageInfo.offset).toBe(offset);
      expect(page.pageInfo.hasNextPage).toBe(offset + 10 < 47);
      byOffset.push(...page.nodes.map((r) => r.id));
    }
    expect(byOffset).toEqual(whole.nodes.map((r) => r.id));

    // Cursor paging: no duplicates, no gaps, same order.
    const byCursor: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await list({ o: orderBy, p: { first: 10, ...(after ? { after } : {}) } });
      expect(page.totalCount).toBe(47);
      byCursor.push(...page.nodes.map((r) => r.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 20);
    expect(pages).toBe(5);
    expect(new Set(byCursor).size).toBe(byCursor.length);
    expect(byCursor).toEqual(whole.nodes.map((r) => r.id));
  });
});

describe("paging with a filter", () => {
  it("counts and pages only the matching users", async () => {
    const w = { displayName: { eq: "bravo" } };
    const matching = all.filter((r) => r.displayName?.toLowerCase() === "bravo");
    expect(matching.length).toBeGreaterThan(5);
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page = await list({ w, o: { field: "DISPLAY_NAME", direction: "DESC" }, p: { first: 4, ...(after ? { after } : {}) } });
      expect(page.totalCount).toBe(matching.length);
      ids.push(...page.nodes.map((r) => r.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(expected("DISPLAY_NAME", "DESC", matching));
  });

  it("an offset past the end is an empty page with the right totalCount", async () => {
    const page = await list({ p: { offset: 100, first: 10 } });
    expect(page).toMatchObject({ totalCount: 47, nodes: [], pageInfo: { hasNextPage: false, offset: 100 } });
  });

  it("Okta's connection test (startIndex=1&count=1) reads one user and the total", async () => {
    const page = await list({ p: { offset: 0, first: 1 } });
    expect(page.nodes).toHaveLength(1);
    expect(page.totalCount).toBe(47);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it("first: 0 returns only the count (SCIM count=0)", async () => {
    const page = await list({ p: { first: 0 } });
    expect(page.nodes).toEqual([]);
    expect(page.totalCount).toBe(47);
  });
});

describe("page bounds and bad cursors", () => {
  it("defaults to 100 users a page and caps a page at 1000", async () => {
    const defaulted = await list({}, big.adminToken);
    expect(defaulted.nodes).toHaveLength(100);
    expect(defaulted).toMatchObject({ totalCount: 1006, pageInfo: { hasNextPage: true } });
    const capped = await list({ p: { first: 5000 } }, big.adminToken);
    expect(capped.nodes).toHaveLength(1000);
    expect(capped).toMatchObject({ totalCount: 1006, pageInfo: { hasNextPage: true } });
    const rest = await list({ p: { first: 1000, after: capped.pageInfo.endCursor } }, big.adminToken);
    expect(rest.nodes).toHaveLength(6);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(new Set([...capped.nodes, ...rest.nodes].map((r) => r.id)).size).toBe(1006);
  });

  it("refuses a cursor it did not issue, and offset with after, as BAD_USER_INPUT on after", async () => {
    for (const p of [{ after: "garbage" }, { after: Buffer.from('["x","not-a-uuid"]').toString("base64url") }, { offset: 5, after: all[0]!.id }]) {
      const res = await gql(app.url, LIST, { p }, a.adminToken);
      expect(res.errors?.[0]?.extensions, JSON.stringify(p)).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
  });

  it("a cursor from one sort used with another sort is refused as BAD_USER_INPUT, not an internal error", async () => {
    const first = await list({ o: { field: "USER_NAME" }, p: { first: 5 } });
    const res = await gql(app.url, LIST, { o: { field: "CREATED_AT" }, p: { first: 5, after: first.pageInfo.endCursor } }, a.adminToken);
    // A text sort key is no timestamp: the database refuses the cast, and that must not be a 500.
    expect(res.status).toBe(200);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after", reason: "INVALID_CURSOR" });
  });

  it("a forged cursor whose key no time casts to, or whose id is no UUID, is INVALID_CURSOR, not an internal error", async () => {
    const first = await list({ o: { field: "CREATED_AT" }, p: { first: 5 } });
    const [, id, ordering] = JSON.parse(Buffer.from(first.pageInfo.endCursor!, "base64url").toString("utf8")) as string[];
    const forged = [
      ["2026-02-30 10:00:00+00", id, ordering],
      ["2026-01-01 25:00:00+00", id, ordering],
      ["2026-01-01 10:00:00+00", "------------------------------------", ordering],
    ];
    for (const cursor of forged) {
      const after = Buffer.from(JSON.stringify(cursor)).toString("base64url");
      const res = await gql(app.url, LIST, { o: { field: "CREATED_AT" }, p: { first: 5, after } }, a.adminToken);
      expect(res.errors?.[0]?.extensions, JSON.stringify(cursor)).toMatchObject({ code: "BAD_USER_INPUT", field: "after", reason: "INVALID_CURSOR" });
    }
  });
});
