import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, ERROR_SCHEMA, expectScimError, patchOp, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { scimGroup, sorted, sql as sqlOf } from "./groups-helpers.js";

/** POST /Bulk over real HTTP and real PostgreSQL (RFC 7644 §3.7). */
const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
const ROLEBRIDGE_ERROR = "urn:rolebridge:scim:api:messages:2.0:Error";

let app: TestApp;
let t: ScimTenant;
let other: ScimTenant;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  other = await createScimTenant(app);
});
afterAll(async () => app?.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sqlOf<T>(app, text, params);

function bulk(operations: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [BULK_REQUEST], Operations: operations, ...extra };
}

type Result = { method: string; bulkId?: string; location?: string; version?: string; status: string; response?: Record<string, any> };

async function postBulk(body: unknown, tenant = t): Promise<Result[]> {
  const res = await tenant.client.post("/Bulk", body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.contentType).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toEqual([BULK_RESPONSE]);
  return res.body.Operations as Result[];
}

const createUser = (bulkId: string, userName: string, extra: Record<string, unknown> = {}) => ({ method: "POST", path: "/Users", bulkId, data: scimUser(userName, extra) });
const idOf = (location: string | undefined) => location!.split("/").pop()!;
const userCount = async (userName: string) =>
  (await sql<{ n: number }>("select count(*)::int as n from user_account where lower(user_name) = lower(?)", [userName]))[0]!.n;

/** A failed operation's result: its status, and the RFC 7644 §3.12 error of its single request, quoting its own ProvisioningEvent id. */
function expectFailed(result: Result, status: number, scimType?: string): void {
  expect(result.status, JSON.stringify(result)).toBe(String(status));
  expect(result.response).toMatchObject({ schemas: [ERROR_SCHEMA, ROLEBRIDGE_ERROR], status: String(status) });
  expect(result.response!.scimType).toBe(scimType);
  expect(result.response!.detail).toEqual(expect.any(String));
  expect(result.response![ROLEBRIDGE_ERROR].requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(result.version).toBeUndefined();
}

describe("bulkId references (RFC 7644 §3.7.2)", () => {
  it("creates two users and a group whose members name them by bulkId: results in request order, with locations and versions", async () => {
    const results = await postBulk(
      bulk([
        createUser("alice", "bulk.alice@example.com"),
        createUser("bob", "bulk.bob@example.com"),
        { method: "POST", path: "/Groups", bulkId: "guides", data: scimGroup("Bulk Tour Guides", { members: [{ type: "User", value: "bulkId:alice" }, { value: "bulkId:bob" }] }) },
      ]),
    );
    expect(results.map((r) => [r.method, r.bulkId, r.status])).toEqual([
      ["POST", "alice", "201"],
      ["POST", "bob", "201"],
      ["POST", "guides", "201"],
    ]);
    const [alice, bob, group] = results;
    expect(alice!.location).toMatch(new RegExp(`^${app.url}/scim/v2/Users/[0-9a-f-]{36}$`));
    expect(group!.location).toMatch(new RegExp(`^${app.url}/scim/v2/Groups/[0-9a-f-]{36}$`));
    for (const r of results) expect(r.response).toBeUndefined();

    const gotAlice = await t.client.get(`/Users/${idOf(alice!.location)}`);
    expect(gotAlice.body.userName).toBe("bulk.alice@example.com");
    expect(alice!.version).toBe(gotAlice.headers.get("etag"));
    const gotGroup = await t.client.get(`/Groups/${idOf(group!.location)}`);
    expect(gotGroup.status).toBe(200);
    expect(group!.version).toBe(gotGroup.headers.get("etag"));
    expect(gotGroup.body.displayName).toBe("Bulk Tour Guides");
    expect(sorted(gotGroup.body.members.map((m: { value: string }) => m.value))).toEqual(sorted([idOf(alice!.location), idOf(bob!.location)]));
  });

  it("resolves a reference to a POST sent later in the request, and answers in request order", async () => {
    const results = await postBulk(
      bulk([
        { method: "POST", path: "/Groups", bulkId: "early", data: scimGroup("Bulk Early Group", { members: [{ value: "bulkId:late" }] }) },
        { method: "PATCH", path: "/Users/bulkId:late", data: patchOp({ op: "replace", path: "displayName", value: "Late Patched" }) },
        createUser("late", "bulk.late@example.com"),
      ]),
    );
    expect(results.map((r) => [r.bulkId, r.status])).toEqual([
      ["early", "201"],
      [undefined, "200"],
      ["late", "201"],
    ]);
    const userId = idOf(results[2]!.location);
    expect(results[1]!.location).toBe(`${app.url}/scim/v2/Users/${userId}`);
    const user = await t.client.get(`/Users/${userId}`);
    expect(user.body.displayName).toBe("Late Patched");
    expect(results[1]!.version).toBe(user.headers.get("etag"));
    const group = await t.client.get(`/Groups/${idOf(results[0]!.location)}`);
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
  });

  it("resolves references in a path and in a PATCH of a group's members; a group PATCH answers 204 with the new version", async () => {
    const results = await postBulk(
      bulk([
        createUser("carol", "bulk.carol@example.com"),
        { method: "POST", path: "/Groups", bulkId: "team", data: scimGroup("Bulk Team") },
        { method: "PATCH", path: "/Groups/bulkId:team", data: patchOp({ op: "add", path: "members", value: [{ value: "bulkId:carol" }] }) },
        { method: "PUT", path: "/Users/bulkId:carol", data: scimUser("bulk.carol@example.com", { displayName: "Carol Replaced" }) },
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(["201", "201", "204", "200"]);
    const groupId = idOf(results[1]!.location);
    expect(results[2]!.location).toBe(`${app.url}/scim/v2/Groups/${groupId}`);
    const group = await t.client.get(`/Groups/${groupId}`);
    expect(results[2]!.version).toBe(group.headers.get("etag"));
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([idOf(results[0]!.location)]);
    expect((await t.client.get(`/Users/${idOf(results[0]!.location)}`)).body.displayName).toBe("Carol Replaced");
  });

  it("a reference to a bulkId no POST of the request defines fails that operation with 400 invalidValue; the others run", async () => {
    const results = await postBulk(
      bulk([
        { method: "POST", path: "/Groups", bulkId: "orphans", data: scimGroup("Bulk Orphans", { members: [{ value: "bulkId:nobody" }] }) },
        { method: "PATCH", path: "/Users/bulkId:nobody", data: patchOp({ op: "replace", path: "active", value: false }) },
        createUser("dave", "bulk.dave@example.com"),
      ]),
    );
    expectFailed(results[0]!, 400, "invalidValue");
    expect(results[0]!.response!.detail).toContain("bulkId:nobody");
    expect(results[0]!.location).toBeUndefined();
    expectFailed(results[1]!, 400, "invalidValue");
    expect(results[2]!.status).toBe("201");
    expect(await sql("select id from customer_role where display_name = 'Bulk Orphans'")).toEqual([]);
  });

  it("a reference to a POST that failed fails with 409, naming the bulkId", async () => {
    await postBulk(bulk([createUser("first", "bulk.taken@example.com")]));
    const results = await postBulk(
      bulk([
        createUser("dup", "BULK.TAKEN@example.com"),
        { method: "POST", path: "/Groups", bulkId: "g", data: scimGroup("Bulk Dependent", { members: [{ value: "bulkId:dup" }] }) },
      ]),
    );
    expectFailed(results[0]!, 409, "uniqueness");
    expectFailed(results[1]!, 409);
    expect(results[1]!.response!.detail).toContain("bulkId:dup");
    expect(await sql("select id from customer_role where display_name = 'Bulk Dependent'")).toEqual([]);
  });

  it("circular references fail with 409 (RFC 7644 §3.7.1) and create nothing; an operation outside the cycle runs", async () => {
    const results = await postBulk(
      bulk([
        createUser("ann", "bulk.circle.ann@example.com", { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: "bulkId:ben" } } }),
        createUser("ben", "bulk.circle.ben@example.com", { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: "bulkId:ann" } } }),
        createUser("self", "bulk.circle.self@example.com", { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: "bulkId:self" } } }),
        createUser("free", "bulk.circle.free@example.com"),
      ]),
    );
    expectFailed(results[0]!, 409);
    expectFailed(results[1]!, 409);
    expectFailed(results[2]!, 409);
    expect(results[0]!.response!.detail).toMatch(/cycle/);
    expect(results[3]!.status).toBe("201");
    expect(await userCount("bulk.circle.ann@example.com")).toBe(0);
    expect(await userCount("bulk.circle.self@example.com")).toBe(0);
    expect(await userCount("bulk.circle.free@example.com")).toBe(1);
  });
});

describe("errors and failOnErrors (RFC 7644 §3.7, §3.7.3)", () => {
  const threeUsers = (prefix: string) => [
    createUser(`${prefix}1`, `bulk.${prefix}.1@example.com`),
    { method: "POST", path: "/Users", bulkId: `${prefix}2`, data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: 42 } },
    createUser(`${prefix}3`, `bulk.${prefix}.3@example.com`),
  ];

  it("without failOnErrors an error in the middle fails that operation only; each operation commits on its own", async () => {
    const results = await postBulk(bulk(threeUsers("mid")));
    expect(results.map((r) => r.status)).toEqual(["201", "400", "201"]);
    expectFailed(results[1]!, 400, "invalidValue");
    expect(results[1]!.bulkId).toBe("mid2");
    expect(results[1]!.location).toBeUndefined();
    expect(await userCount("bulk.mid.1@example.com")).toBe(1);
    expect(await userCount("bulk.mid.3@example.com")).toBe(1);
  });

  it("failOnErrors 1 stops after the first error: only the operations that ran are in the response", async () => {
    const results = await postBulk(bulk(threeUsers("stop"), { failOnErrors: 1 }));
    expect(results.map((r) => [r.bulkId, r.status])).toEqual([
      ["stop1", "201"],
      ["stop2", "400"],
    ]);
    expect(await userCount("bulk.stop.1@example.com")).toBe(1);
    expect(await userCount("bulk.stop.3@example.com")).toBe(0);
  });

  it("failOnErrors 2 tolerates one error and runs on", async () => {
    const results = await postBulk(bulk(threeUsers("tolerate"), { failOnErrors: 2 }));
    expect(results.map((r) => r.status)).toEqual(["201", "400", "201"]);
  });

  it("an operation's version acts as If-Match: a stale one is 412 in that operation's result and changes nothing; the current one applies", async () => {
    const [created] = await postBulk(bulk([createUser("v", "bulk.version@example.com", { displayName: "Before" })]));
    const path = `/Users/${idOf(created!.location)}`;
    const results = await postBulk(
      bulk([
        { method: "PATCH", path, version: 'W/"999"', data: patchOp({ op: "replace", path: "displayName", value: "Stale" }) },
        { method: "DELETE", path, version: 'W/"999"' },
        { method: "PATCH", path, version: created!.version, data: patchOp({ op: "replace", path: "displayName", value: "Current" }) },
      ]),
    );
    expectFailed(results[0]!, 412);
    expect(results[0]!.location).toBe(`${app.url}/scim/v2${path}`);
    expectFailed(results[1]!, 412);
    expect(results[2]!.status).toBe("200");
    const user = await t.client.get(path);
    expect(user.body).toMatchObject({ displayName: "Current", active: true });
    expect(results[2]!.version).toBe(user.headers.get("etag"));
    expect(results[2]!.version).not.toBe(created!.version);
  });

  it("DELETE answers 204 with the location and no version", async () => {
    const [created] = await postBulk(bulk([createUser("d", "bulk.delete@example.com")]));
    const [deleted] = await postBulk(bulk([{ method: "DELETE", path: `/Users/${idOf(created!.location)}` }]));
    expect(deleted).toEqual({ method: "DELETE", location: created!.location, status: "204" });
    expect((await t.client.get(`/Users/${idOf(created!.location)}`)).body.active).toBe(false);
  });
});

describe("tenants, authentication and authorization", () => {
  it("an operation on another company's user is 404 in its result and leaves that user alone", async () => {
    const theirs = await other.client.post("/Users", scimUser("bulk.theirs@example.com", { displayName: "Theirs" }));
    expect(theirs.status).toBe(201);
    const results = await postBulk(
      bulk([
        { method: "PATCH", path: `/Users/${theirs.body.id}`, data: patchOp({ op: "replace", path: "displayName", value: "Hijacked" }) },
        { method: "PUT", path: `/Users/${theirs.body.id}`, data: scimUser("bulk.theirs@example.com", { displayName: "Hijacked" }) },
        { method: "DELETE", path: `/Users/${theirs.body.id}` },
      ]),
    );
    for (const r of results) expectFailed(r, 404);
    const still = await other.client.get(`/Users/${theirs.body.id}`);
    expect(still.body).toMatchObject({ displayName: "Theirs", active: true });
    expect(still.headers.get("etag")).toBe(theirs.headers.get("etag"));
  });

  it("unauthenticated is 401 with WWW-Authenticate and runs nothing; the same request with credentials runs", async () => {
    const request = bulk([createUser("anon", "bulk.anon@example.com")]);
    const res = await t.client.withAuthorization(undefined).post("/Bulk", request);
    expectScimError(res, 401);
    expect(res.headers.get("www-authenticate")).toMatch(/Basic/);
    expect(await userCount("bulk.anon@example.com")).toBe(0);
    expect((await postBulk(request)).map((r) => r.status)).toEqual(["201"]);
  });

  it("an account without CanProvisionUsersAsSCIM is 403 and runs nothing; the same request from the IdP's account runs", async () => {
    const viewer = await createScimTenant(app, { roles: ["Viewer"] });
    const request = bulk([createUser("viewer", "bulk.viewer@example.com")]);
    expectScimError(await viewer.client.post("/Bulk", request), 403);
    expect(await userCount("bulk.viewer@example.com")).toBe(0);
    expect((await postBulk(request)).map((r) => r.status)).toEqual(["201"]);
  });
});

describe("limits (RFC 7644 §3.7.4) and malformed requests", () => {
  it("/ServiceProviderConfig advertises bulk with the limits that are enforced", async () => {
    const res = await t.client.get("/ServiceProviderConfig");
    expect(res.body.bulk).toEqual({ supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 });
  });

  it("more operations than maxOperations is 413 naming the limit, and runs none", async () => {
    const operations = Array.from({ length: 1001 }, (_, i) => createUser(`n${i}`, `bulk.many.${i}@example.com`));
    const res = await t.client.post("/Bulk", bulk(operations));
    expectScimError(res, 413);
    expect(res.body.detail).toContain("maxOperations");
    expect(res.body.detail).toContain("1000");
    expect(await userCount("bulk.many.0@example.com")).toBe(0);
  });

  it("a body of exactly maxPayloadSize bytes is read; one byte more is 413 naming the limit, and runs nothing", async () => {
    const { maxPayloadSize } = (await t.client.get("/ServiceProviderConfig")).body.bulk as { maxPayloadSize: number };
    const sized = (userName: string, size: number) => {
      const json = JSON.stringify(bulk([createUser("big", userName)]));
      return json + " ".repeat(size - Buffer.byteLength(json));
    };
    const fits = await t.client.request("POST", "/Bulk", undefined, { rawBody: sized("bulk.fits@example.com", maxPayloadSize) });
    expect(fits.status, JSON.stringify(fits.body)).toBe(200);
    expect(fits.body.Operations[0].status).toBe("201");
    const over = await t.client.request("POST", "/Bulk", undefined, { rawBody: sized("bulk.over@example.com", maxPayloadSize + 1) });
    expectScimError(over, 413);
    expect(over.body.detail).toContain("maxPayloadSize");
    expect(over.body.detail).toContain(String(maxPayloadSize));
    expect(await userCount("bulk.over@example.com")).toBe(0);
  });

  const valid = createUser("ok", "bulk.malformed@example.com");
  it.each<[string, unknown, string]>([
    ["a body that is not an object", [valid], "invalidSyntax"],
    ["no schemas", { Operations: [valid] }, "invalidSyntax"],
    ["schemas without the BulkRequest URN", { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [valid] }, "invalidValue"],
    ["no Operations", { schemas: [BULK_REQUEST] }, "invalidSyntax"],
    ["Operations not a list", bulk({ valid } as unknown as unknown[]), "invalidSyntax"],
    ["no operation at all", bulk([]), "invalidValue"],
    ["an operation that is not an object", bulk([valid, "DELETE /Users/1"]), "invalidSyntax"],
    ["an operation without a method", bulk([valid, { path: "/Users", data: scimUser("x@example.com") }]), "invalidSyntax"],
    ["an unknown method", bulk([valid, { method: "GET", path: "/Users" }]), "invalidValue"],
    ["a path outside /Users and /Groups", bulk([valid, { method: "POST", path: "/Printers", data: {} }]), "invalidValue"],
    ["a path with a query", bulk([valid, { method: "DELETE", path: "/Users/1?x=y" }]), "invalidValue"],
    ["a POST to one resource", bulk([valid, { method: "POST", path: "/Users/1", data: scimUser("x@example.com") }]), "invalidValue"],
    ["a PATCH without a resource id", bulk([valid, { method: "PATCH", path: "/Users", data: patchOp() }]), "invalidValue"],
    ["a POST without data", bulk([valid, { method: "POST", path: "/Users", bulkId: "nodata" }]), "invalidSyntax"],
    ["a bulkId that is not a string", bulk([valid, { method: "POST", path: "/Users", bulkId: 7, data: scimUser("x@example.com") }]), "invalidSyntax"],
    ["a version that is not a string", bulk([valid, { method: "DELETE", path: "/Users/1", version: 3 }]), "invalidSyntax"],
    ["a duplicate bulkId", bulk([valid, createUser("ok", "bulk.malformed.2@example.com")]), "invalidValue"],
    ["failOnErrors 0", bulk([valid], { failOnErrors: 0 }), "invalidValue"],
    ["failOnErrors not a number", bulk([valid], { failOnErrors: "1" }), "invalidValue"],
  ])("%s is 400 for the whole request, and runs nothing", async (_name, body, scimType) => {
    expectScimError(await t.client.post("/Bulk", body), 400, scimType);
    expect(await userCount("bulk.malformed@example.com")).toBe(0);
  });

  it("reads the message's attribute names ignoring case (RFC 7643 §2.1) and its methods in any case", async () => {
    const res = await t.client.post("/Bulk", {
      Schemas: [BULK_REQUEST],
      operations: [{ Method: "post", Path: "/users", BulkId: "lower", Data: scimUser("bulk.lowercase@example.com") }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.Operations).toEqual([expect.objectContaining({ method: "POST", bulkId: "lower", status: "201" })]);
    expect(res.body.Operations[0].location).toMatch(new RegExp(`^${app.url}/scim/v2/Users/`));
  });
});

describe("the provisioning log", () => {
  it("records one ProvisioningEvent per operation, with its own method, path, status and resource, and none for the POST /Bulk that carried them", async () => {
    const logged = await createScimTenant(app);
    const res = await logged.client.post(
      "/Bulk",
      bulk([
        createUser("eve", "bulk.log.eve@example.com"),
        { method: "PATCH", path: "/Users/bulkId:eve", data: patchOp({ op: "replace", path: "title", value: "Auditor" }) },
        { method: "DELETE", path: "/Users/00000000-0000-4000-8000-000000000000" },
        { method: "POST", path: "/Groups", bulkId: "auditors", data: scimGroup("Bulk Auditors", { members: [{ value: "bulkId:eve" }] }) },
        { method: "POST", path: "/Users", bulkId: "bad", data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"] } },
      ]),
    );
    expect(res.status).toBe(200);
    const results = res.body.Operations as Result[];
    expect(results.map((r) => r.status)).toEqual(["201", "200", "404", "201", "400"]);
    const userId = idOf(results[0]!.location);
    const groupId = idOf(results[3]!.location);
    // Failed operations are queued for the batch as each ends; write it now.
    await app.services.provisioningEvents.flush();
    const events = await sql<Record<string, unknown>>(
      "select id::text as id, method, path, status, outcome, resource_type, resource_id, scim_type, app_password_id::text as app_password_id from provisioning_event where company_id = ? order by path, method",
      [logged.company.id],
    );
    expect(events.map(({ id: _id, ...e }) => e)).toEqual(
      [
        { method: "POST", path: "/scim/v2/Groups", status: 201, outcome: "success", resource_type: "Group", resource_id: groupId, scim_type: null },
        { method: "POST", path: "/scim/v2/Users", status: 201, outcome: "success", resource_type: "User", resource_id: userId, scim_type: null },
        { method: "POST", path: "/scim/v2/Users", status: 400, outcome: "failure", resource_type: "User", resource_id: null, scim_type: "invalidValue" },
        { method: "DELETE", path: "/scim/v2/Users/00000000-0000-4000-8000-000000000000", status: 404, outcome: "failure", resource_type: "User", resource_id: "00000000-0000-4000-8000-000000000000", scim_type: null },
        { method: "PATCH", path: `/scim/v2/Users/${userId}`, status: 200, outcome: "success", resource_type: "User", resource_id: userId, scim_type: null },
      ].map((e) => ({ ...e, app_password_id: logged.appPasswordId })),
    );
    // A failed operation's error quotes its own event's id, as a single request's error quotes the request's.
    const ids = events.map((e) => e.id);
    expect(ids).toContain(results[2]!.response![ROLEBRIDGE_ERROR].requestId);
    expect(ids).toContain(results[4]!.response![ROLEBRIDGE_ERROR].requestId);
    expect(new Set(ids).size).toBe(5);
    expect(ids).not.toContain(res.headers.get("x-request-id"));
  });

  it("a Bulk refused as a whole leaves one event of its own", async () => {
    const logged = await createScimTenant(app);
    const res = await logged.client.post("/Bulk", bulk([{ method: "GET", path: "/Users" }]));
    expectScimError(res, 400, "invalidValue");
    // The refusal is queued when its response finishes, which the client may see first.
    let events: Record<string, unknown>[] = [];
    for (let attempt = 0; attempt < 50 && events.length === 0; attempt++) {
      await new Promise((r) => setTimeout(r, 20));
      await app.services.provisioningEvents.flush();
      events = await sql("select id::text as id, method, path, status, scim_type from provisioning_event where company_id = ?", [logged.company.id]);
    }
    expect(events).toEqual([{ id: res.headers.get("x-request-id"), method: "POST", path: "/scim/v2/Bulk", status: 400, scim_type: "invalidValue" }]);
  });
});
