/**
 * What every benchmark (run.ts, groups.ts, report.ts, profile.ts) sets up the same way: a real
 * PostgreSQL (DATABASE_URL's server, or an embedded one in a temporary directory), the migrated
 * schema, the real app listening on 127.0.0.1 (in this process, or in a child of its own), a SCIM
 * tenant, and a hard time bound on the whole run.
 */
import "reflect-metadata";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { MikroORM, type EntityManager } from "@mikro-orm/postgresql";
import pg from "pg";
import { loadConfig } from "../../src/config.js";
import { createDatabaseIfMissing, withDatabase } from "../../src/db/database.js";
import { startEmbeddedPostgres } from "../../src/db/embedded-postgres.js";
import { ormConfig } from "../../src/db/mikro-orm.config.js";
import { systemScope } from "../../src/domain/scope.js";
import { createServices, type Services } from "../../src/services.js";
import { serveApp } from "./serve.js";
import { applyMigrations } from "../../src/db/migrate.js";

export interface BenchDatabase {
  /** The bench process's own ORM over the benchmark's database (tenant set-up, not serving). */
  orm: MikroORM;
  /** The app's services over `orm`, for set-up only (app passwords, tokens). */
  services: Services;
  /** The benchmark's own database, for seeding, raw-SQL comparisons through pg and the server child. */
  databaseUrl: string;
  /** Closes the ORM and stops (or drops) the database; never throws. */
  close(): Promise<void>;
}

export interface BenchApp extends BenchDatabase {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Stops the server, the ORM and the database; never throws. */
  close(): Promise<void>;
}

/**
 * Starts the database (DATABASE_URL's server or an embedded one), migrates it and opens an ORM of
 * `poolMax` connections over it in this process, without serving anything.
 */
export async function startBenchDatabase({ poolMax }: { poolMax: number }): Promise<BenchDatabase> {
  const env = await startDatabase();
  let orm: MikroORM | undefined;
  const close = async () => {
    await orm?.close(true).catch(() => {});
    await env.stop().catch(() => {});
  };
  try {
    orm = await MikroORM.init(ormConfig({ clientUrl: env.databaseUrl, poolMax }));
    console.log("migrating…");
    await applyMigrations(orm);
    const config = loadConfig({ LOG_LEVEL: "silent", NODE_ENV: "production", DATABASE_URL: env.databaseUrl, DB_POOL_MAX: String(poolMax) });
    return { orm, services: createServices(orm, config), databaseUrl: env.databaseUrl, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The database as startBenchDatabase, and the real app served in this process (serve.ts) on a
 * free port of 127.0.0.1. `poolMax` is the ORM's pool and the config's DB_POOL_MAX alike. The
 * groups and report benchmarks use it; `users` and `profile` serve from a child (startServerProcess).
 */
export async function startBenchApp({ poolMax }: { poolMax: number }): Promise<BenchApp> {
  const db = await startBenchDatabase({ poolMax });
  try {
    const served = await serveApp(db.orm, db.databaseUrl, poolMax);
    return {
      ...db,
      services: served.services,
      origin: `http://127.0.0.1:${served.port}`,
      close: async () => {
        await served.stop().catch(() => {});
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  origin: string;
  pid: number;
  /**
   * The child's monotonic clock (µs, the clock of its --cpu-prof timestamps) and its CPU time
   * (user + system, and each, µs), read by the child itself when asked.
   */
  probe(label: string): Promise<{ hrtimeUs: number; cpuUs: number; userUs: number; systemUs: number }>;
  /** SIGTERM, then waits for the exit (SIGKILL after 20 s); resolves with how it ended. Never throws. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const SERVER_ENTRY = fileURLToPath(new URL("./server-process.js", import.meta.url));
const SERVER_START_MS = 60_000;
const SERVER_STOP_MS = 20_000;

/**
 * Starts the real app in a child process (server-process.ts) over `databaseUrl`, which must be
 * migrated already (`server`: the app, or the framework-free server of framework-free.ts). `nodeArgs`
 * go before the entry (`--cpu-prof`, …). The child's stderr is this
 * process's; it is killed if this process exits first (the hard time limit included).
 */
export async function startServerProcess(
  databaseUrl: string,
  { poolMax, nodeArgs = [], server = "app" }: { poolMax: number; nodeArgs?: string[]; server?: "app" | "framework-free" },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DB_POOL_MAX: String(poolMax), BENCH_SERVER: server },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      process.off("exit", killOnExit);
      resolve({ code, signal });
    }),
  );
  child.stdin.on("error", () => {});
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  let onPort: ((port: number) => void) | undefined;
  createInterface({ input: child.stdout }).on("line", (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line);
    } catch {
      // Not one of the child's messages: something in the app wrote to stdout.
      console.error(`[server] ${line}`);
      return;
    }
    if (typeof message.port === "number") onPort?.(message.port);
    else if ("probe" in message) waiting.shift()?.(message);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), SERVER_STOP_MS);
    const how = await exited;
    clearTimeout(timer);
    return how;
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const port = await Promise.race([
      new Promise<number>((resolve) => (onPort = resolve)),
      exited.then(({ code, signal }) => Promise.reject(new Error(`the server process exited while starting (code ${code}, signal ${signal})`))),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("the server process did not start in time")), SERVER_START_MS))),
    ]);
    return {
      origin: `http://127.0.0.1:${port}`,
      pid: child.pid!,
      probe: async (label) => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error("the server process has exited");
        const answer = new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve));
        child.stdin.write(`${label.replace(/\n/g, " ")}\n`);
        const m = await Promise.race([
          answer,
          exited.then(() => Promise.reject(new Error("the server process exited before answering a probe"))),
        ]);
        const cpu = m.cpuUs as { user: number; system: number };
        return { hrtimeUs: m.hrtimeUs as number, cpuUs: cpu.user + cpu.system, userUs: cpu.user, systemUs: cpu.system };
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** A company with SCIM on, a service account holding "SCIM Provisioner" and its app password. */
export async function setUpScimTenant(em: EntityManager, services: Services): Promise<{ companyId: string; authorization: string; clientId: string }> {
  const slug = `bench-${randomBytes(3).toString("hex")}`;
  const company = await services.companies.createCompany(systemScope(em, "cli"), { slug, name: "Bench", scimEnabled: true });
  const inCompany = systemScope(em, "cli", company.id);
  const { user } = await services.accounts.createServiceAccount(inCompany, { userName: "scim@bench.example" });
  const generated = await services.appPasswords.generate(inCompany, "bench", user.userName);
  return { companyId: company.id, authorization: `Bearer ${generated.bearerToken}`, clientId: generated.appPassword.clientId };
}

/**
 * A pg pool of this process (seeding, raw SQL). pool.end() does not wait for its clients to say
 * goodbye: when the database stops right after, an idle client still closing hears PostgreSQL's
 * "terminating connection" and the pool re-emits it, which with no listener ends the run with an
 * uncaught error after all the work is done. Such errors are ignored; a query's own errors still reject.
 */
export function openPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on("error", () => {});
  return pool;
}

/** Exits the process with status 2 after `ms`, whatever happens; call the returned function to disarm. */
export function withHardLimit(ms: number): () => void {
  const hardStop = setTimeout(() => {
    console.error("benchmark exceeded its time bound; stopping");
    process.exit(2);
  }, ms);
  // The bound must not itself keep a finished run alive.
  hardStop.unref();
  return () => clearTimeout(hardStop);
}

async function startDatabase(): Promise<{ databaseUrl: string; stop(): Promise<void> }> {
  const name = `rolebridge_bench_${randomBytes(4).toString("hex")}`;
  if (process.env.DATABASE_URL) {
    const server = withDatabase(process.env.DATABASE_URL, "postgres");
    await createDatabaseIfMissing(server, name);
    return {
      databaseUrl: withDatabase(server, name),
      stop: async () => {
        const client = new pg.Client({ connectionString: server });
        await client.connect();
        await client.query(`drop database if exists "${name}" with (force)`);
        await client.end();
      },
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rolebridge-bench-"));
  await chmod(dataDir, 0o755);
  console.log(`starting embedded PostgreSQL in ${dataDir}…`);
  const embedded = await startEmbeddedPostgres(dataDir, await freePort());
  await createDatabaseIfMissing(embedded.url, name);
  return {
    databaseUrl: withDatabase(embedded.url, name),
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface LoadStats {
  /** Operations that succeeded. */
  ops: number;
  seconds: number;
  /** ms */
  p50: number;
  p99: number;
  errors: number;
  /** The first failure's message, when there were errors. */
  firstError?: string;
}

/** Runs `op` from `clients` concurrent loops until `count` operations have started or `seconds` have passed. */
export async function runLoad(clients: number, count: number, seconds: number, op: () => Promise<unknown>): Promise<LoadStats> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (started < count && performance.now() < deadline) {
        started++;
        const s = performance.now();
        try {
          await op();
          latencies.push(performance.now() - s);
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { ops: latencies.length, seconds: elapsed, p50: q(0.5), p99: q(0.99), errors, firstError };
}
