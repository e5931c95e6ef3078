import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabaseIfMissing, withDatabase } from "../../../src/db/database.js";
import { TEST_PASSWORD } from "../../setup/fixtures.js";
import { createScimTenant, expectScimError, type ScimTenant, scimUser } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { applyMigrations } from "../../../src/db/migrate.js";

/**
 * Issue 7 §6, for operators: structured JSON logs whose request id is the one a SCIM error quotes
 * (header and body), Prometheus metrics of SCIM requests by route and status and of provisioning
 * outcomes, and /readyz that tells a database with pending migrations from a ready one.
 */
let app: TestApp;
let t: ScimTenant;
const logLines: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ env: { LOG_LEVEL: "info" }, logDestination: { write: (line: string) => void logLines.push(line) } });
  t = await createScimTenant(app);
});
afterAll(async () => app?.close());

/** The parsed log lines; every line the app writes must be one JSON object. */
function logged(): Record<string, any>[] {
  return logLines.flatMap((chunk) => chunk.split("\n").filter(Boolean)).map((line) => JSON.parse(line) as Record<string, any>);
}

/** The log line of one request, once the response has finished (it is written on 'finish'). */
async function logLineOf(requestId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 50; i++) {
    const line = logged().find((l) => l.requestId === requestId && l.msg !== undefined && l.status !== undefined);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log line for request ${requestId}`);
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text exposition → samples (labels in any order). */
async function metrics(): Promise<Sample[]> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return text
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const labels = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string>): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

describe("structured logs with the request id", () => {
  it("the request id of a SCIM error (X-Request-Id and the error body's rolebridge extension) is the one in its JSON log line", async () => {
    const res = await t.client.get("/Users/4b1d3f5e-0000-4000-8000-000000000000?attributes=userName");
    expectScimError(res, 404);
    const requestId = res.headers.get("x-request-id")!;
    expect(res.body["urn:rolebridge:scim:api:messages:2.0:Error"].requestId).toBe(requestId);

    const line = await logLineOf(requestId);
    expect(line).toMatchObject({ level: 30, msg: "request", requestId, status: 404, req: { method: "GET", url: "/scim/v2/Users/4b1d3f5e-0000-4000-8000-000000000000" } });
    expect(typeof line.time).toBe("number");
    expect(typeof line.durationMs).toBe("number");
    expect(line.companyId).toBe(t.company.id);
    // The query string (filters can hold personal data) and the credentials stay out of the log.
    expect(line.req.url).not.toContain("attributes");
    expect(JSON.stringify(line)).not.toContain(t.clientSecret);
    expect(line.req.headers.authorization).toBe("[redacted]");
  });

  it("a request refused for its credentials is logged with the request id its 401 body quotes", async () => {
    const res = await t.client.withAuthorization("Basic " + Buffer.from(`${t.clientId}:not-the-secret-7f3a`).toString("base64")).get("/Users");
    expectScimError(res, 401);
    const requestId = res.body["urn:rolebridge:scim:api:messages:2.0:Error"].requestId as string;
    expect(await logLineOf(requestId)).toMatchObject({ requestId, status: 401 });
    expect(logLines.join("")).not.toContain("not-the-secret-7f3a");
  });

  it("the Authorization header is logged as [redacted] when a request sent one, and not at all when it sent none", async () => {
    const without = await t.client.withAuthorization(undefined).get("/Users");
    expectScimError(without, 401);
    const withoutLine = await logLineOf(without.headers.get("x-request-id")!);
    expect(withoutLine.req.headers).not.toHaveProperty("authorization");
    expect(JSON.stringify(withoutLine)).not.toContain("[redacted]");

    const health = await fetch(`${app.url}/healthz`, { headers: { authorization: "Bearer not-a-token-5c1e" } });
    const withLine = await logLineOf(health.headers.get("x-request-id")!);
    expect(withLine.req.headers.authorization).toBe("[redacted]");
    expect(logLines.join("")).not.toContain("not-a-token-5c1e");
  });
});

describe("/metrics", () => {
  it("counts SCIM requests by method, route and status, and provisioning outcomes by resource type, outcome and status", async () => {
    const before = await metrics();
    const created = await t.client.post("/Users", scimUser("metrics.user@example.com"));
    expect(created.status).toBe(201);
    expect((await t.client.get(`/Users/${created.body.id}`)).status).toBe(200);
    expect((await t.client.get("/Users/4b1d3f5e-0000-4000-8000-000000000001")).status).toBe(404);
    expect((await t.client.post("/Users", scimUser("METRICS.user@example.com"))).status).toBe(409);
    expect((await t.client.withAuthorization(undefined).get("/Users")).status).toBe(401);
    expect((await t.client.post("/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Metrics" })).status).toBe(201);
    const after = await metrics();

    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    const http = "rolebridge_http_requests_total";
    expect(delta(http, { method: "POST", route: "/scim/v2/Users", status: "201" })).toBe(1);
    expect(delta(http, { method: "POST", route: "/scim/v2/Users", status: "409" })).toBe(1);
    expect(delta(http, { method: "GET", route: "/scim/v2/Users/:id", status: "200" })).toBe(1);
    expect(delta(http, { method: "GET", route: "/scim/v2/Users/:id", status: "404" })).toBe(1);
    expect(delta(http, { method: "GET", route: "/scim/v2/Users", status: "401" })).toBe(1);
    expect(delta(http, { method: "POST", route: "/scim/v2/Groups", status: "201" })).toBe(1);
    // Ids never become label values (bounded cardinality).
    expect(after.some((s) => JSON.stringify(s.labels).includes(created.body.id))).toBe(false);
    expect(delta("rolebridge_http_request_duration_seconds_count", { method: "POST", route: "/scim/v2/Users", status: "201" })).toBe(1);

    const outcomes = "rolebridge_provisioning_requests_total";
    expect(delta(outcomes, { resource_type: "User", outcome: "success", status: "201" })).toBe(1);
    expect(delta(outcomes, { resource_type: "User", outcome: "success", status: "200" })).toBe(1);
    expect(delta(outcomes, { resource_type: "User", outcome: "failure", status: "404" })).toBe(1);
    expect(delta(outcomes, { resource_type: "User", outcome: "failure", status: "409" })).toBe(1);
    expect(delta(outcomes, { outcome: "failure", status: "401" })).toBe(1);
    expect(delta(outcomes, { resource_type: "Group", outcome: "success", status: "201" })).toBe(1);
    // GraphQL and operator endpoints are not provisioning requests.
    await fetch(`${app.url}/healthz`);
    expect(valueOf(await metrics(), outcomes, {}) - valueOf(after, outcomes, {})).toBe(0);
  });
});

describe("/metrics: comparisons of presented secrets", () => {
  it("counts each comparison of a Client Secret or password by credential and outcome, and nothing that compares no secret", async () => {
    const form = (secret: string) =>
      fetch(`${app.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: t.clientId, client_secret: secret }),
      });
    const login = (userName: string, password: string) =>
      fetch(`${app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`,
          variables: { c: t.company.slug, u: userName, p: password },
        }),
      });
    const scim = (authorization?: string) => fetch(`${app.url}/scim/v2/Users?count=1`, { headers: authorization ? { authorization } : {} });
    const basic = (secret: string) => `Basic ${Buffer.from(`${t.clientId}:${secret}`).toString("base64")}`;
    // createScimTenant's company administrator.
    const admin = `admin@${t.company.slug}.example`;
    const before = await metrics();

    expect((await scim(basic(t.clientSecret))).status).toBe(200);
    expect((await scim(`Bearer ${t.bearerToken}`)).status).toBe(200);
    expect((await scim(basic("not-the-secret"))).status).toBe(401);
    expect((await scim(`Bearer rb_nobody.${"x".repeat(43)}`)).status).toBe(401);
    expect((await form(t.clientSecret)).status).toBe(200);
    expect((await form("not-the-secret")).status).toBe(401);
    // No secret compared: no credentials, a forged signed token.
    expect((await scim()).status).toBe(401);
    expect((await scim("Bearer eyJhbGciOiJFZERTQSJ9.e30.AAAA")).status).toBe(401);
    expect(((await (await login(admin, TEST_PASSWORD)).json()) as any).data.login.token).toEqual(expect.any(String));
    expect(((await (await login(admin, "wrong")).json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(((await (await login("nobody@nowhere.example", "wrong")).json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");

    const after = await metrics();
    const checks = "rolebridge_credential_checks_total";
    const delta = (labels: Record<string, string>) => valueOf(after, checks, labels) - valueOf(before, checks, labels);
    expect(delta({ credential: "app_password", outcome: "match" })).toBe(3);
    expect(delta({ credential: "app_password", outcome: "mismatch" })).toBe(3);
    expect(delta({ credential: "password", outcome: "match" })).toBe(1);
    expect(delta({ credential: "password", outcome: "mismatch" })).toBe(2);
  });
});

describe("/healthz and /readyz", () => {
  it("/readyz is 503 naming the pending migrations on a fresh empty database, /healthz 200; once migrated, /readyz is 200", async () => {
    const name = `${inject("runPrefix")}_empty_${randomBytes(4).toString("hex")}`;
    await createDatabaseIfMissing(inject("pgServerUrl"), name);
    const empty = await startTestApp({ databaseUrl: withDatabase(inject("pgServerUrl"), name) });
    try {
      const ready = await fetch(`${empty.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { status: string; reason: string; pending: string[] };
      expect(body).toMatchObject({ status: "unavailable", reason: "migrations pending" });
      expect(body.pending.length).toBeGreaterThan(0);
      expect((await fetch(`${empty.url}/healthz`)).status).toBe(200);

      await applyMigrations(empty.orm);
      const after = await fetch(`${empty.url}/readyz`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({ status: "ok" });
    } finally {
      await empty.close();
    }
  });
});
