import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, CUSTOM_USER_SCHEMA, ENTERPRISE_USER_SCHEMA, expectScimError, USER_SCHEMA, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/** RFC 7644 §4 discovery: it says exactly what the service does (STYLE §9). */
let app: TestApp;
let t: ScimTenant;
beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
});
afterAll(async () => app?.close());

describe("discovery (RFC 7644 §4, RFC 7643 §5–7)", () => {
  it("ServiceProviderConfig: patch, bulk (1000 operations, 1 MB), filter (maxResults 1000), sort, etag supported; Basic and bearer authentication", async () => {
    const res = await t.client.get("/ServiceProviderConfig");
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: 1000 },
      sort: { supported: true },
      etag: { supported: true },
      meta: { resourceType: "ServiceProviderConfig", location: `${app.url}/scim/v2/ServiceProviderConfig` },
    });
    expect(res.body.authenticationSchemes.map((s: { type: string }) => s.type)).toEqual(["httpbasic", "oauthbearertoken"]);
  });

  it("the maxResults it claims is what a list returns at most", async () => {
    const res = await t.client.get("/Users?count=100000");
    expect(res.status).toBe(200);
    expect(res.body.itemsPerPage).toBeLessThanOrEqual(1000);
  });

  it("ResourceTypes lists User with the enterprise and custom extensions, and each by id", async () => {
    const res = await t.client.get("/ResourceTypes");
    const user = res.body.Resources.find((r: { id: string }) => r.id === "User");
    expect(user).toMatchObject({
      endpoint: "/Users",
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA, required: false },
        { schema: CUSTOM_USER_SCHEMA, required: false },
      ],
    });
    expect((await t.client.get("/ResourceTypes/User")).body.id).toBe("User");
    expectScimError(await t.client.get("/ResourceTypes/Printer"), 404);
  });

  it("Schemas describe the User attributes with their characteristics; password is writeOnly and never returned", async () => {
    const res = await t.client.get("/Schemas");
    const ids = res.body.Resources.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE_USER_SCHEMA, CUSTOM_USER_SCHEMA]));
    const user = (await t.client.get(`/Schemas/${USER_SCHEMA}`)).body;
    const attr = (name: string) => user.attributes.find((a: { name: string }) => a.name === name);
    expect(attr("userName")).toMatchObject({ required: true, caseExact: false, uniqueness: "server" });
    expect(attr("password")).toMatchObject({ mutability: "writeOnly", returned: "never" });
    expect(attr("emails").subAttributes.map((s: { name: string }) => s.name)).toEqual(["value", "display", "type", "primary"]);
    const custom = (await t.client.get(`/Schemas/${CUSTOM_USER_SCHEMA.toUpperCase().replace("URN", "urn")}`)).body;
    expect(custom.attributes.map((a: { name: string }) => a.name)).toEqual(["personId"]);
    expectScimError(await t.client.get("/Schemas/urn:example:nope"), 404);
  });

  it("every attribute the schemas describe can be filtered on", async () => {
    const user = (await t.client.get(`/Schemas/${USER_SCHEMA}`)).body;
    for (const a of user.attributes as { name: string; type: string; subAttributes?: { name: string; type: string }[] }[]) {
      if (a.name === "password") continue;
      // $ref cannot be spelled in a filter (RFC 7644 §3.4.2.2: ATTRNAME = ALPHA *(nameChar)).
      const subAttributes = a.subAttributes?.filter((s) => /^[A-Za-z]/.test(s.name));
      const paths = subAttributes ? subAttributes.map((s) => `${a.name}.${s.name}`) : [a.name];
      for (const path of paths) {
        const res = await t.client.get(`/Users?filter=${encodeURIComponent(`${path} pr`)}`);
        expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
      }
    }
  });

  it("discovery needs no credentials", async () => {
    expect((await t.client.withAuthorization(undefined).get("/ServiceProviderConfig")).status).toBe(200);
  });
});
