/**
 * `npm run bench -- report` (or `node dist/test/bench/report.js` after `npm run build`), issue 6 §4:
 * the real app over a real PostgreSQL (DATABASE_URL's server, or an embedded one in a temporary
 * directory), a company seeded with generate_series SQL (customer-supplied roles, mappings, three
 * memberships per user from two sources, a direct role for every tenth user), then
 * `GET /reports/users-and-roles.csv` downloaded over HTTP, first at 10,000 users and then at
 * 100,000. Prints elapsed time, rows, bytes and the peak RSS and heap sampled every 20 ms while
 * each download runs (server and client share this process; the client only counts bytes), so
 * the two peaks side by side show whether memory grows with the number of users. Bounded in time.
 */
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { EntityManager } from "@mikro-orm/postgresql";
import pg from "pg";
import { systemScope } from "../../src/domain/scope.js";
import type { User } from "../../src/domain/users/user.entity.js";
import type { Services } from "../../src/services.js";
import { loadPrincipal } from "../../src/auth/principal-loader.js";
import { TENANT_FILTER } from "../../src/domain/tenant.js";
import { openPool, startBenchApp, withHardLimit } from "./harness.js";

const SIZES = (process.env.BENCH_REPORT_SIZES ?? "10000,100000").split(",").map(Number);
const CUSTOMER_ROLES = 40;
/** The whole run stops after this, whatever happens. */
const HARD_LIMIT_MS = 9 * 60_000;

interface Measurement {
  users: number;
  rows: number;
  bytes: number;
  seconds: number;
  baselineRssMb: number;
  peakRssMb: number;
  baselineHeapMb: number;
  peakHeapMb: number;
}

export async function runReportBenchmark(): Promise<void> {
  const disarm = withHardLimit(HARD_LIMIT_MS);
  const app = await startBenchApp({ poolMax: 10 });
  const { orm, services } = app;
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const url = `${app.origin}/reports/users-and-roles.csv`;
    const { companyId, admin } = await setUpCompany(orm.em.fork() as EntityManager, services);
    const { token } = await services.tokens.sign({ sub: admin.id, company: companyId, typ: "session" }, 3600);
    const pool = openPool(app.databaseUrl, 2);
    cleanup.push(() => pool.end());
    await seedRoles(pool, companyId);

    const results: Measurement[] = [];
    let seeded = 0;
    for (const size of SIZES) {
      console.log(`seeding users ${seeded + 1}…${size}…`);
      await seedUsers(pool, companyId, seeded + 1, size);
      seeded = size;
      await pool.query("analyze");
      // Warm up (JIT, plan cache, pool) on a small company-independent read, then measure.
      global.gc?.();
      results.push(await download(url, token, size + 1));
      // The same batches without HTTP or CSV: how much of the time is the database's.
      const em = orm.em.fork() as EntityManager;
      em.setFilterParams(TENANT_FILTER, { companyId });
      const principal = await loadPrincipal(em, { companyId, userId: admin.id }, { kind: "session" });
      const t0 = performance.now();
      let rows = 0;
      for await (const batch of services.usersAndRolesReport.batches({ em, principal })) rows += batch.length;
      console.log(`${size + 1} users: the report's SQL batches alone (no HTTP, no CSV) read ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    }
    print(results);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    await app.close();
    disarm();
  }
}

/** Downloads the CSV, counting rows and bytes as they arrive, while sampling this process's memory. */
async function download(url: string, token: string, users: number): Promise<Measurement> {
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    // Records end in CRLF; a LF inside a quoted field is a bare LF, so count CR LF pairs' LF after CR.
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a && (i === 0 || chunk[i - 1] === 0x0d)) lines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return {
    users,
    rows: lines - 1,
    bytes,
    seconds,
    baselineRssMb: mb(baseline.rss),
    peakRssMb: mb(peakRss),
    baselineHeapMb: mb(baseline.heapUsed),
    peakHeapMb: mb(peakHeap),
  };
}

function print(results: Measurement[]): void {
  const lines = [
    "| users in company | CSV rows | MB | seconds | rows/s | RSS before MB | peak RSS MB | heap before MB | peak heap MB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.users} | ${r.rows} | ${(r.bytes / 1024 / 1024).toFixed(1)} | ${r.seconds.toFixed(2)} | ${Math.round(r.rows / r.seconds)} | ${r.baselineRssMb} | ${r.peakRssMb} | ${r.baselineHeapMb} | ${r.peakHeapMb} |`,
    ),
  ];
  console.log(lines.join("\n"));
}

/** A company with its default roles and an administrator (CanConfigureCompany) who downloads the report. */
export async function setUpCompany(em: EntityManager, services: Services): Promise<{ companyId: string; admin: User }> {
  const company = await services.companies.createCompany(systemScope(em, "cli"), { slug: `bench-${randomBytes(3).toString("hex")}`, name: "Bench" });
  const { user: admin } = await services.accounts.createCompanyAdmin(systemScope(em, "cli", company.id), { userName: "admin@bench.example" });
  return { companyId: company.id, admin };
}

/** Customer-supplied roles, data-access and app-access roles, and a mapping of each customer role to two data roles and one app role. */
export async function seedRoles(pool: pg.Pool, companyId: string): Promise<void> {
  await pool.query(
    `insert into customer_role (id, company_id, display_name, version, created_at, updated_at)
     select gen_random_uuid(), $1, 'Customer role ' || lpad(i::text, 2, '0'), 1, now(), now() from generate_series(0, $2::int - 1) as i`,
    [companyId, CUSTOMER_ROLES],
  );
  await pool.query(
    `insert into data_access_role (id, company_id, name, created_at, updated_at)
     select gen_random_uuid(), $1, 'Data ' || lpad(i::text, 2, '0'), now(), now() from generate_series(0, 19) as i`,
    [companyId],
  );
  await pool.query(
    `insert into app_access_role (id, company_id, name, permissions, created_at, updated_at)
     select gen_random_uuid(), $1, 'App ' || i, array['CanViewUsers'], now(), now() from generate_series(0, 4) as i`,
    [companyId],
  );
  await pool.query(
    `insert into role_mapping (id, company_id, customer_role_id, version, updated_at)
     select gen_random_uuid(), company_id, id, 1, now() from customer_role where company_id = $1`,
    [companyId],
  );
  await pool.query(
    `with c as (select rm.id, (row_number() over (order by cr.display_name) - 1)::int as n
                  from role_mapping rm join customer_role cr on cr.id = rm.customer_role_id where rm.company_id = $1),
          d as (select id, (row_number() over (order by name) - 1)::int as n from data_access_role where company_id = $1)
     insert into role_mapping_data_access_role (role_mapping_id, data_access_role_id)
     select c.id, d.id from c join d on d.n in (c.n % 20, (c.n + 7) % 20)`,
    [companyId],
  );
  await pool.query(
    `with c as (select rm.id, (row_number() over (order by cr.display_name) - 1)::int as n
                  from role_mapping rm join customer_role cr on cr.id = rm.customer_role_id where rm.company_id = $1),
          a as (select id, (row_number() over (order by name) - 1)::int as n from app_access_role where company_id = $1 and name like 'App %')
     insert into role_mapping_app_access_role (role_mapping_id, app_access_role_id)
     select c.id, a.id from c join a on a.n = c.n % 5`,
    [companyId],
  );
}

/** Users from..to (1-based) with three memberships each (two SCIM-group, one upload) and a direct data role for every tenth. */
export async function seedUsers(pool: pg.Pool, companyId: string, from: number, to: number): Promise<void> {
  if (to < from) return;
  await pool.query(
    `insert into user_account (id, company_id, user_name, given_name, family_name, display_name, active, extension_attributes, allow_sso_login, auto_assign_roles, created_at, updated_at)
     select gen_random_uuid(), $1, 'user-' || lpad(i::text, 6, '0') || '@bench.example', 'Given' || i, 'Family, ' || i, 'User "' || i || '"', i % 17 <> 0, '{}'::jsonb, true, true, now(), now()
       from generate_series($2::int, $3::int) as i`,
    [companyId, from, to],
  );
  await pool.query(
    `with roles as (select id, (row_number() over (order by display_name) - 1)::int as n from customer_role where company_id = $1),
          users as (select id, substring(user_name from 6 for 6)::int as i from user_account
                     where company_id = $1 and user_name like 'user-%' and substring(user_name from 6 for 6)::int between $2 and $3)
     insert into membership (company_id, customer_role_id, user_id, source)
     select $1, r.id, u.id, case when k < 2 then 'scim-group' else 'upload' end
       from users u cross join generate_series(0, 2) as k join roles r on r.n = (u.i + k * 13) % ${CUSTOMER_ROLES}`,
    [companyId, from, to],
  );
  await pool.query(
    `insert into user_direct_data_access_role (user_id, data_access_role_id)
     select u.id, (select id from data_access_role where company_id = $1 order by name limit 1)
       from user_account u where u.company_id = $1 and u.user_name like 'user-%'
        and substring(u.user_name from 6 for 6)::int between $2 and $3 and substring(u.user_name from 6 for 6)::int % 10 = 0`,
    [companyId, from, to],
  );
}

// Run directly (`node dist/test/bench/report.js`); run.ts imports it for `npm run bench -- report`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runReportBenchmark().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
