/**
 * The app under test in a process of its own (`node dist/test/bench/server-process.js`), started
 * by harness.ts's startServerProcess, so the load generator's CPU and event loop are not charged
 * to the server. It serves the app exactly as the in-process harness does (serve.ts) over the
 * already migrated database named by DATABASE_URL, with DB_POOL_MAX connections (default 20);
 * with BENCH_SERVER=framework-free, the framework-free server of framework-free.ts instead.
 *
 * stdout: one JSON line `{"port": n}` once listening on 127.0.0.1; then one JSON line per probe.
 * stdin: each line is a probe; the answer is `{"probe": <line>, "hrtimeUs": n, "cpuUs": {user, system}}`,
 *   this process's monotonic clock (the clock of a --cpu-prof profile's timestamps) and CPU time.
 *   End of stdin means the bench process is gone: stop as on SIGTERM.
 * SIGTERM or SIGINT: close HTTP connections, the app and the ORM, then exit 0. The exit goes through
 *   process.exit, which (unlike dying of the signal) lets `node --cpu-prof` write its profile.
 */
import "reflect-metadata";
import { createInterface } from "node:readline";
import { MikroORM } from "@mikro-orm/postgresql";
import { ormConfig } from "../../src/db/mikro-orm.config.js";
import { serveFrameworkFree } from "./framework-free.js";
import { serveApp, type ServedApp } from "./serve.js";

const SHUTDOWN_TIMEOUT_MS = 15_000;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("server-process: DATABASE_URL is required");
  process.exit(2);
}
const poolMax = Number(process.env.DB_POOL_MAX ?? 20);

let stopping = false;
let orm: MikroORM | undefined;
/** The app (serve.ts) or the framework-free server; only its port and stop are used here. */
let served: Omit<ServedApp, "services"> | undefined;

// Our own handlers only: nothing else may exit on the signal before the profile and the pool are closed.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown());
}

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  const cpu = process.cpuUsage();
  send({ probe: line.trim(), hrtimeUs: Number(process.hrtime.bigint() / 1000n), cpuUs: { user: cpu.user, system: cpu.system } });
});
input.on("close", () => void shutdown());

if (process.env.BENCH_SERVER === "framework-free") {
  served = await serveFrameworkFree(databaseUrl, poolMax);
} else {
  orm = await MikroORM.init(ormConfig({ clientUrl: databaseUrl, poolMax }));
  served = await serveApp(orm, databaseUrl, poolMax);
}
if (stopping) await shutdown(true);
else send({ port: served.port });

async function shutdown(again = false): Promise<void> {
  if (stopping && !again) return;
  stopping = true;
  setTimeout(() => {
    console.error("server-process: shutdown took too long; exiting");
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  // Still starting: the end of start-up calls again.
  if (!served && !again) return;
  try {
    input.close();
    await served?.stop();
    await orm?.close(true);
    process.exit(0);
  } catch (err) {
    console.error("server-process: shutdown failed", err);
    process.exit(1);
  }
}

function send(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}
