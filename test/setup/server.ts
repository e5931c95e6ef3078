import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import "reflect-metadata";
import type { Options } from "@mikro-orm/core";
import { MikroORM, type PostgreSqlDriver } from "@mikro-orm/postgresql";
import type { GraphQLSchema } from "graphql";
import type { DestinationStream } from "pino";
import { loadConfig } from "../../src/config.js";
import { ormConfig } from "../../src/db/mikro-orm.config.js";
import { buildRolebridgeSchema } from "../../src/graphql/schema.js";
import { createHttpApp } from "../../src/http/app.js";
import { createLogger } from "../../src/http/logger.js";
import { createServices, type Services } from "../../src/services.js";
import { cloneTemplateDatabase } from "./db.js";

export interface TestApp {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  orm: MikroORM;
  services: Services;
  databaseUrl: string;
  close(): Promise<void>;
}

let schemaPromise: Promise<GraphQLSchema> | undefined;

/**
 * The real application on a free 127.0.0.1 port, over this file's own database. Pass
 * `databaseUrl` to start a second instance on the same database.
 */
export async function startTestApp(
  options: {
    databaseUrl?: string;
    env?: Record<string, string>;
    /** Overrides of the ORM configuration, e.g. an `onQuery` hook that records every SQL statement the app runs. */
    ormOptions?: Partial<Options<PostgreSqlDriver>>;
    /** Where the app's pino log goes (e.g. a stream a test reads); pass env LOG_LEVEL to see more than "silent". */
    logDestination?: DestinationStream;
  } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await cloneTemplateDatabase());
  const config = loadConfig({ LOG_LEVEL: "silent", NODE_ENV: "test", ...options.env, DATABASE_URL: databaseUrl });
  const orm = await MikroORM.init({ ...ormConfig({ clientUrl: databaseUrl, poolMax: 10 }), ...options.ormOptions });
  const log = createLogger(config.LOG_LEVEL, options.logDestination);
  const services = createServices(orm, config, {
    // A batch of provisioning events the database refused is a bug a test must see.
    onRecordError: (err) => {
      console.error("could not write a batch of provisioning events", err);
    },
  });
  schemaPromise ??= buildRolebridgeSchema();
  const http = await createHttpApp(services, await schemaPromise, log);
  const server: Server = await new Promise((resolve) => {
    const s = http.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  services.issuer.listeningOn(`http://127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}`,
    orm,
    services,
    databaseUrl,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await http.stop();
      await orm.close(true);
    },
  };
}
