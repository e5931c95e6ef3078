/**
 * `npm run bench -- groups` (or `node dist/test/bench/groups.js` after `npm run build`), issue 4 §9:
 * the real app over a real PostgreSQL (DATABASE_URL's server, or an embedded one in a temporary
 * directory). Two SCIM groups, one of 10 members and one of 50,000 (users and memberships seeded
 * with generate_series SQL); then, one request at a time over HTTP, the latency (p50, p99) of
 * adding one member with Okta's PATCH, removing one with `members[value eq "…"]`, and GET of each
 * group with and without `excludedAttributes=members`. DESIGN rule 5 says adding or removing a
 * member costs the same whatever the group's size: the printed large/small ratio is the check
 * (target ≤ 1.5). Bounded in operations and time; stops by itself.
 */
import "reflect-metadata";
import { pathToFileURL } from "node:url";
import type { EntityManager } from "@mikro-orm/postgresql";
import pg from "pg";
import { openPool, setUpScimTenant, startBenchApp, withHardLimit } from "./harness.js";

const SMALL = 10;
const LARGE = Number(process.env.BENCH_GROUP_SIZE ?? 50_000);
/** Member changes measured per phase (each adds or removes a user of its own). */
const OPS = Number(process.env.BENCH_OPS ?? 200);
/** Full GETs of the large group take seconds each: fewer of them, and a time bound. */
const FULL_GET_OPS = Number(process.env.BENCH_FULL_GET_OPS ?? 20);
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 60);
/** The whole run stops after this, whatever happens. */
const HARD_LIMIT_MS = 9 * 60_000;

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

interface Stats {
  ops: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function runGroupsBenchmark(): Promise<void> {
  const disarm = withHardLimit(HARD_LIMIT_MS);
  const app = await startBenchApp({ poolMax: 10 });
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const base = `${app.origin}/scim/v2`;
    const { companyId, authorization } = await setUpScimTenant(app.orm.em.fork() as EntityManager, app.services);
    const pool = openPool(app.databaseUrl, 2);
    cleanup.push(() => pool.end());

    const scim = async (method: string, p: string, body?: unknown): Promise<unknown> => {
      const res = await fetch(`${base}${p}`, {
        method,
        headers: { authorization, "content-type": "application/scim+json", accept: "application/scim+json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : undefined;
    };

    console.log(`seeding ${LARGE + SMALL} members and ${4 * OPS + 100} users to add…`);
    const small = await seedUsers(pool, companyId, "small", SMALL);
    await seedUsers(pool, companyId, "large", LARGE);
    const movers = await seedUsers(pool, companyId, "mover", 4 * OPS + 100);
    const smallId = ((await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Small", members: small.map((value) => ({ value })) })) as { id: string }).id;
    const largeId = ((await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Large" })) as { id: string }).id;
    await pool.query(
      `insert into membership (company_id, customer_role_id, user_id, source)
       select company_id, $1, id, 'scim-group' from user_account where company_id = $2 and user_name like 'large-%'`,
      [largeId, companyId],
    );
    await pool.query("analyze");

    let next = 0;
    const take = () => movers[next++]!;
    const add = (groupId: string, userId: string) => scim("PATCH", `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: userId }] }] });
    const remove = (groupId: string, userId: string) => scim("PATCH", `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${userId}"]` }] });

    // Warm up (JIT, pools, plan caches) on both groups before measuring.
    for (let i = 0; i < 25; i++) {
      for (const g of [smallId, largeId]) {
        const u = take();
        await add(g, u);
        await remove(g, u);
      }
    }

    const rows: { name: string; small: Stats; large: Stats }[] = [];
    const addedSmall: string[] = [];
    const addedLarge: string[] = [];
    // Alternate small and large within each phase, so drift (autovacuum, other load) hits both alike.
    const pair = async (opSmall: () => Promise<unknown>, opLarge: () => Promise<unknown>, ops: number) => {
      const s: number[] = [];
      const l: number[] = [];
      const errors = { small: 0, large: 0 };
      const deadline = performance.now() + PHASE_SECONDS * 1000;
      for (let i = 0; i < ops && performance.now() < deadline; i++) {
        await time(opSmall, s, errors, "small");
        await time(opLarge, l, errors, "large");
      }
      return { small: stats(s, errors.small), large: stats(l, errors.large) };
    };
    rows.push({
      name: "PATCH add 1 member",
      ...(await pair(
        () => add(smallId, remember(addedSmall, take())),
        () => add(largeId, remember(addedLarge, take())),
        OPS,
      )),
    });
    rows.push({
      name: 'PATCH remove 1 member (members[value eq "…"])',
      ...(await pair(
        () => remove(smallId, addedSmall.pop()!),
        () => remove(largeId, addedLarge.pop()!),
        OPS,
      )),
    });
    rows.push({
      name: "GET /Groups/{id}?excludedAttributes=members",
      ...(await pair(
        () => scim("GET", `/Groups/${smallId}?excludedAttributes=members`),
        () => scim("GET", `/Groups/${largeId}?excludedAttributes=members`),
        OPS,
      )),
    });
    let size = 0;
    rows.push({
      name: "GET /Groups/{id} (all members)",
      ...(await pair(
        () => scim("GET", `/Groups/${smallId}`),
        async () => {
          size = ((await scim("GET", `/Groups/${largeId}`)) as { members: unknown[] }).members.length;
        },
        FULL_GET_OPS,
      )),
    });
    print(rows, size);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    await app.close();
    disarm();
  }
}

function remember(list: string[], id: string): string {
  list.push(id);
  return id;
}

async function time(op: () => Promise<unknown>, into: number[], errors: Record<string, number>, key: string): Promise<void> {
  const s = performance.now();
  try {
    await op();
    into.push(performance.now() - s);
  } catch (err) {
    errors[key] = (errors[key] ?? 0) + 1;
    if (errors[key] === 1) console.error(err);
  }
}

function stats(latencies: number[], errors: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { ops: sorted.length, p50: q(0.5), p99: q(0.99), errors };
}

function print(rows: { name: string; small: Stats; large: Stats }[], largeMembersReturned: number): void {
  const f = (x: number) => x.toFixed(2);
  const lines = [
    `| operation (one client, sequential) | ops | ${SMALL} members p50 ms | p99 ms | ${LARGE.toLocaleString("en")} members p50 ms | p99 ms | p50 ratio large/small |`,
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.name} | ${r.small.ops}/${r.large.ops} | ${f(r.small.p50)} | ${f(r.small.p99)} | ${f(r.large.p50)} | ${f(r.large.p99)} | ${(r.large.p50 / r.small.p50).toFixed(2)} |`),
  ];
  console.log(lines.join("\n"));
  console.log(`(the full GET of the large group returned ${largeMembersReturned.toLocaleString("en")} members, read in pages of 1,000)`);
  const errors = rows.flatMap((r) => [r.small.errors, r.large.errors]).reduce((a, b) => a + b, 0);
  if (errors) console.log(`errors: ${errors}`);
}

/** Users seeded in one statement; returns their ids. */
async function seedUsers(pool: pg.Pool, companyId: string, prefix: string, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into user_account (id, company_id, user_name, given_name, family_name, display_name, extension_attributes, allow_sso_login, auto_assign_roles, created_at, updated_at)
     select gen_random_uuid(), $1, $2 || '-' || i || '@example.com', 'Given' || i, 'Family' || i, $2 || ' ' || i, '{}'::jsonb, true, true, now(), now()
       from generate_series(1, $3::int) as i
     returning id`,
    [companyId, prefix, count],
  );
  return rows.map((r) => r.id);
}

// Run directly (`node dist/test/bench/groups.js`); run.ts imports it for `npm run bench -- groups`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runGroupsBenchmark().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
