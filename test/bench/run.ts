/**
 * `npm run bench -- users` (issue 3 §10): the real app over a real PostgreSQL (DATABASE_URL's
 * server, or an embedded one in a temporary directory), 16 concurrent clients over 10,000 users,
 * each SCIM operation next to the same work as minimal raw SQL through pg on the same database.
 * Prints ops/s, p50 and p99 of each and the SCIM/raw-SQL ratios. Bounded in time; stops by itself.
 */
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import pg from "pg";
import { openPool, setUpScimTenant, startBenchApp, withHardLimit } from "./harness.js";

const CLIENTS = 16;
const USERS = 10_000;
/** Operations per measured phase, and a time bound per phase, whichever comes first. */
const OPS_PER_PHASE = Number(process.env.BENCH_OPS ?? 3000);
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 20);
/** The whole run stops after this, whatever happens. */
const HARD_LIMIT_MS = 9 * 60_000;

interface Stats {
  ops: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? "users";
  // issue 6 §4: the users-and-roles CSV at 10,000 and 100,000 users (test/bench/report.ts).
  if (which === "report") return (await import("./report.js")).runReportBenchmark();
  // issue 4 §9: member changes and reads of a 10- and a 50,000-member SCIM group (test/bench/groups.ts).
  if (which === "groups") return (await import("./groups.js")).runGroupsBenchmark();
  if (which !== "users") throw new Error(`unknown benchmark ${which}; try: npm run bench -- users | report | groups`);
  const disarm = withHardLimit(HARD_LIMIT_MS);

  const app = await startBenchApp({ poolMax: 20 });
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const base = `${app.origin}/scim/v2`;

    const { companyId, authorization } = await setUpScimTenant(app.orm.em.fork() as EntityManager, app.services);
    const pool = openPool(app.databaseUrl, CLIENTS);
    cleanup.push(() => pool.end());

    console.log(`seeding ${USERS} users…`);
    await seedUsers(pool, companyId, USERS);
    const { rows } = await pool.query<{ id: string; user_name: string }>("select id, user_name from user_account where company_id = $1 and user_name like 'seed-%'", [companyId]);
    const ids = rows.map((r) => r.id);
    const names = rows.map((r) => r.user_name);
    await pool.query("analyze");

    const scim = (method: string, p: string, body?: unknown) =>
      fetch(`${base}${p}`, {
        method,
        headers: { authorization, "content-type": "application/scim+json", accept: "application/scim+json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (res) => {
        await res.arrayBuffer();
        if (res.status >= 400) throw new Error(`${method} ${p}: ${res.status}`);
      });
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
    const run = randomBytes(3).toString("hex");
    let created = 0;

    const results: { name: string; scim: Stats; raw: Stats }[] = [];
    // Warm up both paths (JIT, connection pools, plan caches) before measuring.
    await measure(200, 5, () => scim("GET", `/Users/${pick(ids)}`));
    await measure(200, 5, () => pool.query("select 1 from user_account where id = $1", [pick(ids)]));

    results.push({
      name: "POST /Users",
      scim: await measure(OPS_PER_PHASE, PHASE_SECONDS, () =>
        scim("POST", "/Users", {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: `bench-${run}-${created++}@example.com`,
          name: { givenName: "Bench", familyName: "User" },
          emails: [{ value: `bench-${run}-${created}@example.com`, type: "work", primary: true }],
          active: true,
        }),
      ),
      raw: await measure(OPS_PER_PHASE, PHASE_SECONDS, () => rawCreate(pool, companyId, `raw-${run}-${created++}@example.com`)),
    });
    results.push({
      name: "GET /Users/{id}",
      scim: await measure(OPS_PER_PHASE, PHASE_SECONDS, () => scim("GET", `/Users/${pick(ids)}`)),
      raw: await measure(OPS_PER_PHASE, PHASE_SECONDS, () => rawGet(pool, companyId, pick(ids))),
    });
    results.push({
      name: 'GET /Users?filter=userName eq "…"',
      scim: await measure(OPS_PER_PHASE, PHASE_SECONDS, () => scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${pick(names).toUpperCase()}"`)}`)),
      raw: await measure(OPS_PER_PHASE, PHASE_SECONDS, () => rawFilter(pool, companyId, pick(names).toUpperCase())),
    });
    let n = 0;
    results.push({
      name: "PATCH /Users/{id}",
      scim: await measure(OPS_PER_PHASE, PHASE_SECONDS, () =>
        scim("PATCH", `/Users/${pick(ids)}`, {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          Operations: [{ op: "replace", path: "title", value: `Title ${n++}` }],
        }),
      ),
      raw: await measure(OPS_PER_PHASE, PHASE_SECONDS, () => rawPatch(pool, companyId, pick(ids), `Title ${n++}`)),
    });
    print(results);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    await app.close();
    disarm();
  }
}

/** Runs `op` from CLIENTS concurrent loops until `count` operations or `seconds` have passed. */
async function measure(count: number, seconds: number, op: () => Promise<unknown>): Promise<Stats> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (started < count && performance.now() < deadline) {
        started++;
        const s = performance.now();
        try {
          await op();
          latencies.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { ops: latencies.length, seconds: elapsed, p50: q(0.5), p99: q(0.99), errors };
}

function print(results: { name: string; scim: Stats; raw: Stats }[]): void {
  const rate = (s: Stats) => s.ops / s.seconds;
  const f = (x: number, d = 1) => x.toFixed(d);
  const lines = [
    `| operation (${CLIENTS} clients, ${USERS} users) | SCIM ops/s | SCIM p50 ms | SCIM p99 ms | SQL ops/s | SQL p50 ms | SQL p99 ms | ops/s SCIM/SQL | p50 SCIM/SQL |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${f(rate(r.scim), 0)} | ${f(r.scim.p50, 2)} | ${f(r.scim.p99, 2)} | ${f(rate(r.raw), 0)} | ${f(r.raw.p50, 2)} | ${f(r.raw.p99, 2)} | ${f(rate(r.scim) / rate(r.raw), 3)} | ${f(r.scim.p50 / r.raw.p50, 1)}x |`,
    ),
  ];
  console.log(lines.join("\n"));
  const errors = results.flatMap((r) => [r.scim.errors, r.raw.errors]).reduce((a, b) => a + b, 0);
  if (errors) console.log(`errors: ${errors}`);
}

async function seedUsers(pool: pg.Pool, companyId: string, count: number): Promise<void> {
  await pool.query(
    `insert into user_account (id, company_id, user_name, given_name, family_name, display_name, extension_attributes, allow_sso_login, auto_assign_roles, created_at, updated_at)
     select gen_random_uuid(), $1, 'seed-' || i || '@example.com', 'Given' || i, 'Family' || i, 'User ' || i, '{}'::jsonb, true, true, now(), now()
       from generate_series(1, $2::int) as i`,
    [companyId, count],
  );
  await pool.query(
    `insert into user_email (id, company_id, user_id, value, type, "primary", position)
     select gen_random_uuid(), company_id, id, user_name, 'work', true, 0 from user_account where company_id = $1 and user_name like 'seed-%'`,
    [companyId],
  );
}

/** The least SQL that creates the same user: the row and its email, in one transaction. */
async function rawCreate(pool: pg.Pool, companyId: string, userName: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query<{ id: string }>(
      `insert into user_account (id, company_id, user_name, given_name, family_name, active, extension_attributes, allow_sso_login, auto_assign_roles, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, 'Bench', 'User', true, '{}'::jsonb, true, true, now(), now()) returning id`,
      [companyId, userName],
    );
    await client.query(`insert into user_email (id, company_id, user_id, value, type, "primary", position) values (gen_random_uuid(), $1, $2, $3, 'work', true, 0)`, [
      companyId,
      rows[0]!.id,
      userName,
    ]);
    await client.query("commit");
  } catch (err) {
    await client.query("rollback");
    throw err;
  } finally {
    client.release();
  }
}

async function rawGet(pool: pg.Pool, companyId: string, id: string): Promise<void> {
  await pool.query("select * from user_account where company_id = $1 and id = $2", [companyId, id]);
  await pool.query(`select value, type, "primary", display from user_email where company_id = $1 and user_id = $2 order by position`, [companyId, id]);
}

async function rawFilter(pool: pg.Pool, companyId: string, userName: string): Promise<void> {
  const { rows } = await pool.query<{ id: string }>("select * from user_account where company_id = $1 and lower(user_name) = lower($2)", [companyId, userName]);
  if (rows[0]) await pool.query(`select value, type, "primary", display from user_email where company_id = $1 and user_id = $2 order by position`, [companyId, rows[0].id]);
}

async function rawPatch(pool: pg.Pool, companyId: string, id: string, title: string): Promise<void> {
  await pool.query("update user_account set title = $3, version = version + 1, updated_at = now() where company_id = $1 and id = $2", [companyId, id, title]);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
