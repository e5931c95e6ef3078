/**
 * How every benchmark serves the real app: production mode, silent logs, on a free port of
 * 127.0.0.1, over an ORM the caller opened. Used in process (harness.ts, for groups and report)
 * and in the server child (server-process.ts, for users and profile), so both serve the same app.
 * Imports nothing of embedded PostgreSQL, so the child registers none of its exit hooks.
 */
import "reflect-metadata";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { MikroORM } from "@mikro-orm/postgresql";
import { loadConfig } from "../../src/config.js";
import { buildRolebridgeSchema } from "../../src/graphql/schema.js";
import { createHttpApp } from "../../src/http/app.js";
import { createLogger } from "../../src/http/logger.js";
import { createServices, type Services } from "../../src/services.js";

export interface ServedApp {
  services: Services;
  port: number;
  /** Closes every connection, the HTTP server and the app's own resources (not the ORM). */
  stop(): Promise<void>;
}

/** `poolMax` is the config's DB_POOL_MAX; the caller opened `orm` with the same pool size. */
export async function serveApp(orm: MikroORM, databaseUrl: string, poolMax: number): Promise<ServedApp> {
  const config = loadConfig({ LOG_LEVEL: "silent", NODE_ENV: "production", DATABASE_URL: databaseUrl, DB_POOL_MAX: String(poolMax) });
  const services = createServices(orm, config);
  const http = await createHttpApp(services, await buildRolebridgeSchema(), createLogger("silent"));
  const server: Server = await new Promise((resolve) => {
    const s = http.app.listen(0, "127.0.0.1", () => {
      services.issuer.listeningOn(`http://127.0.0.1:${(s.address() as { port: number }).port}`);
      resolve(s);
    });
  });
  return {
    services,
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await http.stop();
    },
  };
}
