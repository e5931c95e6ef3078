import { MikroORM } from "@mikro-orm/postgresql";
import { mkdir } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { Config } from "../config.js";
import { StartupFailure } from "../startup-failure.js";
import type { EmbeddedDatabase } from "./embedded-postgres.js";
import { runningEmbeddedPostgresUrl } from "./running-embedded-postgres.js";
import { claimDataDir } from "./data-dir-owner.js";
import { ormConfig } from "./mikro-orm.config.js";

export interface Database {
  orm: MikroORM;
  /** The URL in use, without its password (for log lines). */
  displayUrl: string;
  close(): Promise<void>;
}

export const EMBEDDED_DATABASE_NAME = "rolebridge";

/**
 * Connects to DATABASE_URL, or, without it, starts the embedded PostgreSQL under DATA_DIR and
 * creates the `rolebridge` database on first run. If a PostgreSQL already serves DATA_DIR (the CLI
 * beside a running server, or one left behind when a server was killed with SIGKILL) it is used
 * as it is, since a data directory takes one postmaster. Waits for the server rather than crashing.
 * A server (`opts.server`) first claims DATA_DIR, so two servers never share one embedded PostgreSQL.
 */
export interface OpenOptions {
  log: (line: string) => void;
  /** Set by the server, which owns DATA_DIR's embedded PostgreSQL; the CLI and scripts only use it. */
  server?: boolean;
  /** Stops waiting for the database (a signal during start-up). */
  signal?: AbortSignal;
}

export async function openDatabase(config: Config, opts: OpenOptions): Promise<Database> {
  let claim: { release(): void } | undefined;
  if (!config.DATABASE_URL && opts.server) {
    await mkdir(config.DATA_DIR, { recursive: true });
    claim = claimDataDir(config.DATA_DIR);
  }
  try {
    return await connect(config, opts, claim);
  } catch (err) {
    claim?.release();
    throw err;
  }
}

/** The database itself: DATABASE_URL, the embedded PostgreSQL already serving DATA_DIR, or a new one. */
async function connect(config: Config, opts: OpenOptions, claim: { release(): void } | undefined): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let clientUrl: string;
  if (config.DATABASE_URL) {
    clientUrl = config.DATABASE_URL;
  } else if (runningEmbeddedPostgresUrl(config.DATA_DIR, EMBEDDED_DATABASE_NAME)) {
    clientUrl = runningEmbeddedPostgresUrl(config.DATA_DIR, EMBEDDED_DATABASE_NAME)!;
    opts.log(`using the embedded PostgreSQL already running for ${config.DATA_DIR} (${redactUrl(clientUrl)})`);
  } else {
    opts.log(`starting embedded PostgreSQL in ${config.DATA_DIR}`);
    // Loaded only here: a CLI command on DATABASE_URL or beside a running server never needs it.
    const { startEmbeddedPostgres } = await import("./embedded-postgres.js");
    embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
    await createDatabaseIfMissing(embedded.url, EMBEDDED_DATABASE_NAME);
    clientUrl = withDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
  }
  try {
    await waitForDatabase(clientUrl, opts.log, opts.signal);
  } catch (err) {
    await embedded?.stop().catch(() => {});
    throw err;
  }
  const orm = await MikroORM.init(ormConfig({ clientUrl, poolMax: config.DB_POOL_MAX }));
  return {
    orm,
    displayUrl: redactUrl(clientUrl),
    async close() {
      await orm.close(true);
      await embedded?.stop();
      claim?.release();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export async function createDatabaseIfMissing(serverUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (exists.rowCount === 0) {
      const from = template ? ` template "${template}"` : "";
      await client.query(`create database "${database}"${from}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * The first connection. Only what can heal is waited for: a server that refuses connections,
 * times out or is still starting (a database container started beside rolebridge). A refused
 * password, an unknown role or database, or a host that does not resolve never heal, so start-up
 * stops at once with a line that names the problem.
 */
async function waitForDatabase(url: string, log: (line: string) => void, signal?: AbortSignal, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (err) {
      const problem = describeConnectionError(err, url);
      const password = new URL(url).password;
      if (password) problem.text = problem.text.replaceAll(decodeURIComponent(password), "***");
      if (!problem.transient) throw new StartupFailure(`cannot use the database at ${redactUrl(url)}: ${problem.text}`);
      if (Date.now() > deadline) {
        throw new StartupFailure(`the database at ${redactUrl(url)} did not answer within ${Math.round(timeoutMs / 1000)} s (${problem.text}); is PostgreSQL running there?`);
      }
      log(`waiting for the database at ${redactUrl(url)} (attempt ${attempt}): ${problem.text}`);
      await sleep(Math.min(5_000, 250 * attempt), undefined, { signal });
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** What went wrong with a first connection, in words, and whether waiting can cure it. */
function describeConnectionError(err: unknown, url: string): { text: string; transient: boolean } {
  const e = (err ?? {}) as { code?: string; message?: string };
  const { hostname, port } = new URL(url);
  const fix = "check DATABASE_URL";
  switch (e.code) {
    case "28P01":
      return { text: `the password was refused (${e.message}); ${fix}`, transient: false };
    case "28000":
      return { text: `${e.message}; ${fix}`, transient: false };
    case "3D000":
      return { text: `${e.message}; create it or ${fix}`, transient: false };
    case "ENOTFOUND":
    case "EAI_FAIL":
      return { text: `the host '${hostname}' cannot be resolved; ${fix}`, transient: false };
    case "ECONNREFUSED":
      return { text: `nothing accepts connections on ${hostname}:${port || 5432} yet`, transient: true };
    case "57P03":
      return { text: "PostgreSQL is still starting", transient: true };
    case "ETIMEDOUT":
    case "EAI_AGAIN":
    case "ECONNRESET":
      return { text: `${e.code} from ${hostname}`, transient: true };
  }
  if (/timeout/i.test(e.message ?? "")) return { text: `no answer from ${hostname}:${port || 5432} yet`, transient: true };
  return { text: `${e.message ?? String(err)}; ${fix}`, transient: false };
}
