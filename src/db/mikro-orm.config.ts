import { defineConfig, type PostgreSqlDriver } from "@mikro-orm/postgresql";
import type { Options } from "@mikro-orm/core";
import { entities } from "../domain/entities.js";

export interface DatabaseOptions {
  /** postgres://… URL including the database name. */
  clientUrl: string;
  poolMax?: number;
  debug?: boolean;
}

/**
 * The one ORM configuration (app, CLI, migrations, tests). The migrator and the migrations it
 * runs (listed explicitly in migrations/index.ts, so the same code runs compiled by swc and under
 * vitest) are loaded by db/migrate.ts only when a migration is pending.
 */
export function ormConfig(options: DatabaseOptions): Options<PostgreSqlDriver> {
  return defineConfig({
    clientUrl: options.clientUrl,
    entities,
    // Bounded waits: while PostgreSQL is down a request fails in seconds with 503,
    // rather than hanging on a connection that will never come.
    pool: { min: 0, max: options.poolMax ?? 10, acquireTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
    driverOptions: { connection: { connectionTimeoutMillis: 3_000, statement_timeout: 30_000, query_timeout: 35_000 } },
    debug: options.debug ?? false,
    // A forgotten populate must fail loudly rather than lazily issue a query per row.
    forceUndefined: false,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
    migrations: {
      tableName: "mikro_orm_migrations",
      path: "./migrations",
      pathTs: "./migrations",
      snapshot: true,
      snapshotName: ".snapshot-rolebridge",
      transactional: true,
      allOrNothing: true,
      emit: "ts",
      silent: true,
    },
    schemaGenerator: { disableForeignKeys: false },
  });
}
