/**
 * What every benchmark (run.ts, groups.ts, report.ts) sets up the same way: a real PostgreSQL
 * (DATABASE_URL's server, or an embedded one in a temporary directory), the migrated schema, the
 * real app listening on 127.0.0.1, a SCIM tenant, and a hard time bound on the whole run.
 */
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { MikroORM, type EntityManager } from "@mikro-orm/postgresql";
import pg from "pg";
import { loadConfig } from "../../src/config.js";
import { createDatabaseIfMissing, withDatabase } from "../../src/db/database.js";
import { startEmbeddedPostgres } from "../../src/db/embedded-postgres.js";
import { ormConfig } from "../../src/db/mikro-orm.config.js";
import { AppAccessRole } from "../../src/domain/access-roles/app-access-role.entity.js";
import { createCompanyWithDefaults } from "../../src/domain/companies/company-setup.js";
import { User } from "../../src/domain/users/user.entity.js";
import { buildRolebridgeSchema } from "../../src/graphql/schema.js";
import { createHttpApp } from "../../src/http/app.js";
import { createLogger } from "../../src/http/logger.js";
import { createServices, type Services } from "../../src/services.js";

export interface BenchApp {
  orm: MikroORM;
  services: Services;
  /** The benchmark's own database, for seeding and raw-SQL comparisons through pg. */
  databaseUrl: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Stops the server, the ORM and the database; never throws. */
  close(): Promise<void>;
}

/**
 * Starts the database, migrates it and serves the real app (production mode, silent logs) on a
 * free port of 127.0.0.1. `poolMax` is the ORM's pool and the config's DB_POOL_MAX alike.
 */
export async function startBenchApp({ poolMax }: { poolMax: number }): Promise<BenchApp> {
  const env = await startDatabase();
  const orm = await MikroORM.init(ormConfig({ clientUrl: env.databaseUrl, poolMax }));
  let stopServer = async () => {};
  const close = async () => {
    await stopServer().catch(() => {});
    await orm.close(true).catch(() => {});
    await env.stop().catch(() => {});
  };
  try {
    console.log("migrating…");
    await orm.migrator.up();
    const config = loadConfig({ LOG_LEVEL: "silent", NODE_ENV: "production", DATABASE_URL: env.databaseUrl, DB_POOL_MAX: String(poolMax) });
    const services = createServices(orm, config);
    const http = await createHttpApp(services, await buildRolebridgeSchema(), createLogger("silent"));
    const server: Server = await new Promise((resolve) => {
      const s = http.app.listen(0, "127.0.0.1", () => resolve(s));
    });
    stopServer = async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await http.stop();
    };
    return { orm, services, databaseUrl: env.databaseUrl, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A company with SCIM on, a service account holding "SCIM Provisioner" and its app password. */
export async function setUpScimTenant(em: EntityManager, services: Services): Promise<{ companyId: string; authorization: string }> {
  return em.transactional(async (tx) => {
    const company = createCompanyWithDefaults(tx, { slug: `bench-${randomBytes(3).toString("hex")}`, name: "Bench", scimEnabled: true });
    await tx.flush();
    const role = await tx.findOneOrFail(AppAccessRole, { company: company.id, name: "SCIM Provisioner" }, { filters: false });
    const account = tx.create(User, { company: company.id, userName: "scim@bench.example", isServiceAccount: true } as never);
    account.directAppAccessRoles.add(role);
    await tx.flush();
    const generated = await services.appPasswords.generateForAccount(tx, account, "bench", { name: "cli" });
    return { companyId: company.id, authorization: `Bearer ${generated.bearerToken}` };
  });
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
