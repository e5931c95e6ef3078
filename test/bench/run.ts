/**
 * `npm run bench -- users`: the real app, in a child process of its own (server-process.ts), over
 * a real PostgreSQL (DATABASE_URL's server, or an embedded one in a temporary directory); 16
 * concurrent clients in this process over 13,000 seeded users, each SCIM operation next to the
 * same work as minimal raw SQL through pg on the same database. Before the timed phases, a second
 * short-lived server child behind a statement-counting proxy gives the statements each operation
 * sends (statements.ts). Prints ops/s, p50, p99, statements and the server's CPU per operation,
 * and the SCIM/raw-SQL ratios, then the first and last page by cursor (users-cursor.ts). Bounded in
 * time; stops by itself.
 *
 * `npm run bench -- profile [get|create|patch|filter|list|delete]`: a CPU profile of the server
 * under one operation, summarised by package (profile.ts).
 *
 * `npm run bench -- cli`: a CLI command's wall time with nothing to rebuild (cli.ts).
 */
import "reflect-metadata";
import type { EntityManager } from "@mikro-orm/postgresql";
import type pg from "pg";
import { openPool, runLoad, setUpScimTenant, startBenchDatabase, startServerProcess, withHardLimit, type LoadStats, type ServerProcess } from "./harness.js";
import { countStatements, type StatementCount, type StatementCounts } from "./statements.js";
import { measureCursorPaging, printCursorPaging } from "./users-cursor.js";
import { OPERATION_LABELS, type Scim, UsersFixture, scimClient, seedUsers, type OperationKey } from "./users-ops.js";

const CLIENTS = 16;
/** Enough for every DELETE of the four sides (SCIM, minimal SQL, same-work SQL, framework-free) to take a user of its own. */
const USERS = 13_000;
/** The server's connection pool (the ORM's and DB_POOL_MAX). */
const SERVER_POOL = 20;
/** Operations per measured phase, and a time bound per phase, whichever comes first. */
const OPS_PER_PHASE = Number(process.env.BENCH_OPS ?? 3000);
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 20);
/** Serial requests per operation whose statements are counted, after uncounted warm-ups. */
const COUNTED_REQUESTS = Number(process.env.BENCH_COUNTED_REQUESTS ?? 20);
const COUNT_WARM_UPS = 2;
/** The whole run stops after this, whatever happens. */
const HARD_LIMIT_MS = 9 * 60_000;
/** The timed phases, in this order: reads and changes first, the list before deletes deactivate users. BENCH_PHASES=get,patch runs some. */
const PHASES: OperationKey[] = (["create", "get", "filter", "patch", "list", "delete"] as OperationKey[]).filter(
  (key) => !process.env.BENCH_PHASES || process.env.BENCH_PHASES.split(",").includes(key),
);
/** The first and last page by cursor (users-cursor.ts), after the table's phases; BENCH_PHASES=cursor runs it alone. */
const CURSOR_PHASE = !process.env.BENCH_PHASES || process.env.BENCH_PHASES.split(",").includes("cursor");

interface Row {
  key: OperationKey;
  scim: LoadStats;
  raw: LoadStats;
  /** Raw SQL sending the same statements as the SCIM request (PATCH and DELETE; users-ops.ts). */
  sameWork?: LoadStats;
  /** The same SCIM request served by the framework-free server (framework-free.ts), for PATCH and DELETE. */
  frameworkFree?: LoadStats;
  /** Server CPU (user + system) per successful SCIM operation, ms. */
  serverCpuMs: number;
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? "users";
  // The users-and-roles CSV at 10,000 and 100,000 users (test/bench/report.ts).
  if (which === "report") return (await import("./report.js")).runReportBenchmark();
  // Member changes and reads of a 10- and a 50,000-member SCIM group (test/bench/groups.ts).
  if (which === "groups") return (await import("./groups.js")).runGroupsBenchmark();
  // A CPU profile of the server under one operation, by package (test/bench/profile.ts).
  if (which === "profile") return (await import("./profile.js")).runProfile(process.argv[3]);
  // A CLI command's wait, bundled and not (test/bench/cli.ts).
  if (which === "cli") return (await import("./cli.js")).runCliBenchmark();
  if (which !== "users") throw new Error(`unknown benchmark ${which}; try: npm run bench -- users | report | groups | profile [operation] | cli`);
  const disarm = withHardLimit(HARD_LIMIT_MS);

  const db = await startBenchDatabase({ poolMax: 4 });
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const { companyId, authorization, clientId } = await setUpScimTenant(db.orm.em.fork() as EntityManager, db.services);
    const pool = openPool(db.databaseUrl, CLIENTS);
    cleanup.push(() => pool.end());

    console.log(`seeding ${USERS} users…`);
    const seeded = await seedUsers(pool, companyId, USERS);
    const fixture = new UsersFixture(companyId, seeded.ids, seeded.names);

    console.log(`counting statements (${COUNTED_REQUESTS} serial requests of each operation, a server behind a counting proxy)…`);
    const counts = await countStatements(db.databaseUrl, fixture, authorization, { requests: COUNTED_REQUESTS, warmUps: COUNT_WARM_UPS, poolMax: SERVER_POOL });

    console.log("starting the server process…");
    const server = await startServerProcess(db.databaseUrl, { poolMax: SERVER_POOL });
    cleanup.push(() => server.stop());
    const scim = scimClient(server.origin, authorization);

    // Warm up both paths (JIT, connection pools, plan caches) before measuring.
    await runLoad(CLIENTS, 200, 5, fixture.scimOperation("get", scim));
    await runLoad(CLIENTS, 200, 5, () => pool.query("select 1 from user_account where id = $1", [fixture.pick(fixture.ids)]));

    // The framework-free server of the changes (framework-free.ts), in a process of its own too.
    let frameworkFree: Scim | undefined;
    if (PHASES.some((key) => fixture.sameWorkOperation(key, pool, clientId))) {
      const ffServer = await startServerProcess(db.databaseUrl, { poolMax: SERVER_POOL, server: "framework-free" });
      cleanup.push(() => ffServer.stop());
      frameworkFree = scimClient(ffServer.origin, authorization);
      await runLoad(CLIENTS, 200, 5, fixture.scimOperation("patch", frameworkFree));
    }

    const rows: Row[] = [];
    for (const key of PHASES) {
      console.log(`measuring ${OPERATION_LABELS[key]}…`);
      const { stats, cpuMs } = await withServerCpu(server, () => runLoad(CLIENTS, OPS_PER_PHASE, PHASE_SECONDS, fixture.scimOperation(key, scim)));
      const raw = await runLoad(CLIENTS, OPS_PER_PHASE, PHASE_SECONDS, fixture.rawOperation(key, pool));
      const sameWorkOperation = fixture.sameWorkOperation(key, pool, clientId);
      const sameWork = sameWorkOperation && (await runLoad(CLIENTS, OPS_PER_PHASE, PHASE_SECONDS, sameWorkOperation));
      const ff = sameWorkOperation && frameworkFree && (await runLoad(CLIENTS, OPS_PER_PHASE, PHASE_SECONDS, fixture.scimOperation(key, frameworkFree)));
      rows.push({ key, scim: stats, raw, sameWork, frameworkFree: ff, serverCpuMs: cpuMs / Math.max(1, stats.ops) });
    }
    if (rows.length) print(rows, counts);
    if (CURSOR_PHASE) {
      console.log("measuring the first and last page by cursor…");
      printCursorPaging(await measureCursorPaging(server.origin, authorization, scim, { clients: CLIENTS, ops: OPS_PER_PHASE, seconds: PHASE_SECONDS }), CLIENTS);
    }
    await checkDeletes(pool, fixture);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    await db.close();
    disarm();
  }
}

async function withServerCpu<T>(server: ServerProcess, run: () => Promise<T>): Promise<{ stats: T; cpuMs: number }> {
  const before = await server.probe("cpu");
  const stats = await run();
  const after = await server.probe("cpu");
  return { stats, cpuMs: (after.cpuUs - before.cpuUs) / 1000 };
}

function print(rows: Row[], counts: StatementCounts): void {
  const rate = (s: LoadStats) => s.ops / s.seconds;
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");
  const statements = (c: StatementCount) => (!c.requests ? "–" : c.min === c.max ? f(c.mean, 1) : `${f(c.mean, 1)} (${c.min}–${c.max})`);
  const lines = [
    `| operation (${CLIENTS} clients, ${USERS} users) | SCIM ops/s | SCIM p50 ms | SCIM p99 ms | SCIM stmts/op | server CPU ms/op | SQL ops/s | SQL p50 ms | SQL p99 ms | SQL stmts/op | ops/s SCIM/SQL | p50 SCIM/SQL |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${OPERATION_LABELS[r.key]} | ${f(rate(r.scim), 0)} | ${f(r.scim.p50, 2)} | ${f(r.scim.p99, 2)} | ${statements(counts.scim[r.key])} | ${f(r.serverCpuMs, 2)} | ${f(rate(r.raw), 0)} | ${f(r.raw.p50, 2)} | ${f(r.raw.p99, 2)} | ${statements(counts.raw[r.key])} | ${f(rate(r.scim) / rate(r.raw), 3)} | ${f(r.scim.p50 / r.raw.p50, 1)}x |`,
    ),
  ];
  console.log(`\n${lines.join("\n")}\n`);
  const sameWork = rows.filter((r) => r.sameWork);
  if (sameWork.length) {
    console.log(
      "The same work without the stack: raw SQL sending the SCIM request's statements, prepared as the app's are (authenticate, BEGIN, lock and read, the change with its audit and provisioning rows, COMMIT), " +
        "and a framework-free node:http + pg server doing that work for the same SCIM request (framework-free.ts). Their ratios to the minimal SQL are what this work reaches without Express, GraphQL and the ORM:\n",
    );
    const ff = (r: Row) => (r.frameworkFree ? rate(r.frameworkFree) : NaN);
    console.log(
      [
        "| operation | SCIM ops/s | same-work SQL ops/s | framework-free server ops/s | ops/s SCIM/same-work SQL | ops/s same-work SQL/minimal SQL | ops/s framework-free/minimal SQL |",
        "|---|---:|---:|---:|---:|---:|---:|",
        ...sameWork.map(
          (r) =>
            `| ${OPERATION_LABELS[r.key]} | ${f(rate(r.scim), 0)} | ${f(rate(r.sameWork!), 0)} | ${f(ff(r), 0)} | ${f(rate(r.scim) / rate(r.sameWork!), 3)} | ${f(rate(r.sameWork!) / rate(r.raw), 3)} | ${f(ff(r) / rate(r.raw), 3)} |`,
        ),
      ].join("\n"),
    );
    console.log();
  }
  console.log(
    counts.batchedEventInserts
      ? `batched event inserts: ${counts.batchedEventInserts} multi-row provisioning_event inserts for the ${counts.scimRequests} SCIM requests of the count (not in stmts/op)`
      : `batched event inserts: none (during the ${counts.scimRequests} SCIM requests of the count)`,
  );
  for (const r of rows) {
    for (const [side, c] of [
      ["SCIM", counts.scim[r.key]],
      ["SQL", counts.raw[r.key]],
    ] as const) {
      if (c.errors) console.log(`errors while counting statements: ${OPERATION_LABELS[r.key]} (${side}): ${c.errors}, first: ${c.firstError}`);
    }
    for (const [side, s] of [
      ["SCIM", r.scim],
      ["SQL", r.raw],
      ["same-work SQL", r.sameWork],
      ["framework-free server", r.frameworkFree],
    ] as const) {
      if (s?.errors) console.log(`errors: ${OPERATION_LABELS[r.key]} (${side}): ${s.errors}, first: ${s.firstError}`);
    }
  }
  if (process.env.BENCH_SHOW_STATEMENTS) {
    for (const r of rows) {
      console.log(`\n${OPERATION_LABELS[r.key]}, the statements of one request:`);
      for (const sql of counts.scim[r.key].last) console.log(`  ${sql.replace(/\s+/g, " ").slice(0, 160)}`);
    }
  }
}

/** Every user a DELETE took must now be inactive: the operation really deactivated it. */
async function checkDeletes(pool: pg.Pool, fixture: UsersFixture): Promise<void> {
  const { rows } = await pool.query<{ active: number; total: number }>(
    "select count(*) filter (where active)::int as active, count(*)::int as total from user_account where company_id = $1 and id = any($2::uuid[])",
    [fixture.companyId, fixture.deleted],
  );
  const { active, total } = rows[0]!;
  const distinct = new Set(fixture.deleted).size;
  console.log(
    active === 0 && distinct === fixture.deleted.length
      ? `deletes: ${total} distinct users deleted (SCIM and SQL), all now inactive`
      : `deletes: ${distinct} distinct of ${fixture.deleted.length} deleted, ${active} of them still active`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
