import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

let app: TestApp;
let a: TestCompany;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
});
afterAll(() => app?.close());

describe("operator endpoints", () => {
  it("/healthz answers while the process is up", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz reports ready when the database answers and migrations are applied", async () => {
    const res = await fetch(`${app.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/metrics exposes request counts by route and status, and the database pool", async () => {
    await gql(app.url, "{ company { id } }", {}, a.adminToken);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(/rolebridge_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+/);
    expect(text).toContain("rolebridge_http_request_duration_seconds_bucket");
    expect(text).toMatch(/rolebridge_db_pool_connections\{state="used"\}/);
  });

  it("every response carries an X-Request-Id, and GraphQL routes carry security headers", async () => {
    const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

describe("GraphQL abuse limits", () => {
  it("rejects a document nested deeper than the limit before executing it", async () => {
    const deep = `{ company { ${"passwordPolicy { ".repeat(1)}minLength }${" }".repeat(1)} }`;
    expect((await gql(app.url, deep, {}, a.adminToken)).errors).toBeUndefined();
    const nested = `query { ${"a: __type(name: \"User\") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } }"}`;
    const res = await gql(app.url, nested, {}, a.adminToken);
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  it("rejects too many aliases", async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `c${i}: company { id }`).join(" ");
    const res = await gql(app.url, `{ ${aliases} }`, {}, a.adminToken);
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("rejects batched requests", async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${a.adminToken}` },
      body: JSON.stringify([{ query: "{ company { id } }" }, { query: "{ company { id } }" }]),
    });
    expect(res.status).toBe(400);
  });

  it("answers malformed documents with a client error code, not INTERNAL", async () => {
    const res = await gql(app.url, "{ company { id ", {}, a.adminToken);
    // graphql-armor's token limit parses the document first, so the syntax error is reported as a validation failure.
    expect(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"]).toContain(errorCode(res));
    expect(res.errors?.[0]?.message).toMatch(/Syntax Error/);
  });
});

describe("introspection in production", () => {
  it("is refused to anonymous callers and allowed to authenticated ones", async () => {
    const prod = await startTestApp({ env: { NODE_ENV: "production" } });
    try {
      const b = await createTestCompany(prod);
      const anon = await gql(prod.url, "{ __schema { queryType { name } } }");
      expect(errorCode(anon)).toBe("UNAUTHENTICATED");
      const authed = await gql(prod.url, "{ __schema { queryType { name } } }", {}, b.adminToken);
      expect(authed.data?.__schema.queryType.name).toBe("Query");
    } finally {
      await prod.close();
    }
  });
});
