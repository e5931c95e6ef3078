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

  it("answers variables nested thousands of levels deep with 400 BAD_REQUEST, and changes nothing", async () => {
    const nested = '{"a":'.repeat(5000) + "1" + "}".repeat(5000);
    const query = `mutation($p: JSON!) { patchUser(id: \\"${a.admin.id}\\", patch: $p) { id version } }`;
    const res = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${a.adminToken}` },
      body: `{"query":"${query}","variables":{"p":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"blob","value":${nested}}]}}}`,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0]!.message).toContain("nested more than 64 levels");
    const me = await gql(app.url, "{ me { version extensionAttributes } }", {}, a.adminToken);
    expect(me.data?.me).toEqual({ version: 1, extensionAttributes: {} });
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

/** POSTs a raw body to /graphql and returns the status, the text and the parsed JSON. */
async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

describe("GraphQL abuse limits: directives, tokens and cost", () => {
  const auth = () => ({ authorization: `Bearer ${a.adminToken}` });

  it("rejects more directives than the limit before executing the document", async () => {
    const res = await post(app.url, JSON.stringify({ query: `{ company { id ${"@include(if: true) ".repeat(25)} } }` }), auth());
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/Directives limit of 20 exceeded/);
    expect(res.json.data).toBeUndefined();
  });

  it("rejects a document of more tokens than the limit with 400, not a 500", async () => {
    const res = await post(app.url, JSON.stringify({ query: `{ company { ${"id ".repeat(6000)} } }` }), auth());
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(res.json.errors[0].message).toMatch(/5000 tokens/);
  });

  it("rejects a document over the cost budget, within the depth and alias limits, before executing it", async () => {
    const leaf = "name kind description specifiedByURL";
    const nest = (d: number): string => (d === 0 ? leaf : `${leaf} ofType { ${nest(d - 1)} }`);
    const query = `{ ${Array.from({ length: 29 }, (_, i) => `a${i}: __type(name: "User") { fields { type { ${nest(7)} } } }`).join(" ")} }`;
    const res = await post(app.url, JSON.stringify({ query }), auth());
    expect(res.status).toBe(400);
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0].message).toMatch(/Cost limit of 20000 exceeded/);
    expect(res.json.data).toBeUndefined();
  });

  it("a malformed document is 400 GRAPHQL_PARSE_FAILED", async () => {
    const res = await post(app.url, JSON.stringify({ query: "{ company { id " }), auth());
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it.each([
    ["a query that is not a string", JSON.stringify({ query: 42 }), {}, "BAD_REQUEST"],
    ["two operations without an operationName", JSON.stringify({ query: "query A { company { id } } query B { company { id } }" }), {}, "OPERATION_RESOLUTION_FAILURE"],
    ["a text/plain body (CSRF prevention)", "{ company { id } }", { "content-type": "text/plain" }, "BAD_REQUEST"],
    ["broken JSON", '{"query": ', {}, "BAD_REQUEST"],
  ])("%s is a 400 with the client's error code, not INTERNAL", async (_name, body, headers, code) => {
    const res = await post(app.url, body, { ...auth(), ...headers });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe(code);
    expect(res.json.errors[0].message).not.toBe("internal error");
  });
});

describe("errors in production", () => {
  it("carry no stack trace, exception or source location of the server, whatever the error", async () => {
    const prod = await startTestApp({ env: { NODE_ENV: "production" } });
    try {
      const b = await createTestCompany(prod);
      const auth = { authorization: `Bearer ${b.adminToken}` };
      const requests: [string, Record<string, string>][] = [
        [JSON.stringify({ query: "{ company { id " }), auth],
        [JSON.stringify({ query: "{ nope }" }), auth],
        [JSON.stringify({ query: "query($id: ID!) { customerRole(id: $id) { id } }", variables: { id: { x: 1 } } }), auth],
        [JSON.stringify({ query: "query($id: ID!) { customerRole(id: $id) { id } }", variables: { id: "00000000-0000-4000-8000-000000000000" } }), auth],
        [JSON.stringify({ query: "mutation { createCustomerRole(input: { displayName: \"\" }) { id } }" }), auth],
        [JSON.stringify({ query: "{ company { id } }" }), {}],
        [JSON.stringify({ query: "{ company { id } }" }), { authorization: "Bearer not.a.jwt" }],
        [JSON.stringify({ query: "{ __schema { types { name } } }" }), {}],
        [JSON.stringify({ query: `{ company { ${"id ".repeat(6000)} } }` }), auth],
        [JSON.stringify({ query: 42 }), auth],
        [JSON.stringify([{ query: "{ company { id } }" }, { query: "{ company { id } }" }]), auth],
        ['{"query": ', auth],
      ];
      for (const [body, headers] of requests) {
        const res = await post(prod.url, body, headers);
        expect(res.status, `${body.slice(0, 80)} → ${res.text.slice(0, 200)}`).toBeLessThan(500);
        expect(res.json?.errors?.length, res.text.slice(0, 200)).toBeGreaterThan(0);
        for (const error of res.json.errors) {
          expect(error.extensions?.stacktrace).toBeUndefined();
          expect(error.extensions?.exception).toBeUndefined();
        }
        expect(res.text).not.toMatch(/\n\s+at |\bat [\w.<>]+ \(|\.[jt]s:\d+:\d+|node_modules/);
      }
    } finally {
      await prod.close();
    }
  });
});
