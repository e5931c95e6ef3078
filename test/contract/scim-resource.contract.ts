import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, expectScimError, LIST_RESPONSE_SCHEMA, type ScimTenant } from "../setup/scim-client.js";
import { startTestApp, type TestApp } from "../setup/server.js";

/**
 * One battery for every SCIM resource type (STYLE §6.3, after SCIMMY's test/hooks/resources.js
 * and SCIMple's compliance tests): discovery coherence, create, get, list and paging, filter,
 * replace, patch, delete, attribute selection, tenant isolation and authentication.
 */
export interface ResourceContract {
  resourceType: string;
  endpoint: string;
  /** A new, valid resource body; `i` makes it unique. */
  newResource(i: number): Record<string, unknown>;
  /** The attribute that is unique per company (409 uniqueness on a duplicate). */
  uniqueAttribute: string;
  /** A PUT body for a created resource, and a subset the response must match. */
  replace(created: Record<string, any>): { body: Record<string, unknown>; expect: Record<string, unknown> };
  /** A PATCH body, and a subset the response must match. */
  patch: { body: unknown; expect: Record<string, unknown> };
  /**
   * 200 (the default) when a PATCH answers with the resource; 204 when it answers with no body
   * unless `attributes` asks for one (RFC 7644 §3.5.2 allows either; Groups do not read their
   * members after a PATCH): then the ETag must change and a GET must show the change.
   */
  patchStatus?: 200 | 204;
}

export function scimResourceContract(c: ResourceContract): void {
  describe(`SCIM resource contract: ${c.resourceType} at ${c.endpoint}`, () => {
    let app: TestApp;
    let t: ScimTenant;
    let other: ScimTenant;
    let n = 0;
    const create = async (tenant = t) => {
      const res = await tenant.client.post(c.endpoint, c.newResource(++n));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res;
    };

    beforeAll(async () => {
      app = await startTestApp();
      t = await createScimTenant(app);
      other = await createScimTenant(app);
    });
    afterAll(async () => app?.close());

    it("is described by /ResourceTypes, and each of its schemas by /Schemas", async () => {
      const types = await t.client.get("/ResourceTypes");
      const type = types.body.Resources.find((r: { id: string }) => r.id === c.resourceType);
      expect(type).toMatchObject({ endpoint: c.endpoint });
      const schemaIds = [type.schema, ...type.schemaExtensions.map((e: { schema: string }) => e.schema)];
      for (const id of schemaIds) expect((await t.client.get(`/Schemas/${id}`)).status).toBe(200);
    });

    it("create: 201 with Location, ETag, and meta naming the resource type", async () => {
      const res = await create();
      expect(res.headers.get("location")).toBe(res.body.meta.location);
      expect(res.headers.get("etag")).toBe(res.body.meta.version);
      expect(res.body.meta.resourceType).toBe(c.resourceType);
      expect(res.body.schemas.length).toBeGreaterThan(0);
    });

    it("a duplicate of the unique attribute is 409 uniqueness", async () => {
      const res = await create();
      const dup = { ...c.newResource(n), [c.uniqueAttribute]: String(res.body[c.uniqueAttribute]).toUpperCase() };
      expectScimError(await t.client.post(c.endpoint, dup), 409, "uniqueness");
    });

    it("get returns what create returned", async () => {
      const res = await create();
      const got = await t.client.get(`${c.endpoint}/${res.body.id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
      expect(got.headers.get("etag")).toBe(res.headers.get("etag"));
    });

    it("list pages with startIndex and count, and filters by id", async () => {
      await create();
      await create();
      const all = await t.client.get(`${c.endpoint}?count=1000`);
      expect(all.body.schemas).toEqual([LIST_RESPONSE_SCHEMA]);
      expect(all.body.totalResults).toBe(all.body.Resources.length);
      const page = await t.client.get(`${c.endpoint}?startIndex=2&count=1`);
      expect(page.body).toMatchObject({ totalResults: all.body.totalResults, itemsPerPage: 1, startIndex: 2 });
      const id = all.body.Resources[0].id;
      const byId = await t.client.get(`${c.endpoint}?filter=${encodeURIComponent(`id eq "${id}"`)}`);
      expect(byId.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    });

    it("replace (PUT) applies and bumps the version", async () => {
      const res = await create();
      const { body, expect: expected } = c.replace(res.body);
      const put = await t.client.put(`${c.endpoint}/${res.body.id}`, body);
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject(expected);
      expect(put.headers.get("etag")).not.toBe(res.headers.get("etag"));
    });

    it("patch applies", async () => {
      const res = await create();
      const patched = await t.client.patch(`${c.endpoint}/${res.body.id}`, c.patch.body);
      expect(patched.status, JSON.stringify(patched.body)).toBe(c.patchStatus ?? 200);
      if (patched.status === 204) {
        expect(patched.headers.get("etag")).not.toBe(res.headers.get("etag"));
        const got = await t.client.get(`${c.endpoint}/${res.body.id}`);
        expect(got.body).toMatchObject(c.patch.expect);
        expect(got.headers.get("etag")).toBe(patched.headers.get("etag"));
      } else expect(patched.body).toMatchObject(c.patch.expect);
    });

    it("attributes and excludedAttributes select what is returned (RFC 7644 §3.4.2.5)", async () => {
      const res = await create();
      const only = await t.client.get(`${c.endpoint}/${res.body.id}?attributes=${c.uniqueAttribute}`);
      expect(Object.keys(only.body).sort()).toEqual(["id", "schemas", c.uniqueAttribute].sort());
      const without = await t.client.get(`${c.endpoint}/${res.body.id}?excludedAttributes=meta`);
      expect(without.body.meta).toBeUndefined();
      expect(without.body.id).toBe(res.body.id);
    });

    it("delete: 204", async () => {
      const res = await create();
      expect((await t.client.delete(`${c.endpoint}/${res.body.id}`)).status).toBe(204);
    });

    it("another company's id is 404 for every method", async () => {
      const theirs = await create(other);
      const path = `${c.endpoint}/${theirs.body.id}`;
      expectScimError(await t.client.get(path), 404);
      expectScimError(await t.client.put(path, c.replace(theirs.body).body), 404);
      expectScimError(await t.client.patch(path, c.patch.body), 404);
      expectScimError(await t.client.delete(path), 404);
      const list = await t.client.get(`${c.endpoint}?filter=${encodeURIComponent(`id eq "${theirs.body.id}"`)}`);
      expect(list.body.totalResults).toBe(0);
    });

    it("unauthenticated is 401 for every method", async () => {
      const anon = t.client.withAuthorization(undefined);
      const res = await create();
      const path = `${c.endpoint}/${res.body.id}`;
      for (const r of [await anon.get(c.endpoint), await anon.get(path), await anon.post(c.endpoint, c.newResource(999)), await anon.put(path, {}), await anon.patch(path, c.patch.body), await anon.delete(path)]) {
        expectScimError(r, 401);
      }
    });
  });
}
