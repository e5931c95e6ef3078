import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { withDatabase } from "../../../src/db/database.js";
import { type Build, buildApp, type Spawned, spawnNode } from "../../setup/build.js";
import { cloneTemplateDatabase } from "../../setup/db.js";
import { baseUrlOf, freePort } from "./helpers.js";

/**
 * What an operator sees when start-up cannot go on: the built server as a child process, its
 * output and its exit code. Each failure is one line naming the problem and the setting to
 * change, exit code 1, and no URL printed; a signal during start-up is a clean stop (exit 0).
 */
let build: Build;
let databaseUrl: string;
const spawned: Spawned[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [build, databaseUrl] = await Promise.all([buildApp(), cloneTemplateDatabase()]);
});
afterAll(async () => {
  for (const s of spawned) s.kill();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await build?.remove();
});

function startServer(env: Record<string, string>): Spawned {
  const server = spawnNode(path.join(build.dir, "src", "main.js"), [], { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env });
  spawned.push(server);
  return server;
}

/** A TCP port held by something else for the rest of the file. */
async function takenPort(): Promise<number> {
  const holder: Server = createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => holder.close(() => resolve())));
  return (holder.address() as { port: number }).port;
}

/** A DATA_DIR the embedded PostgreSQL's unprivileged OS user can reach, removed after the file. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "rolebridge-start-"));
  await chmod(dir, 0o755);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return path.join(dir, "data");
}

/** Stops a PostgreSQL left running in a DATA_DIR (by a server killed with SIGKILL). */
function stopOrphanPostgres(dir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    if (pid > 0) process.kill(pid, "SIGINT");
  } catch {
    // nothing left running
  }
}

async function expectRefusedStart(server: Spawned, line: RegExp): Promise<string> {
  expect(await server.exited(30_000)).toBe(1);
  const stderr = server.stderr();
  expect(stderr, stderr).toMatch(line);
  expect(stderr).not.toMatch(/triggerUncaughtException|ReferenceError|\n\s+at /);
  expect(server.stdout()).not.toContain("GraphQL URL");
  return stderr;
}

function healthz(base: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${base}/healthz`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    }).once("error", reject);
  });
}

describe("start-up that cannot go on says why, in one line, and exits 1", () => {
  it("PORT in use: names the port and what to do, before any URL", async () => {
    const port = await takenPort();
    const server = startServer({ DATABASE_URL: databaseUrl, PORT: String(port) });
    await expectRefusedStart(server, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use.*set PORT`));
  });

  it("the embedded PostgreSQL's port in use: names the port and EMBEDDED_PG_PORT", async () => {
    const port = await takenPort();
    const server = startServer({ DATA_DIR: await dataDir(), EMBEDDED_PG_PORT: String(port) });
    await expectRefusedStart(server, new RegExp(`port ${port} of the embedded PostgreSQL is in use.*EMBEDDED_PG_PORT`));
  });

  it("a role that does not exist, a database that does not exist, a host that does not resolve: at once, without waiting", async () => {
    const server = new URL(inject("pgServerUrl"));
    // With password authentication PostgreSQL does not say whether the role exists (the embedded one); with trust it does.
    const cases: [string, RegExp][] = [
      [Object.assign(new URL(databaseUrl), { username: "no_such_role_here" }).toString(), /(role "no_such_role_here" does not exist|password authentication failed for user "no_such_role_here").*check DATABASE_URL/],
      [withDatabase(server.toString(), "no_such_database_here"), /database "no_such_database_here" does not exist.*check DATABASE_URL/],
      ["postgres://someone:secret@no-such-host.invalid:5432/db", /the host 'no-such-host\.invalid' cannot be resolved; check DATABASE_URL/],
    ];
    const started = Date.now();
    for (const [url, line] of cases) {
      const stderr = await expectRefusedStart(startServer({ DATABASE_URL: url }), line);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    }
    // Retrying would take 60 s for each; none of them can heal.
    expect(Date.now() - started).toBeLessThan(45_000);
  });

  it("a refused password: says so, and never prints the password", async (ctx) => {
    const url = new URL(databaseUrl);
    url.password = "not-the-password-4711";
    // A server with trust authentication (a developer's local PostgreSQL) accepts any password.
    const probe = new pg.Client({ connectionString: url.toString() });
    const accepted = await probe.connect().then(() => true, () => false);
    await probe.end().catch(() => {});
    if (accepted) ctx.skip();
    const server = startServer({ DATABASE_URL: url.toString() });
    const stderr = await expectRefusedStart(server, /the password was refused.*check DATABASE_URL/);
    expect(stderr + server.stdout()).not.toContain("not-the-password-4711");
  });

  it.skipIf(process.getuid?.() !== 0)("as root, a DATA_DIR under a folder the database user cannot enter: names the folder and both fixes", async () => {
    const closed = await mkdtemp(path.join(os.tmpdir(), "rolebridge-closed-"));
    cleanups.push(() => rm(closed, { recursive: true, force: true }));
    const server = startServer({ DATA_DIR: path.join(closed, "data"), EMBEDDED_PG_PORT: String(await freePort()) });
    await expectRefusedStart(server, new RegExp(`cannot enter ${closed}: set DATA_DIR to a folder outside it.*chmod o\\+x ${closed}`));
  });
});

describe("a signal during start-up stops cleanly", () => {
  it("Ctrl+C while waiting for a database that is not up yet: exit 0 at once", async () => {
    const server = startServer({ DATABASE_URL: `postgres://rolebridge:rolebridge@127.0.0.1:${await freePort()}/rolebridge` });
    await server.waitForLine(/waiting for the database/, 20_000);
    server.child.kill("SIGINT");
    expect(await server.exited(10_000)).toBe(0);
    expect(server.stderr()).toBe("");
  });

  it("Ctrl+C while the embedded PostgreSQL starts: exit 0, and the PostgreSQL is stopped", async () => {
    const dir = await dataDir();
    const server = startServer({ DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()) });
    cleanups.push(async () => stopOrphanPostgres(dir));
    await server.waitForLine(/starting embedded PostgreSQL/, 20_000);
    server.child.kill("SIGINT");
    expect(await server.exited(60_000)).toBe(0);
    expect(server.stderr()).not.toMatch(/ReferenceError|triggerUncaughtException/);
    // postmaster.pid is removed by PostgreSQL when it has stopped.
    expect(() => readFileSync(path.join(dir, "pg", "postmaster.pid"))).toThrow();
  });
});

describe("one DATA_DIR, one server", () => {
  it("a second server on the same DATA_DIR is refused with the owner's PID; the first keeps serving; a crashed owner's DATA_DIR is taken over", async () => {
    const dir = await dataDir();
    const env = { DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: "warn" };
    cleanups.push(async () => stopOrphanPostgres(dir));
    const first = startServer(env);
    const base = await baseUrlOf(first, 120_000);

    const second = startServer(env);
    await expectRefusedStart(second, new RegExp(`DATA_DIR ${dir} belongs to the rolebridge server with PID ${first.child.pid}: stop it first`));
    expect(await healthz(base)).toBe(200);

    // A crash leaves the claim and the PostgreSQL behind; the next server takes both over.
    first.child.kill("SIGKILL");
    await first.exited(10_000);
    const third = startServer(env);
    const thirdBase = await baseUrlOf(third, 120_000);
    expect(await healthz(thirdBase)).toBe(200);
    third.child.kill("SIGTERM");
    expect(await third.exited(30_000)).toBe(0);
  });
});
