import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, patchOp, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { insertUsers } from "../graphql/customer-roles.fixtures.js";

/** No client input gives the SCIM facade a 5xx, and every error is a SCIM error body. */
let app: TestApp;
let t: ScimTenant;
let id: string;
beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  id = (await t.client.post("/Users", scimUser("hostile.target@example.com"))).body.id;
});
afterAll(async () => app?.close());

const deep = (n: number) => "(".repeat(n) + 'userName eq "a"' + ")".repeat(n);

describe("hostile input never gives a 5xx", () => {
  it.each([
    ["GET", `/Users?filter=${encodeURIComponent(deep(5000))}`],
    ["GET", `/Users?filter=${encodeURIComponent(`userName eq "${"x".repeat(6000)}"`)}`],
    ["GET", `/Users?filter=${encodeURIComponent('constructor eq "x"')}`],
    ["GET", `/Users?filter=${encodeURIComponent('__proto__.x eq "x" or emails.constructor eq "y"')}`],
    ["GET", "/Users?sortBy=constructor"],
    ["GET", `/Users?filter=${encodeURIComponent(Array.from({ length: 300 }, (_, i) => `userName eq "u${i}"`).join(" or "))}`],
    ["GET", `/Users?filter=${encodeURIComponent('userName eq "\u0000"')}`],
    ["GET", "/Users?count=1&count=2&startIndex=x&startIndex=-99999999999999999999"],
    ["GET", "/Users?count=99999999999999999999999&startIndex=99999999999999999999"],
    ["GET", "/Users?sortOrder=sideways"],
    ["GET", "/Users?attributes=__proto__,constructor.prototype&excludedAttributes="],
    ["GET", "/Users/%00"],
    ["GET", `/Users/${"a".repeat(5000)}`],
    ["GET", "/Users/..%2f..%2fetc%2fpasswd"],
    ["GET", `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "x"')}`],
    ["GET", `/Users?filter=${encodeURIComponent('id eq "not-a-uuid"')}`],
    ["GET", `/Users?filter=${encodeURIComponent("groups eq \"x\" and meta.created gt \"2024-13-45T99:99:99Z\"")}`],
  ])("%s %#", async (method, path) => {
    const res = await t.client.request(method, path);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(500);
    expect(res.contentType).toMatch(/^application\/scim\+json/);
  });

  it.each([
    ["__proto__ keys", { ...scimUser("proto@example.com"), ["__proto__"]: { admin: true }, constructor: { prototype: { x: 1 } } }],
    ["deeply nested unknown attribute", { ...scimUser("nested@example.com"), blob: JSON.parse("[".repeat(500) + "]".repeat(500)) }],
    ["wrong types everywhere", { schemas: [42], userName: ["a"], name: "n", emails: [null], active: {} }],
    ["null body fields", { schemas: null, userName: null }],
    ["name of the wrong type", { ...scimUser("name.type@example.com"), name: ["x"] }],
    ["enterprise of the wrong type", { ...scimUser("ent.type@example.com"), "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": "x" }],
  ])("POST with %s", async (_name, body) => {
    const raw = JSON.stringify(body).replace('"proto_placeholder"', '"__proto__"');
    const res = await t.client.request("POST", "/Users", undefined, { rawBody: raw });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(500);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ["odd ops", patchOp({ op: "copy", from: "/a", path: "/b" })],
    ["__proto__ path", patchOp({ op: "add", path: "__proto__.polluted", value: true })],
    ["constructor path", patchOp({ op: "add", path: "constructor.prototype.polluted", value: true })],
    ["value that is a list without path", patchOp({ op: "add", value: [1, 2, 3] })],
    ["nested value filter", patchOp({ op: "replace", path: 'emails[value[x eq "y"] eq "z"].value', value: "a" })],
    ["Operations not a list", { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: { op: "add" } }],
    ["a number", 42],
    ["remove with a value on a simple attribute", patchOp({ op: "remove", path: "title", value: ["x"] })],
    ["replace emails with garbage", patchOp({ op: "replace", path: "emails", value: [1, "two", null] })],
    ["huge number of operations", patchOp(...Array.from({ length: 1500 }, () => ({ op: "replace", path: "title", value: "x" })))],
  ])("PATCH with %s", async (_name, body) => {
    const res = await t.client.patch(`/Users/${id}`, body);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(500);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a body nested thousands of levels deep is 400 invalidSyntax on every endpoint that reads one, and creates nothing", async () => {
    const nested = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);
    const user = (n: number) => `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"deep.${n}@example.com","blob":${nested(n)}}`;
    const attempts: [string, string, string][] = [
      ["POST", "/Users", user(20000)],
      ["PUT", `/Users/${id}`, user(5000)],
      ["PATCH", `/Users/${id}`, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"blob","value":${nested(5000)}}]}`],
      ["POST", "/Bulk", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"POST","bulkId":"d","path":"/Users","data":${user(5000)}}]}`],
      ["POST", "/Users/.search", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"attributes":${"[".repeat(5000)}${"]".repeat(5000)}}`],
    ];
    for (const [method, path, rawBody] of attempts) {
      const res = await t.client.request(method, path, undefined, { rawBody });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(400);
      expect(res.body.scimType).toBe("invalidSyntax");
    }
    const created = await t.client.get(`/Users?filter=${encodeURIComponent('userName sw "deep."')}`);
    expect(created.body.totalResults).toBe(0);
  });

  it("a very long literal in a SearchRequest is 400 invalidFilter", async () => {
    const res = await t.client.post("/Users/.search", { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: `userName eq "${"x".repeat(20000)}"` });
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe("invalidFilter");
  });

  it("invalid UTF-8, unknown content types and truncated JSON", async () => {
    const bad = await fetch(`${t.client.baseUrl}/Users`, {
      method: "POST",
      headers: { authorization: t.client.authorization!, "content-type": "application/scim+json" },
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(bad.status).toBeLessThan(500);
    const text = await t.client.request("POST", "/Users", undefined, { rawBody: "userName=x", contentType: "text/plain" });
    expect(text.status).toBe(400);
    const truncated = await t.client.request("POST", "/Users", undefined, { rawBody: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"tr' });
    expect(truncated.status).toBe(400);
    expect(truncated.body.scimType).toBe("invalidSyntax");
  });
});

/** An RFC 7644 §3.12 error answer to a client mistake: a 4xx in SCIM form, its status repeated as a string. */
function expectClientError(res: { status: number; contentType: string | null; body: any }, status?: number, scimType?: string): void {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  if (status !== undefined) expect(res.status).toBe(status);
  expect(res.contentType).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toContain("urn:ietf:params:scim:api:messages:2.0:Error");
  expect(res.body.status).toBe(String(res.status));
  if (scimType !== undefined) expect(res.body.scimType).toBe(scimType);
  expect(typeof res.body.detail).toBe("string");
}

const SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

describe("issue 7 §4: URLs, media types, sizes and read-only attributes", () => {
  it.each([
    ["GET", "/Users/%E0%A4%A"],
    ["PUT", "/Users/%"],
    ["PATCH", "/Users/%ZZ"],
    ["DELETE", "/Users/%E0%A4%A"],
    ["GET", "/Groups/%C3%28"],
  ])("%s %s: an id whose percent-encoding does not decode is a 400 in SCIM form, not a 500", async (method, path) => {
    const body = method === "PUT" ? scimUser("pct@example.com") : method === "PATCH" ? patchOp({ op: "replace", path: "title", value: "x" }) : undefined;
    const res = await t.client.request(method, path, body);
    expectClientError(res, 400);
    expect(res.body.scimType).toBeUndefined();
  });

  it.each([
    ["GET", "/Groups/%00"],
    ["GET", `/Groups/${"a".repeat(5000)}`],
    ["DELETE", "/Groups/' or 1=1 --"],
    ["PATCH", "/Users/00000000-0000-0000-0000-000000000000"],
    ["PUT", "/Users/%F0%9F%92%A9"],
    ["DELETE", "/Users/..%2F..%2Fetc%2Fpasswd"],
  ])("%s %s: a hostile id is 404", async (method, path) => {
    const body = method === "PUT" ? scimUser("hostile.id@example.com") : method === "PATCH" ? patchOp({ op: "replace", path: "title", value: "x" }) : undefined;
    expectClientError(await t.client.request(method, path, body), 404);
  });

  it.each([
    ["urn:ietf:params:scim:schemas:core:2.0:User:"],
    ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"],
  ])("a PATCH path that names a schema with a trailing colon (%s) is 400 invalidPath", async (path) => {
    expectClientError(await t.client.patch(`/Users/${id}`, patchOp({ op: "replace", path, value: "x" })), 400, "invalidPath");
  });

  it.each([
    ["text/plain", "userName=x"],
    ["application/xml", "<User><userName>x</userName></User>"],
    ["application/x-www-form-urlencoded", "userName=x"],
    ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"userName\"\r\n\r\nx\r\n--x--"],
  ])(
    // RFC 7644 §3.1 and §8.1 define application/scim+json (and clients send application/json,
    // interop.md); the error table (§3.12) has no 415, so another media type is 400 invalidSyntax
    // with a detail naming the media type to send.
    "a body sent as %s is 400 invalidSyntax naming application/scim+json",
    async (contentType, rawBody) => {
      const res = await t.client.request("POST", "/Users", undefined, { rawBody, contentType });
      expectClientError(res, 400, "invalidSyntax");
      expect(res.body.detail).toContain("application/scim+json");
    },
  );

  it("a charset other than UTF-8 is 400 invalidSyntax; application/json with charset=utf-8 is accepted", async () => {
    const latin1 = await t.client.request("POST", "/Users", undefined, { rawBody: JSON.stringify(scimUser("latin1@example.com")), contentType: "application/scim+json; charset=latin1" });
    expectClientError(latin1, 400, "invalidSyntax");
    expect(latin1.body.detail).toMatch(/UTF-8/);
    const utf8 = await t.client.request("POST", "/Users", undefined, { rawBody: JSON.stringify(scimUser("utf8.json@example.com")), contentType: "application/json; charset=utf-8" });
    expect(utf8.status).toBe(201);
  });

  it("invalid UTF-8 inside a JSON body is a 4xx in SCIM form", async () => {
    const res = await fetch(`${t.client.baseUrl}/Users`, {
      method: "POST",
      headers: { authorization: t.client.authorization!, "content-type": "application/scim+json" },
      // {"schemas":["…User"],"userName":"<C3 28 FF>@example.com"}
      body: Buffer.concat([
        Buffer.from('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('@example.com"}'),
      ]),
    });
    expectClientError({ status: res.status, contentType: res.headers.get("content-type"), body: await res.json() });
  });

  it("headers larger than Node's limit are refused with 431 by the HTTP server itself, not a 5xx", async () => {
    const res = await fetch(`${t.client.baseUrl}/Users`, { headers: { authorization: t.client.authorization!, "x-padding": "a".repeat(20_000) } });
    expect(res.status).toBe(431);
    const url = await fetch(`${t.client.baseUrl}/Users?filter=${"a".repeat(20_000)}`, { headers: { authorization: t.client.authorization! } });
    expect(url.status).toBe(431);
  });

  it.each([
    ["PATCH", () => `/Users/${id}`, () => patchOp({ op: "replace", path: "title", value: "x".repeat(1_100_000) })],
    ["PUT", () => `/Users/${id}`, () => scimUser("hostile.target@example.com", { title: "x".repeat(1_100_000) })],
    ["POST", () => "/Users/.search", () => ({ schemas: [SEARCH], filter: `userName eq "${"x".repeat(1_100_000)}"` })],
    ["POST", () => "/Groups", () => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "x".repeat(1_100_000) })],
  ])("%s with a body over 1 MB is 413 in SCIM form", async (method, path, body) => {
    const res = await t.client.request(method, path(), undefined, { rawBody: JSON.stringify(body()) });
    expectClientError(res, 413);
    expect(res.body.scimType).toBeUndefined();
  });

  it.each([
    ["a 900 KB filter", Array.from({ length: 30_000 }, (_, i) => `userName eq "u${i}"`).join(" and ")],
    ["5,000 nested not()", "not(".repeat(5000) + 'userName eq "a"' + ")".repeat(5000)],
    ["5,000 nested value filters", "emails[".repeat(5000) + 'value eq "a"' + "]".repeat(5000)],
  ])("a SearchRequest with %s is 400 invalidFilter, answered in bounded time", async (_name, filter) => {
    const res = await fetch(`${t.client.baseUrl}/Users/.search`, {
      method: "POST",
      headers: { authorization: t.client.authorization!, "content-type": "application/scim+json" },
      body: JSON.stringify({ schemas: [SEARCH], filter }),
      signal: AbortSignal.timeout(10_000),
    });
    expectClientError({ status: res.status, contentType: res.headers.get("content-type"), body: await res.json() }, 400, "invalidFilter");
  });

  it.each([
    ["filter[]=x&count[]=1&__proto__=1&constructor[prototype][x]=1"],
    ["count=1e3&startIndex=0x10"],
    ["count=%00&startIndex=%FF"],
    ["attributes=userName&attributes=__proto__"],
    ["sortBy=userName&sortBy=__proto__"],
    ["filter=a&filter=b"],
  ])("GET /Users?%s is answered without a 5xx", async (query) => {
    const res = await t.client.get(`/Users?${query}`);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(500);
    expect(res.contentType).toMatch(/^application\/scim\+json/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("count is capped at the advertised filter.maxResults; negative count is 0 and startIndex below 1 is 1, in GET and in a SearchRequest (RFC 7644 §3.4.2.4)", async () => {
    const config = await t.client.get("/ServiceProviderConfig");
    const maxResults = config.body.filter.maxResults as number;
    expect(maxResults).toBe(1000);
    const big = await createScimTenant(app);
    await insertUsers(app, big.company.id, maxResults + 5, { prefix: "many" });

    const capped = await big.client.get("/Users?count=5000&attributes=userName");
    expect(capped.status).toBe(200);
    expect(capped.body.totalResults).toBeGreaterThanOrEqual(maxResults + 5);
    expect(capped.body.itemsPerPage).toBe(maxResults);
    expect(capped.body.Resources).toHaveLength(maxResults);
    const searched = await big.client.post("/Users/.search", { schemas: [SEARCH], count: 5000, attributes: ["userName"] });
    expect(searched.body.itemsPerPage).toBe(maxResults);

    for (const body of [
      { count: -4, startIndex: -9 },
      { count: "-4", startIndex: "0" },
    ]) {
      const res = await big.client.post("/Users/.search", { schemas: [SEARCH], ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ itemsPerPage: 0, startIndex: 1, Resources: [] });
    }
    const first = await big.client.get("/Users?startIndex=0&count=1&sortBy=userName");
    const again = await big.client.get("/Users?startIndex=1&count=1&sortBy=userName");
    expect(first.body.startIndex).toBe(1);
    expect(first.body.Resources[0].id).toBe(again.body.Resources[0].id);
  });

  it("client-supplied id, meta and groups are ignored on PUT, and each is 400 mutability in a PATCH value object", async () => {
    const before = (await t.client.get(`/Users/${id}`)).body;
    const put = await t.client.put(`/Users/${id}`, {
      ...scimUser("hostile.target@example.com"),
      id: "00000000-0000-4000-8000-000000000000",
      meta: { resourceType: "Group", created: "2000-01-01T00:00:00Z" },
      groups: [{ value: "g" }],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.id).toBe(id);
    expect(put.body.meta.created).toBe(before.meta.created);
    expect(put.body.meta.resourceType).toBe("User");
    expect(put.body.groups).toBeUndefined();
    for (const value of [{ id: "00000000-0000-4000-8000-000000000000" }, { meta: { created: "2000-01-01T00:00:00Z" } }, { groups: [{ value: "g" }] }]) {
      expectClientError(await t.client.patch(`/Users/${id}`, patchOp({ op: "replace", value })), 400, "mutability");
    }
  });
});
