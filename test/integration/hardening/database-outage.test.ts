import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseIfMissing } from "../../../src/db/database.js";
import { type Build, buildApp, type Spawned } from "../../setup/build.js";
import { delay, demoCredentials, type DemoCredentials, jsonLines, OwnPostgres, startBuiltServer, userBody } from "./helpers.js";

/**
 * Issue 7 §3: the built server on a PostgreSQL of its own. Start-up waits for a database that is
 * not there yet (a clear log line, no crash loop); while PostgreSQL is stopped under traffic,
 * SCIM answers 503 with Retry-After and a SCIM error body and GraphQL an error coded
 * SERVICE_UNAVAILABLE, every request within a bounded time; when PostgreSQL is back, the same
 * process serves again by itself.
 */
const REQUEST_TIMEOUT_MS = 10_000;
const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

let build: Build;
let pg: OwnPostgres;
let server: Spawned;
let demo: DemoCredentials;
let token: string;

interface Outcome {
  status: number;
  headers: Headers;
  body: any;
}

/** A request that must complete within REQUEST_TIMEOUT_MS; a hang fails the test (AbortSignal.timeout). */
async function call(method: string, url: string, init: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Outcome> {
  const res = await fetch(url, {
    method,
    headers: { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: kept as text, which the assertions below reject */
  }
  return { status: res.status, headers: res.headers, body };
}

const scim = (method: string, path: string, body?: unknown, authorization = demo.basic) =>
  call(method, `${demo.base}/scim/v2${path}`, { headers: { authorization }, body });
const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  call("POST", `${demo.base}/graphql`, { headers: { authorization: `Bearer ${token}` }, body: { query, variables } });

/** What the server logged as unexpected, to name the error class behind a wrong status. */
function unexpectedErrors(): string {
  return jsonLines(server.stdout())
    .filter((l) => l.level >= 50 && l.err)
    .map((l) => `${l.msg}: ${l.err?.type}: ${l.err?.message} (${l.err?.code ?? "no code"}) ${String(l.err?.stack).split("\n").slice(1, 6).join(" | ")}`)
    .join("\n");
}

function expectScim503(res: Outcome): void {
  expect(res.status, `${JSON.stringify(res.body)}\n${unexpectedErrors()}`).toBe(503);
  expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(res.body.schemas).toContain(SCIM_ERROR);
  expect(res.body.status).toBe("503");
  expect(res.body.scimType).toBeUndefined();
  expect(res.body.detail).toMatch(/database/i);
}

beforeAll(async () => {
  [build, pg] = await Promise.all([buildApp(), OwnPostgres.create()]);
  // The database exists but its server is down: what start-up waits for. A missing database is
  // not waited for (it never appears by itself).
  await pg.start();
  await createDatabaseIfMissing(pg.serverUrl, "rolebridge");
  await pg.stop();
});
afterAll(async () => {
  server?.kill();
  await pg?.remove();
  await build?.remove();
});

describe("database outage", () => {
  it("start-up waits for a database that is not there yet, with a clear log line, and comes up once it is", async () => {
    server = startBuiltServer(build, pg.databaseUrl("rolebridge"), { LOG_LEVEL: "info" });
    await server.waitForLine(/waiting for the database at postgres:\/\/rolebridge:\*\*\*@127\.0\.0\.1:\d+\/rolebridge \(attempt 2\)/, 30_000);
    // Waiting, not crashing in a loop: the same process is still there, and no password is logged.
    expect(server.child.exitCode).toBeNull();
    expect(server.stdout()).not.toContain("rolebridge:rolebridge@");
    const waiting = jsonLines(server.stdout()).filter((l) => /^waiting for the database/.test(l.msg));
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting[0]!.msg).toMatch(/nothing accepts connections on 127\.0\.0\.1:\d+ yet/);

    await pg.start();
    demo = await demoCredentials(server, 90_000);
    expect(server.child.exitCode).toBeNull();

    const login = await call("POST", `${demo.base}/graphql`, {
      body: {
        query: "mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }",
        variables: { c: demo.company, u: demo.adminUserName, p: demo.adminPassword },
      },
    });
    token = login.body.data.login.token;
    expect(token).toBeTruthy();
  }, 150_000);

  it("while PostgreSQL is down, SCIM answers 503 + Retry-After in SCIM form and GraphQL SERVICE_UNAVAILABLE, in bounded time; afterwards the process recovers by itself", async () => {
    const before = await scim("POST", "/Users", userBody("before.outage@example.com"));
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    expect((await graphql("{ users { totalCount } }")).body.data.users.totalCount).toBeGreaterThan(0);

    // Traffic through the whole outage: 4 clients creating and reading users, each request bounded.
    let running = true;
    const seen: { status: number; phase: string }[] = [];
    let phase = "up";
    let n = 0;
    const client = async (c: number) => {
      while (running) {
        const i = n++;
        const res = i % 2 ? await scim("GET", "/Users?count=5") : await scim("POST", "/Users", userBody(`traffic.${c}.${i}@example.com`));
        seen.push({ status: res.status, phase });
        if (res.status >= 500) {
          // The server's log of an unexpected error may still be on its way through the pipe.
          if (res.status !== 503) await delay(1_000);
          expectScim503(res);
        }
        await delay(20);
      }
    };
    const clients = Promise.all([0, 1, 2, 3].map(client));
    await delay(500);

    phase = "down";
    await pg.stop();

    // Every kind of request, with each credential form, answers within the bound.
    const [list, get, create, bearer, patch, readyz, healthz, gq] = await Promise.all([
      scim("GET", "/Users"),
      scim("GET", `/Users/${before.body.id}`),
      scim("POST", "/Users", userBody("during.outage@example.com")),
      scim("GET", "/Users", undefined, `Bearer ${demo.clientId}.${demo.clientSecret}`),
      scim("PATCH", `/Users/${before.body.id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "title", value: "x" }] }),
      call("GET", `${demo.base}/readyz`),
      call("GET", `${demo.base}/healthz`),
      graphql("{ users { totalCount } }"),
    ]);
    for (const res of [list, get, create, bearer, patch]) expectScim503(res);
    expect(readyz.status).toBe(503);
    expect(readyz.body).toMatchObject({ status: "unavailable" });
    expect(healthz.status).toBe(200);
    expect(gq.body.errors?.[0]?.extensions?.code, JSON.stringify(gq.body)).toBe("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(gq.body)).not.toMatch(/ECONNREFUSED|stacktrace|at .*\.js:\d+/);

    // A burst while down: the pool's bounded acquire keeps every request from hanging.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? scim("GET", "/Users") : graphql("{ users { totalCount } }"))));
    for (const res of burst) {
      if (res.headers.get("content-type")?.startsWith("application/scim+json")) expectScim503(res);
      else expect(res.body.errors?.[0]?.extensions?.code, JSON.stringify(res.body)).toBe("SERVICE_UNAVAILABLE");
    }
    expect(server.child.exitCode).toBeNull();

    phase = "back";
    await pg.start();
    // The same process recovers by itself: no restart, no operator action.
    const deadline = Date.now() + 30_000;
    let after: Outcome | undefined;
    while (Date.now() < deadline) {
      after = await scim("GET", `/Users/${before.body.id}`);
      if (after.status === 200) break;
      await delay(250);
    }
    expect(after?.status, JSON.stringify(after?.body)).toBe(200);
    expect(after?.body.userName).toBe("before.outage@example.com");
    running = false;
    await clients;

    expect((await scim("POST", "/Users", userBody("after.outage@example.com"))).status).toBe(201);
    expect((await graphql("{ users { totalCount } }")).body.data.users.totalCount).toBeGreaterThan(1);
    expect((await call("GET", `${demo.base}/readyz`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();

    // Under traffic: requests were served before, refused with 503 during, and served again after.
    expect(seen.some((s) => s.phase === "up" && s.status < 300)).toBe(true);
    expect(seen.some((s) => s.status === 503)).toBe(true);
    expect(seen.every((s) => s.status < 500 || s.status === 503)).toBe(true);
  }, 120_000);
});
