/**
 * Composition root: config → database (embedded PostgreSQL or DATABASE_URL) → migrations →
 * services → GraphQL schema → HTTP → graceful shutdown on SIGINT/SIGTERM.
 */
import "reflect-metadata";
import type { Server } from "node:http";
import { loadConfig } from "./config.js";
import { openDatabase } from "./db/database.js";
import { applyMigrations } from "./db/migrate.js";
import { setUpDemoIfEmpty } from "./first-run.js";
import { buildRolebridgeSchema } from "./graphql/schema.js";
import { createHttpApp } from "./http/app.js";
import { createLogger } from "./http/logger.js";
import { createServices } from "./services.js";

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const db = await openDatabase(config, { log: (line) => log.info(line) });
const applied = await applyMigrations(db.orm);
if (applied.length) log.info({ applied }, "applied migrations");
const services = createServices(db.orm, config);
const schema = await buildRolebridgeSchema();
const http = await createHttpApp(services, schema, log);
const demo = await setUpDemoIfEmpty(db.orm.em.fork());

const server: Server = await new Promise((resolve) => {
  const s = http.app.listen(config.PORT, config.HOST, () => resolve(s));
});
const address = server.address();
const port = typeof address === "object" && address ? address.port : config.PORT;
const base = (config.PUBLIC_BASE_URL ?? `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`).replace(/\/$/, "");

// These lines are the product's first-run interface (issue 2 §6): plain stdout, one per line.
console.log(`GraphQL URL: ${base}/graphql`);
console.log(`SCIM base URL: ${base}/scim/v2`);
if (demo) {
  console.log(`Admin login: ${demo.company} / ${demo.adminUserName} / ${demo.adminPassword}`);
  console.log(`Client ID: ${demo.clientId}`);
  console.log(`Client Secret: ${demo.clientSecret}`);
  console.log(`Bearer token (for IdPs that take one secret token): ${demo.bearerToken}`);
  console.log("The Client Secret is shown this once; it is stored only as a hash.");
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections?.();
  await http.stop();
  await db.close();
  log.info("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
