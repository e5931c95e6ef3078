import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, expectScimError, scimUser, type ScimClient, type ScimTenant } from "../../setup/scim-client.js";
import { type CountedApp, startCountedApp } from "../../support/counted-app.js";
import { createGroup } from "./groups-helpers.js";

/**
 * Cursor paging (RFC 9865) of GET /Users, GET /Groups and POST /.search, over real HTTP: every
 * resource exactly once in sort order, nextCursor on every page but the last, the RFC 9865 §2.1
 * errors, the ServiceProviderConfig's pagination block, and a cursor page costing what an index
 * page costs, with no OFFSET in its SQL.
 */

const SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

let counted: CountedApp;
let tenant: ScimTenant;
let other: ScimTenant;
let userIds: string[] = [];

beforeAll(async () => {
  counted = await startCountedApp();
  tenant = await createScimTenant(counted.app);
  other = await createScimTenant(counted.app);
  // Display names repeat, so a sort by displayName has ties that only the id breaks.
  for (let i = 0; i < 23; i++) {
    const res = await tenant.client.post("/Users", scimUser(`${i % 2 ? "walk" : "stroll"}.${i}@example.com`, { displayName: `Walker ${i % 5}` }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    userIds.push(res.body.id);
  }
  for (let i = 0; i < 11; i++) await createGroup(tenant, `Cursor group ${String.fromCharCode(107 - i)}`, userIds.slice(i, i + 2));
  for (let i = 0; i < 4; i++) expect((await other.client.post("/Users", scimUser(`other.${i}@example.com`))).status).toBe(201);
}, 120_000);

afterAll(async () => counted?.close());

/** Follows nextCursor from an empty cursor to the end; returns the pages. */
async function walk(client: ScimClient, path: string, query: string): Promise<any[]> {
  const pages: any[] = [];
  let cursor = "";
  for (let n = 0; n < 100; n++) {
    const res = await client.get(`${path}?${query}&cursor=${encodeURIComponent(cursor)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    if (res.body.nextCursor === undefined) return pages;
    cursor = res.body.nextCursor;
  }
  throw new Error("the walk did not end");
}

/** The ids of the same query by index, in one page. */
async function byIndex(client: ScimClient, path: string, query: string): Promise<string[]> {
  const res = await client.get(`${path}?${query}&count=1000`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.Resources.map((r: any) => r.id);
}

const idsOf = (pages: any[]) => pages.flatMap((p) => p.Resources.map((r: any) => r.id));

describe("walking every page by cursor", () => {
  it("GET /Users returns every user exactly once, in order, with nextCursor on every page but the last", async () => {
    // The company's own administrator is a user too: 24 in all.
    const pages = await walk(tenant.client, "/Users", "count=5");
    expect(pages).toHaveLength(5);
    const ids = idsOf(pages);
    expect(ids).toEqual(await byIndex(tenant.client, "/Users", "x=1"));
    expect(new Set(ids).size).toBe(24);
    expect(ids).toEqual(expect.arrayContaining(userIds));
    for (const [i, page] of pages.entries()) {
      expect(page.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);
      expect(page.totalResults).toBe(24);
      expect(page.itemsPerPage).toBe(i < 4 ? 5 : 4);
      expect(page.startIndex).toBeUndefined();
      expect(typeof page.nextCursor === "string").toBe(i < 4);
      // RFC 9865 §2: made of RFC 3986 unreserved characters, so it goes in a URL as it is.
      if (page.nextCursor) expect(page.nextCursor).toMatch(/^[A-Za-z0-9._~-]+$/);
    }
  });

  it("GET /Users with sortBy=displayName descending and a filter returns each match once, in that order", async () => {
    const query = `filter=${encodeURIComponent('userName sw "walk"')}&sortBy=displayName&sortOrder=descending&count=3`;
    const pages = await walk(tenant.client, "/Users", query);
    const ids = idsOf(pages);
    expect(ids).toEqual(await byIndex(tenant.client, "/Users", `filter=${encodeURIComponent('userName sw "walk"')}&sortBy=displayName&sortOrder=descending`));
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
    const names = pages.flatMap((p) => p.Resources.map((r: any) => r.displayName));
    expect(names).toEqual([...names].sort().reverse());
    expect(pages.every((p) => p.totalResults === 11)).toBe(true);
  });

  it("GET /Users by cursor on a time sort (meta.lastModified) walks every user once", async () => {
    const pages = await walk(tenant.client, "/Users", "sortBy=meta.lastModified&count=4");
    expect(idsOf(pages)).toEqual(await byIndex(tenant.client, "/Users", "sortBy=meta.lastModified"));
  });

  it("GET /Groups with sortBy=displayName returns every group exactly once, in order", async () => {
    const pages = await walk(tenant.client, "/Groups", "sortBy=displayName&count=4&excludedAttributes=members");
    expect(pages).toHaveLength(3);
    const names = pages.flatMap((p) => p.Resources.map((r: any) => r.displayName));
    expect(names).toEqual(Array.from({ length: 11 }, (_, i) => `Cursor group ${String.fromCharCode(97 + i)}`));
    expect(idsOf(pages)).toEqual(await byIndex(tenant.client, "/Groups", "sortBy=displayName&excludedAttributes=members"));
    expect(pages.map((p) => p.itemsPerPage)).toEqual([4, 4, 3]);
    expect(pages[2].nextCursor).toBeUndefined();
  });

  it("GET /Groups with a filter pages through the matches only, members included", async () => {
    const pages = await walk(tenant.client, "/Groups", `filter=${encodeURIComponent('displayName gt "Cursor group f"')}&count=2`);
    const names = pages.flatMap((p) => p.Resources.map((r: any) => r.displayName)).sort();
    expect(names).toEqual(["Cursor group g", "Cursor group h", "Cursor group i", "Cursor group j", "Cursor group k"]);
    expect(pages.every((p) => p.totalResults === 5)).toBe(true);
    expect(pages.flatMap((p) => p.Resources).every((g: any) => g.members.length === 2)).toBe(true);
  });

  it("a bare ?cursor, as RFC 9865 §2 writes the first request, asks for the first page", async () => {
    const bare = await tenant.client.get(`/Users?filter=${encodeURIComponent('userName sw "walk"')}&cursor&count=4`);
    const empty = await tenant.client.get(`/Users?filter=${encodeURIComponent('userName sw "walk"')}&cursor=&count=4`);
    expect(bare.status).toBe(200);
    expect(bare.body.startIndex).toBeUndefined();
    expect(bare.body.Resources.map((r: any) => r.id)).toEqual(empty.body.Resources.map((r: any) => r.id));
    expect(bare.body.nextCursor).toBe(empty.body.nextCursor);
  });

  it("a query with no match answers one empty page without nextCursor", async () => {
    const res = await tenant.client.get(`/Users?cursor=&filter=${encodeURIComponent('userName eq "nobody@example.com"')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
    expect(res.body.nextCursor).toBeUndefined();
  });

  it("without cursor, paging stays by index: startIndex and no nextCursor", async () => {
    const res = await tenant.client.get("/Users?count=5&startIndex=6");
    expect(res.status).toBe(200);
    expect(res.body.startIndex).toBe(6);
    expect(res.body.nextCursor).toBeUndefined();
    expect(res.body.itemsPerPage).toBe(5);
  });

  it("a cursor of one company seeks only through the caller's own users in another", async () => {
    const first = await tenant.client.get("/Users?cursor=&count=2");
    const res = await other.client.get(`/Users?cursor=${first.body.nextCursor}&count=2`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The other company's administrator and its 4 users; the cursor moved the seek, not the tenant.
    expect(res.body.totalResults).toBe(5);
    expect(res.body.Resources).toHaveLength(2);
    expect(res.body.Resources.some((r: any) => userIds.includes(r.id))).toBe(false);
    expect(res.body.Resources.map((r: any) => r.userName)).toEqual(expect.arrayContaining([expect.stringMatching(/^other\.\d@example\.com$/)]));
  });
});

describe("POST /.search with cursor (RFC 9865 §3)", () => {
  it("pages /Users/.search from an empty cursor to the end", async () => {
    const body = (cursor: string) => ({ schemas: [SEARCH_REQUEST], filter: 'userName sw "stroll"', sortBy: "userName", attributes: ["userName"], cursor, count: 5 });
    const first = await tenant.client.post("/Users/.search", body(""));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ totalResults: 12, itemsPerPage: 5 });
    expect(first.body.startIndex).toBeUndefined();
    const names: string[] = first.body.Resources.map((r: any) => r.userName);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await tenant.client.post("/Users/.search", body(cursor));
      expect(next.status, JSON.stringify(next.body)).toBe(200);
      names.push(...next.body.Resources.map((r: any) => r.userName));
      cursor = next.body.nextCursor;
    }
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(12);
  });

  it("pages /Groups/.search too, and a non-string cursor is invalidCursor", async () => {
    const first = await tenant.client.post("/Groups/.search", { schemas: [SEARCH_REQUEST], cursor: "", count: 10, excludedAttributes: ["members"] });
    expect(first.status).toBe(200);
    expect(first.body.itemsPerPage).toBe(10);
    const second = await tenant.client.post("/Groups/.search", { schemas: [SEARCH_REQUEST], cursor: first.body.nextCursor, count: 10, excludedAttributes: ["members"] });
    expect(second.body.itemsPerPage).toBe(1);
    expect(second.body.nextCursor).toBeUndefined();
    expectScimError(await tenant.client.post("/Groups/.search", { schemas: [SEARCH_REQUEST], cursor: 5 }), 400, "invalidCursor");
  });
});

describe("cursor errors (RFC 9865 §2.1)", () => {
  let next: string;
  beforeAll(async () => {
    next = (await tenant.client.get("/Users?cursor=&count=5")).body.nextCursor;
  });

  const forge = (cursor: string, change: (content: unknown[]) => unknown): string =>
    Buffer.from(JSON.stringify(change(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")))), "utf8").toString("base64url");
  const forgeInner = (cursor: string, change: (keyset: unknown[]) => unknown[]): string =>
    forge(cursor, ([after, count, query]) => [forge(after as string, change), count, query]);

  it.each([
    ["not base64url", "%%%"],
    ["base64url, not a cursor", Buffer.from("hello").toString("base64url")],
    ["a cursor of another shape", Buffer.from(JSON.stringify({ after: "x" })).toString("base64url")],
    ["far too long", "A".repeat(5000)],
  ])("a cursor that is %s is 400 invalidCursor", async (_what, cursor) => {
    expectScimError(await tenant.client.get(`/Users?cursor=${encodeURIComponent(cursor)}`), 400, "invalidCursor");
  });

  it("a tampered cursor is 400 invalidCursor, never a 500", async () => {
    const forged = [
      forgeInner(next, ([, id, ordering]) => ["2026-02-30 10:00:00+00", id, ordering]),
      forgeInner(next, ([, id, ordering]) => ["not a time", id, ordering]),
      forgeInner(next, ([key, , ordering]) => [key, "------------------------------------", ordering]),
      forgeInner(next, ([key, id]) => [key, id, "u.user_name desc"]),
      forge(next, ([, count, query]) => ["", count, query]),
    ];
    for (const cursor of forged) expectScimError(await tenant.client.get(`/Users?cursor=${cursor}&count=5`), 400, "invalidCursor");
    const nul = (await tenant.client.get("/Users?cursor=&count=5&sortBy=userName")).body.nextCursor;
    expectScimError(await tenant.client.get(`/Users?cursor=${forgeInner(nul, ([, id, ordering]) => ["a\u0000b", id, ordering])}&count=5&sortBy=userName`), 400, "invalidCursor");
  });

  it("a cursor sent with another filter or sort is 400 invalidCursor", async () => {
    expectScimError(await tenant.client.get(`/Users?cursor=${next}&count=5&sortBy=userName`), 400, "invalidCursor");
    expectScimError(await tenant.client.get(`/Users?cursor=${next}&count=5&filter=${encodeURIComponent('userName sw "walk"')}`), 400, "invalidCursor");
    expectScimError(await tenant.client.get(`/Groups?cursor=${next}&count=5`), 400, "invalidCursor");
  });

  it("a count other than the first page's is 400 invalidCount", async () => {
    expectScimError(await tenant.client.get(`/Users?cursor=${next}&count=6`), 400, "invalidCount");
    expectScimError(await tenant.client.get(`/Users?cursor=${next}`), 400, "invalidCount");
  });

  it.each(["-1", "abc", "1001", "2.5"])("count=%s with cursor is 400 invalidCount", async (count) => {
    expectScimError(await tenant.client.get(`/Users?cursor=&count=${count}`), 400, "invalidCount");
    expectScimError(await tenant.client.post("/Groups/.search", { schemas: [SEARCH_REQUEST], cursor: "", count: Number.isNaN(Number(count)) ? count : Number(count) }), 400, "invalidCount");
  });

  it("count=1001 without cursor is still capped, as index paging always was", async () => {
    const res = await tenant.client.get("/Users?count=1001");
    expect(res.status).toBe(200);
    expect(res.body.itemsPerPage).toBe(24);
  });

  it("cursor together with startIndex is 400 invalidValue", async () => {
    expectScimError(await tenant.client.get("/Users?cursor=&startIndex=1"), 400, "invalidValue");
    expectScimError(await tenant.client.post("/Groups/.search", { schemas: [SEARCH_REQUEST], cursor: "", startIndex: 1 }), 400, "invalidValue");
  });
});

describe("ServiceProviderConfig (RFC 9865 §4)", () => {
  it("advertises both paging methods, index as the default, and the page sizes", async () => {
    const res = await tenant.client.get("/ServiceProviderConfig");
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({ cursor: true, index: true, defaultPaginationMethod: "index", defaultPageSize: 100, maxPageSize: 1000 });
    expect(res.body.filter.maxResults).toBe(res.body.pagination.maxPageSize);
  });

  it("the defaultPageSize it advertises is the page a cursor request without count gets", async () => {
    const res = await tenant.client.get("/Users?cursor=");
    expect(res.body.itemsPerPage).toBe(24);
    expect(res.body.nextCursor).toBeUndefined();
  });
});

describe("what a cursor page costs", () => {
  it("a page after a cursor runs as many statements as an index page, and its SQL has no OFFSET", async () => {
    const cursorQuery = `filter=${encodeURIComponent('userName sw "walk"')}&sortBy=userName&count=3`;
    const next = (await tenant.client.get(`/Users?${cursorQuery}&cursor=`)).body.nextCursor;
    // The statements of one query shape are prepared on first use: measure each shape's second run.
    await tenant.client.get(`/Users?${cursorQuery}&cursor=${next}`);
    await tenant.client.get(`/Users?${cursorQuery.replace("count=3", "count=3&startIndex=4")}`);
    const byCursor = await counted.recorded(() => tenant.client.get(`/Users?${cursorQuery}&cursor=${next}`));
    const byIndexPage = await counted.recorded(() => tenant.client.get(`/Users?${cursorQuery}&startIndex=4`));
    expect(byCursor.result.status).toBe(200);
    expect(byIndexPage.result.status).toBe(200);
    expect(byCursor.result.body.Resources.map((r: any) => r.id)).toEqual(byIndexPage.result.body.Resources.map((r: any) => r.id));
    expect(byCursor.result.body.totalResults).toBe(11);
    expect(byCursor.sql.length, byCursor.sql.join("\n")).toBe(byIndexPage.sql.length);
    expect(byCursor.sql.length, byCursor.sql.join("\n")).toBeLessThanOrEqual(2);
    expect(byCursor.sql.filter((s) => /\boffset\b/i.test(s)), byCursor.sql.join("\n")).toEqual([]);
    expect(byIndexPage.sql.some((s) => /\boffset\b/i.test(s))).toBe(true);
  });

  it("a page of groups after a cursor runs as many statements as an index page, with no OFFSET", async () => {
    const next = (await tenant.client.get("/Groups?cursor=&count=4&excludedAttributes=members")).body.nextCursor;
    const byCursor = await counted.recorded(() => tenant.client.get(`/Groups?cursor=${next}&count=4&excludedAttributes=members`));
    const byIndexPage = await counted.recorded(() => tenant.client.get("/Groups?startIndex=5&count=4&excludedAttributes=members"));
    expect(byCursor.result.body.Resources.map((r: any) => r.id)).toEqual(byIndexPage.result.body.Resources.map((r: any) => r.id));
    expect(byCursor.result.body.totalResults).toBe(11);
    expect(byCursor.sql.length, byCursor.sql.join("\n")).toBe(byIndexPage.sql.length);
    expect(byCursor.sql.filter((s) => /\boffset\b/i.test(s)), byCursor.sql.join("\n")).toEqual([]);
  });
});
