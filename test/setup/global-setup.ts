import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import "reflect-metadata";
import { MikroORM } from "@mikro-orm/postgresql";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDatabaseIfMissing, withDatabase } from "../../src/db/database.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../src/db/embedded-postgres.js";
import { ormConfig } from "../../src/db/mikro-orm.config.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the PostgreSQL server's maintenance database. */
    pgServerUrl: string;
    /** Name of the migrated template database that each test file clones. */
    templateDatabase: string;
    /** Prefix of this run's databases (several runs may share a DATABASE_URL server). */
    runPrefix: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * One PostgreSQL per run: the embedded one in a temporary directory, or the server of
 * DATABASE_URL. Migrations run once into a template database; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = withDatabase(process.env.DATABASE_URL, "postgres");
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "rolebridge-test-"));
    // As root, PostgreSQL runs as an unprivileged user that must be able to enter this directory.
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres(dataDir, await freePort());
    serverUrl = embedded.url;
  }
  const runPrefix = `rbt_${process.pid}_${Date.now().toString(36)}`;
  const templateDatabase = `${runPrefix}_template`;
  await createDatabaseIfMissing(serverUrl, templateDatabase);
  const orm = await MikroORM.init(ormConfig({ clientUrl: withDatabase(serverUrl, templateDatabase) }));
  await applyMigrations(orm);
  await orm.close(true);

  project.provide("pgServerUrl", serverUrl);
  project.provide("templateDatabase", templateDatabase);
  project.provide("runPrefix", runPrefix);

  return async () => {
    if (embedded) {
      await embedded.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      return;
    }
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const dbs = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${runPrefix}%`]);
    for (const { datname } of dbs.rows) await client.query(`drop database if exists "${datname}" with (force)`);
    await client.end();
  };
}
