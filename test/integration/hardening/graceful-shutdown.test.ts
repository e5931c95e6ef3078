import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Build, buildApp, type Spawned } from "../../setup/build.js";
import { cloneTemplateDatabase } from "../../setup/db.js";
import { demoCredentials, startBuiltServer, userBody } from "./helpers.js";

/**
 * Issue 7 §6: SIGTERM lets every request the server has accepted finish with a complete response,
 * refuses new connections, and exits 0. The requests in flight are made deterministic with
 * `Expect: 100-continue`: the server's "100 Continue" proves it has taken the request, and its
 * body is sent only after the server has logged that it is shutting down.
 */
let build: Build;
let databaseUrl: string;
let db: pg.Client;
let server: Spawned;

beforeAll(async () => {
  [build, databaseUrl] = await Promise.all([buildApp(), cloneTemplateDatabase()]);
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  server?.kill();
  await db?.end();
  await build?.remove();
});

interface Held {
  /** Resolves when the server has answered 100 Continue: it has accepted the request. */
  accepted: Promise<void>;
  /** Sends the body. */
  finish(): void;
  response: Promise<{ status: number; body: any }>;
}

/** A SCIM create whose body waits until finish(), over its own connection. */
function heldCreate(base: string, authorization: string, userName: string): Held {
  const url = new URL(`${base}/scim/v2/Users`);
  const payload = JSON.stringify(userBody(userName));
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: "POST",
    agent: false,
    headers: { authorization, "content-type": "application/scim+json", "content-length": Buffer.byteLength(payload), expect: "100-continue" },
  });
  const accepted = new Promise<void>((resolve, reject) => {
    req.once("continue", () => resolve());
    req.once("error", reject);
  });
  const response = new Promise<{ status: number; body: any }>((resolve, reject) => {
    req.once("response", (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.once("end", () => {
        try {
          resolve({ status: res.statusCode!, body: JSON.parse(text) });
        } catch (err) {
          reject(new Error(`incomplete response body (${text.length} bytes): ${(err as Error).message}`));
        }
      });
      res.once("error", reject);
    });
    req.once("error", reject);
  });
  req.flushHeaders();
  return { accepted, finish: () => req.end(payload), response };
}

/** GET over a connection of its own (no keep-alive pool). */
function newConnectionGet(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(target, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.once("error", reject);
    req.once("timeout", () => req.destroy(new Error("timeout")));
  });
}

describe("graceful shutdown", () => {
  it("SIGTERM: requests already accepted complete with their full response, new connections are refused, and the process exits 0", async () => {
    server = startBuiltServer(build, databaseUrl, { LOG_LEVEL: "info" });
    const demo = await demoCredentials(server);

    const held = Array.from({ length: 4 }, (_, i) => heldCreate(demo.base, demo.basic, `inflight.${i}@example.com`));
    await Promise.all(held.map((h) => h.accepted));
    // Four clients creating users back to back, each until its first connection error, so ordinary
    // requests are in flight when the signal arrives.
    let acknowledged = 0;
    const burst = Array.from({ length: 4 }, async (_, c) => {
      const out: { userName: string; status: number; body?: { id?: string }; failure?: string }[] = [];
      for (let i = 0; ; i++) {
        const userName = `burst.${c}.${i}@example.com`;
        let res: Response;
        try {
          res = await fetch(`${demo.base}/scim/v2/Users`, {
            method: "POST",
            headers: { authorization: demo.basic, "content-type": "application/scim+json" },
            body: JSON.stringify(userBody(userName)),
            signal: AbortSignal.timeout(15_000),
          });
        } catch (err) {
          // No connection, or one closed before the request was taken: the server stopped listening.
          out.push({ userName, status: 0, failure: String((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message) });
          return out;
        }
        const text = await res.text();
        try {
          out.push({ userName, status: res.status, body: JSON.parse(text) });
          acknowledged++;
        } catch {
          out.push({ userName, status: res.status, failure: `incomplete body: ${text.slice(0, 100)}` });
        }
      }
    });
    while (acknowledged < 8) await new Promise((r) => setTimeout(r, 10));

    server.child.kill("SIGTERM");
    await server.waitForLine(/"msg":"shutting down"/, 10_000);
    // Listening has stopped: a new connection (not one of fetch's pooled ones) is not served. It is
    // refused, or reset if the kernel completed its handshake just before the listening socket closed.
    const refused = await newConnectionGet(`${demo.base}/healthz`).then(
      (status) => `served with ${status}`,
      (err: NodeJS.ErrnoException) => err.code,
    );
    expect(["ECONNREFUSED", "ECONNRESET"]).toContain(refused);

    for (const h of held) h.finish();
    const done = await Promise.all(held.map((h) => h.response));
    for (const [i, res] of done.entries()) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.userName).toBe(`inflight.${i}@example.com`);
    }
    const burstResults = (await Promise.all(burst)).flat();
    expect(await server.exited(30_000)).toBe(0);
    expect(server.stdout()).toMatch(/"msg":"stopped"/);

    // Every answer the burst got is complete and a 201 (no 5xx, no cut-off body); each was committed.
    const answered = burstResults.filter((r) => r.status !== 0);
    expect(answered.length).toBeGreaterThanOrEqual(8);
    for (const r of answered) expect(r, JSON.stringify(r)).toMatchObject({ status: 201, body: { id: expect.any(String) } });
    const ids = [...done.map((r) => r.body!.id as string), ...answered.map((r) => r.body!.id!)];
    const rows = await db.query("select id::text from user_account where id = any($1::uuid[])", [ids]);
    expect(rows.rows).toHaveLength(ids.length);
    // A burst request that got no answer was never taken by the server (refused, or sent down a
    // connection as the server closed it idle): it created nothing. One that was taken and then
    // cut off would have left its user behind without an answer.
    const unanswered = burstResults.filter((r) => r.status === 0).map((r) => r.userName);
    expect(unanswered.length).toBeGreaterThan(0);
    const orphans = await db.query("select user_name from user_account where user_name = any($1::text[])", [unanswered]);
    expect(orphans.rows).toEqual([]);
  }, 150_000);
});
