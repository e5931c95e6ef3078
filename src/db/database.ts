import { MikroORM } from "@mikro-orm/postgresql";
import pg from "pg";
import type { Config } from "../config.js";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "./embedded-postgres.js";
import { runningEmbeddedPostgresUrl } from "./running-embedded-postgres.js";
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
 */
export async function openDatabase(config: Config, opts: { log: (line: string) => void }): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let clientUrl: string;
  if (config.DATABASE_URL) {
    clientUrl = config.DATABASE_URL;
  } else if (runningEmbeddedPostgresUrl(config.DATA_DIR, EMBEDDED_DATABASE_NAME)) {
    clientUrl = runningEmbeddedPostgresUrl(config.DATA_DIR, EMBEDDED_DATABASE_NAME)!;
    opts.log(`using the embedded PostgreSQL already running for ${config.DATA_DIR} (${redactUrl(clientUrl)})`);
  } else {
    opts.log(`starting embedded PostgreSQL in ${config.DATA_DIR}`);
    embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
    await createDatabaseIfMissing(embedded.url, EMBEDDED_DATABASE_NAME);
    clientUrl = withDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
  }
  await waitForDatabase(clientUrl, opts.log);
  const orm = await MikroORM.init(ormConfig({ clientUrl, poolMax: config.DB_POOL_MAX }));
  return {
    orm,
    displayUrl: redactUrl(clientUrl),
    async close() {
      await orm.close(true);
      await embedded?.stop();
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

/** Retries the first connection with a clear log line, so starting before the database is up is not a crash. */
async function waitForDatabase(url: string, log: (line: string) => void, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      log(`waiting for the database at ${redactUrl(url)} (attempt ${attempt}): ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * attempt)));
    } finally {
      await client.end().catch(() => {});
    }
  }
}
