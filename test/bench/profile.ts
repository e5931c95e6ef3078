/**
 * `npm run bench -- profile [get|create|patch|filter|list|delete]` (default get): where the
 * server's CPU goes under one SCIM operation. The server child runs under `node --cpu-prof`;
 * 16 concurrent clients send 200 warm-up requests and then 3,000 measured ones; SIGTERM stops the
 * child, whose own handler closes the app and exits through process.exit, so V8 writes the
 * profile (a process killed by the signal would write none). Only the samples taken between the
 * start and the end of the measured requests are summarised (the child reports its clock, the
 * profile's, at both), by self time per package. The .cpuprofile is kept for DevTools.
 */
import "reflect-metadata";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { EntityManager } from "@mikro-orm/postgresql";
import { summariseProfile, type CpuProfile } from "./cpuprofile.js";
import { openPool, runLoad, setUpScimTenant, startBenchDatabase, startServerProcess, withHardLimit } from "./harness.js";
import { OPERATION_KEYS, OPERATION_LABELS, UsersFixture, scimClient, seedUsers, type OperationKey } from "./users-ops.js";

const CLIENTS = 16;
const USERS = 10_000;
const SERVER_POOL = 20;
const WARM_UP = 200;
const REQUESTS = Number(process.env.BENCH_PROFILE_OPS ?? 3000);
/** The measured requests stop after this even when fewer than REQUESTS were sent. */
const LOAD_SECONDS = 120;
const HARD_LIMIT_MS = 9 * 60_000;
/** Functions listed under the package table. */
const TOP_FUNCTIONS = 15;

export async function runProfile(operation = "get"): Promise<void> {
  if (!(OPERATION_KEYS as readonly string[]).includes(operation)) throw new Error(`unknown operation ${operation}; try one of ${OPERATION_KEYS.join(", ")}`);
  const key = operation as OperationKey;
  const disarm = withHardLimit(HARD_LIMIT_MS);
  const db = await startBenchDatabase({ poolMax: 4 });
  try {
    const { companyId, authorization } = await setUpScimTenant(db.orm.em.fork() as EntityManager, db.services);
    const pool = openPool(db.databaseUrl, 2);
    let seeded: { ids: string[]; names: string[] };
    try {
      console.log(`seeding ${USERS} users…`);
      seeded = await seedUsers(pool, companyId, USERS);
    } finally {
      await pool.end();
    }
    const fixture = new UsersFixture(companyId, seeded.ids, seeded.names);

    const dir = await mkdtemp(path.join(os.tmpdir(), "rolebridge-cpuprofile-"));
    console.log(`starting the server process under --cpu-prof (${dir})…`);
    const server = await startServerProcess(db.databaseUrl, { poolMax: SERVER_POOL, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
    let stopped = false;
    try {
      const op = fixture.scimOperation(key, scimClient(server.origin, authorization));
      console.log(`${WARM_UP} warm-up and ${REQUESTS} measured requests of ${OPERATION_LABELS[key]}, ${CLIENTS} clients…`);
      await runLoad(CLIENTS, WARM_UP, LOAD_SECONDS, op);
      const start = await server.probe("start");
      const stats = await runLoad(CLIENTS, REQUESTS, LOAD_SECONDS, op);
      const end = await server.probe("end");
      const how = await server.stop();
      stopped = true;
      if (how.code !== 0) console.error(`the server process exited with code ${how.code} (signal ${how.signal})`);

      const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
      if (files.length !== 1) throw new Error(`expected one .cpuprofile in ${dir}, found ${files.length}: the server did not write its profile`);
      const file = path.join(dir, files[0]!);
      const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
      let summary = summariseProfile(profile, start.hrtimeUs, end.hrtimeUs);
      if (summary.samples === 0) {
        console.error("no sample falls between the start and end marks (clocks differ?); summarising the whole profile");
        summary = summariseProfile(profile);
      }

      const f = (x: number, d = 1) => x.toFixed(d);
      console.log(
        `\n${OPERATION_LABELS[key]}: ${stats.ops} requests in ${f(stats.seconds, 2)} s (${f(stats.ops / stats.seconds, 0)}/s, p50 ${f(stats.p50, 2)} ms, p99 ${f(stats.p99, 2)} ms${stats.errors ? `, ${stats.errors} errors, first: ${stats.firstError}` : ""})`,
      );
      console.log(
        `server main thread busy ${f(summary.busyMs, 0)} ms of ${f(summary.wallMs, 0)} ms wall: ${f((100 * summary.busyMs) / summary.wallMs)} % (${summary.samples} samples)`,
      );
      // The process's own CPU time (all threads, user and system) beside the sampled busy time of
      // its main thread: whether the server is CPU-bound, and what a request costs it.
      const user = (end.userUs - start.userUs) / 1000;
      const system = (end.systemUs - start.systemUs) / 1000;
      console.log(
        `server process CPU in the same span: ${f(user + system, 0)} ms (user ${f(user, 0)}, system ${f(system, 0)}), ${f((user + system) / stats.ops, 3)} ms per request\n`,
      );
      console.log("| package | self ms | % of busy | % of busy with the runtime it called |");
      console.log("|---|---:|---:|---:|");
      // Packages that would print as 0.0 % both ways (the wrapper's probe handling) are noise.
      for (const p of summary.packages.filter((q) => (100 * Math.max(q.selfMs, q.withRuntimeMs)) / summary.busyMs >= 0.05)) {
        console.log(`| ${p.name} | ${f(p.selfMs, 0)} | ${f((100 * p.selfMs) / summary.busyMs)} | ${f((100 * p.withRuntimeMs) / summary.busyMs)} |`);
      }
      console.log(`\n| top functions by self time | package | where | self ms | % of busy |`);
      console.log("|---|---|---|---:|---:|");
      for (const fn of summary.functions.slice(0, TOP_FUNCTIONS)) {
        console.log(`| ${fn.name.replace(/\|/g, "\\|")} | ${fn.pkg} | ${fn.where || "–"} | ${f(fn.selfMs, 0)} | ${f((100 * fn.selfMs) / summary.busyMs)} |`);
      }
      console.log(`\nprofile: ${file} (open in Chrome DevTools › Performance, or VS Code)`);
    } finally {
      if (!stopped) await server.stop();
    }
  } finally {
    await db.close();
    disarm();
  }
}
