import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, expectScimError, patchOp, scimUser, USER_SCHEMA, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { createGroup } from "./groups-helpers.js";

/** What strict SCIM clients and validators check beyond the everyday IdP flows. */
let app: TestApp;
let t: ScimTenant;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
});
afterAll(() => app?.close());

async function create(userName: string, extra: Record<string, unknown> = {}) {
  const res = await t.client.post("/Users", scimUser(userName, extra));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, any>;
}

describe("PUT of a User without a required attribute (RFC 7644 §3.5.1)", () => {
  it("is 400 invalidValue naming userName, and changes nothing", async () => {
    const u = await create("put.required@example.com", { title: "Kept" });
    const res = await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], title: "Changed", active: false });
    expectScimError(res, 400, "invalidValue");
    expect(res.body.detail).toMatch(/userName/);
    const after = await t.client.get(`/Users/${u.id}`);
    expect(after.body).toMatchObject({ title: "Kept", active: true, meta: { version: u.meta.version } });
  });

  it("still keeps readWrite attributes left out when userName is there (SailPoint's deactivation PUT)", async () => {
    const u = await create("put.keeps@example.com", { title: "Kept" });
    const res = await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: "put.keeps@example.com", active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Kept", active: false });
  });
});

describe("If-None-Match on GET (RFC 7644 §3.14, RFC 9110 §13.1.2)", () => {
  it("answers 304 with the ETag and no body while the user is unchanged, and 200 once it changed", async () => {
    const u = await create("etag.304@example.com");
    const etag = u.meta.version as string;
    const same = await t.client.get(`/Users/${u.id}`, { "If-None-Match": etag });
    expect(same.status).toBe(304);
    expect(same.headers.get("etag")).toBe(etag);
    expect(same.body).toBeUndefined();
    // A strong tag of the same version matches too (weak comparison), and so does *.
    expect((await t.client.get(`/Users/${u.id}`, { "If-None-Match": etag.replace(/^W\//, "") })).status).toBe(304);
    expect((await t.client.get(`/Users/${u.id}`, { "If-None-Match": `W/"999", ${etag}` })).status).toBe(304);
    expect((await t.client.get(`/Users/${u.id}`, { "If-None-Match": "*" })).status).toBe(304);

    expect((await t.client.patch(`/Users/${u.id}`, patchOp({ op: "replace", path: "title", value: "New" }))).status).toBe(200);
    const changed = await t.client.get(`/Users/${u.id}`, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.body.title).toBe("New");
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("does the same for a Group, and a tag this server never issued is not a match", async () => {
    const g = await createGroup(t, "Etag group");
    expect((await t.client.get(`/Groups/${g.id}`, { "If-None-Match": g.meta.version })).status).toBe(304);
    expect((await t.client.get(`/Groups/${g.id}`, { "If-None-Match": '"not-a-version"' })).status).toBe(200);
  });

  it("an unknown id is still 404", async () => {
    expectScimError(await t.client.get("/Users/00000000-0000-4000-8000-000000000000", { "If-None-Match": "*" }), 404);
  });
});

describe("the SCIM media type", () => {
  it("is sent as application/scim+json exactly, without a charset parameter, on resources, lists, discovery and errors", async () => {
    const u = await create("media.type@example.com");
    expect((await t.client.get(`/Users/${u.id}`)).contentType).toBe("application/scim+json");
    expect((await t.client.get("/Users?count=1")).contentType).toBe("application/scim+json");
    expect((await t.client.get("/ServiceProviderConfig")).contentType).toBe("application/scim+json");
    expect((await t.client.get("/Users/nope")).contentType).toBe("application/scim+json");
  });
});

describe("service accounts are not the IdP's users", () => {
  it("are never listed or counted, not found by filter or id, and cannot be changed or deleted through SCIM", async () => {
    const people = await t.client.get("/Users?count=1000");
    expect(people.status).toBe(200);
    const ids = (people.body.Resources as { id: string }[]).map((u) => u.id);
    expect(ids).not.toContain(t.serviceAccountId);
    expect(people.body.totalResults).toBe(ids.length);

    const account = await app.orm.em.fork().getConnection().execute("select user_name from user_account where id = ?", [t.serviceAccountId]);
    const byName = await t.client.get(`/Users?filter=${encodeURIComponent(`userName eq "${account[0].user_name}"`)}`);
    expect(byName.body.totalResults).toBe(0);

    expectScimError(await t.client.get(`/Users/${t.serviceAccountId}`), 404);
    expectScimError(await t.client.patch(`/Users/${t.serviceAccountId}`, patchOp({ op: "replace", path: "active", value: false })), 404);
    expectScimError(await t.client.put(`/Users/${t.serviceAccountId}`, { schemas: [USER_SCHEMA], userName: account[0].user_name, active: false }), 404);
    expectScimError(await t.client.delete(`/Users/${t.serviceAccountId}`), 404);
    // The IdP could have locked itself out; it did not: the account is active and still authenticates.
    const [row] = await app.orm.em.fork().getConnection().execute("select active, version from user_account where id = ?", [t.serviceAccountId]);
    expect(row).toMatchObject({ active: true, version: 1 });
    expect((await t.client.get("/Users?count=1")).status).toBe(200);
  });

  it("a company administrator created with an email userName lists it as the first email", async () => {
    const em = app.orm.em.fork();
    const { createCompanyAdmin } = await import("../../../src/domain/users/account-setup.js");
    const { inSystemTransaction } = await import("../../../src/domain/unit-of-work.js");
    const { Company } = await import("../../../src/domain/companies/company.entity.js");
    const admin = await inSystemTransaction(em, async (tx) =>
      createCompanyAdmin(tx, await tx.findOneOrFail(Company, { id: t.company.id }, { filters: false }), { userName: "first.admin@conformance.example" }, { name: "cli" }),
    );
    const res = await t.client.get(`/Users/${admin.user.id}`);
    expect(res.status).toBe(200);
    expect(res.body.emails).toEqual([{ value: "first.admin@conformance.example", type: "work", primary: true }]);
  });
});
