import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, patchOp, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/** Issue 7 §4 as it applies to the SCIM facade: no client input gives a 5xx, and every error is a SCIM error body. */
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
