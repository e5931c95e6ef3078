/**
 * The SCIM User operations the `users` and `profile` benchmarks drive, each with its raw-SQL
 * counterpart: the least SQL that does the same work on the same database through pg. Also the
 * seeding of the users they work on.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";

export const OPERATION_KEYS = ["create", "get", "filter", "patch", "list", "delete"] as const;
export type OperationKey = (typeof OPERATION_KEYS)[number];

export const OPERATION_LABELS: Record<OperationKey, string> = {
  create: "POST /Users",
  get: "GET /Users/{id}",
  filter: 'GET /Users?filter=userName eq "…"',
  patch: "PATCH /Users/{id}",
  list: "GET /Users?count=100",
  delete: "DELETE /Users/{id}",
};

/** Users per page of the list operation. */
export const PAGE_SIZE = 100;

export type Scim = (method: string, path: string, body?: unknown) => Promise<void>;

/**
 * A SCIM client with the tenant's Authorization; a status of 400 or more rejects. It uses
 * node:http with kept-alive connections rather than fetch: on this 2-core machine the load
 * generator shares the CPU with the server and PostgreSQL, and fetch spends about four times the
 * CPU of node:http per request (measured: ~390 µs against ~95 µs), which would be charged to the
 * server's throughput. The raw-SQL side's client (pg) is as lean.
 */
export function scimClient(origin: string, authorization: string): Scim {
  const base = `${origin}/scim/v2`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return (method, p, body) =>
    new Promise<void>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | number> = { authorization, accept: "application/scim+json" };
      if (payload !== undefined) {
        headers["content-type"] = "application/scim+json";
        headers["content-length"] = Buffer.byteLength(payload);
      }
      const req = http.request(`${base}${p}`, { method, agent, headers }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode! >= 400 ? reject(new Error(`${method} ${p}: ${res.statusCode}`)) : resolve()));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(payload);
    });
}

/** What the operations work on; one per run, shared by the SCIM and the raw-SQL side. */
export class UsersFixture {
  /** Tags the userNames this run creates. */
  readonly run = randomBytes(3).toString("hex");
  private created = 0;
  private titles = 0;
  /** Seeded users not yet deleted, in random order: each DELETE takes one, never the same twice. */
  private readonly victims: string[];
  /** Every user a DELETE (SCIM or raw) has taken. */
  readonly deleted: string[] = [];

  constructor(
    readonly companyId: string,
    readonly ids: string[],
    readonly names: string[],
  ) {
    this.victims = shuffle([...ids]);
  }

  pick<T>(list: T[]): T {
    return list[Math.floor(Math.random() * list.length)]!;
  }

  /** A 1-based startIndex whose page of PAGE_SIZE lies within the seeded users' count. */
  startIndex(): number {
    return 1 + Math.floor(Math.random() * Math.max(1, this.ids.length - PAGE_SIZE + 1));
  }

  nextVictim(): string {
    const id = this.victims.pop();
    if (!id) throw new Error("no seeded user left to delete");
    this.deleted.push(id);
    return id;
  }

  /** The SCIM request of `key`, with fresh arguments on each call. */
  scimOperation(key: OperationKey, scim: Scim): () => Promise<void> {
    switch (key) {
      case "create":
        return () =>
          scim("POST", "/Users", {
            schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
            userName: `bench-${this.run}-${this.created++}@example.com`,
            name: { givenName: "Bench", familyName: "User" },
            emails: [{ value: `bench-${this.run}-${this.created}@example.com`, type: "work", primary: true }],
            active: true,
          });
      case "get":
        return () => scim("GET", `/Users/${this.pick(this.ids)}`);
      case "filter":
        return () => scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${this.pick(this.names).toUpperCase()}"`)}`);
      case "patch":
        return () =>
          scim("PATCH", `/Users/${this.pick(this.ids)}`, {
            schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            Operations: [{ op: "replace", path: "title", value: `Title ${this.titles++}` }],
          });
      case "list":
        return () => scim("GET", `/Users?count=${PAGE_SIZE}&startIndex=${this.startIndex()}`);
      case "delete":
        return () => scim("DELETE", `/Users/${this.nextVictim()}`);
    }
  }

  /**
   * For the changes whose least SQL is a single UPDATE (PATCH, DELETE): raw SQL doing the same
   * work as the SCIM request, statement for statement (authenticate, BEGIN, lock and read the
   * user, the change with its audit and provisioning rows as CTEs, COMMIT), so the ratio shows
   * what the stack costs over the statements themselves, and this SQL's own ratio to the single
   * UPDATE what any server doing that work could reach. `clientId` is the benchmark credential's.
   */
  sameWorkOperation(key: OperationKey, pool: pg.Pool, clientId: string): (() => Promise<void>) | undefined {
    switch (key) {
      case "patch":
        return () => sameWorkChange(pool, this.companyId, clientId, this.pick(this.ids), "user.update", { title: `Title ${this.titles++}` });
      case "delete":
        return () => sameWorkChange(pool, this.companyId, clientId, this.nextVictim(), "user.deactivate", { active: false });
      default:
        return undefined;
    }
  }

  /** The raw-SQL counterpart of `key` through `pool`. */
  rawOperation(key: OperationKey, pool: pg.Pool): () => Promise<void> {
    switch (key) {
      case "create":
        return () => rawCreate(pool, this.companyId, `raw-${this.run}-${this.created++}@example.com`);
      case "get":
        return () => rawGet(pool, this.companyId, this.pick(this.ids));
      case "filter":
        return () => rawFilter(pool, this.companyId, this.pick(this.names).toUpperCase());
      case "patch":
        return () => rawPatch(pool, this.companyId, this.pick(this.ids), `Title ${this.titles++}`);
      case "list":
        return () => rawList(pool, this.companyId, this.startIndex() - 1);
      case "delete":
        return () => rawDelete(pool, this.companyId, this.nextVictim());
    }
  }
}

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** `count` users named seed-<i>@example.com, each with one work email; returns their ids and userNames. */
export async function seedUsers(pool: pg.Pool, companyId: string, count: number): Promise<{ ids: string[]; names: string[] }> {
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
  const { rows } = await pool.query<{ id: string; user_name: string }>("select id, user_name from user_account where company_id = $1 and user_name like 'seed-%'", [
    companyId,
  ]);
  await pool.query("analyze");
  return { ids: rows.map((r) => r.id), names: rows.map((r) => r.user_name) };
}

/** BEGIN, `work` on one pooled connection, COMMIT; ROLLBACK when it throws. */
async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await work(client);
    await client.query("commit");
  } catch (err) {
    await client.query("rollback");
    throw err;
  } finally {
    client.release();
  }
}

/** The least SQL that creates the same user: the row and its email, in one transaction. */
async function rawCreate(pool: pg.Pool, companyId: string, userName: string): Promise<void> {
  await inTransaction(pool, async (client) => {
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
  });
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

/**
 * A page of users in the app's default order (createdAt, then id) with the total count (a window
 * count over the same scan), then the page's emails in one statement: the two row shapes a SCIM
 * page needs. An empty page would need a separate count; these pages never are.
 */
async function rawList(pool: pg.Pool, companyId: string, offset: number): Promise<void> {
  const { rows } = await pool.query<{ id: string }>(
    `select *, count(*) over () as total from user_account where company_id = $1 order by created_at, id limit ${PAGE_SIZE} offset $2`,
    [companyId, offset],
  );
  await pool.query(`select user_id, value, type, "primary", display from user_email where company_id = $1 and user_id = any($2::uuid[]) order by user_id, position`, [
    companyId,
    rows.map((r) => r.id),
  ]);
}

/** What the company's default scimDeleteMode (deactivate) amounts to: one update. */
async function rawDelete(pool: pg.Pool, companyId: string, id: string): Promise<void> {
  const { rowCount } = await pool.query("update user_account set active = false, version = version + 1, updated_at = now() where company_id = $1 and id = $2", [
    companyId,
    id,
  ]);
  if (rowCount !== 1) throw new Error(`raw delete of ${id} updated ${rowCount} rows`);
}

/**
 * What a SCIM PATCH or DELETE sends, by hand: the five statements of `sameWorkOperation`, each
 * prepared (named), as the app's are, so the comparison is of the stack and not of planning.
 */
async function sameWorkChange(pool: pg.Pool, companyId: string, clientId: string, id: string, action: string, change: { title?: string; active?: boolean }): Promise<void> {
  const { rows: credential } = await pool.query<{ app_password_id: string; user_id: string; user_name: string }>({
    name: "same-work-authenticate",
    text: `select ap.id as app_password_id, ap.secret_hash, u.id as user_id, u.user_name, u.active, c.scim_enabled
             from app_password ap join company c on c.id = ap.company_id join user_account u on u.id = ap.user_id and u.company_id = ap.company_id
            where ap.client_id = $1 and ap.revoked_at is null`,
    values: [clientId],
  });
  const actor = credential[0]!;
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query({
      name: "same-work-lock",
      text: `select u.*, (select coalesce(json_agg(e order by e.position), '[]') from user_email e where e.company_id = u.company_id and e.user_id = u.id) as emails
               from user_account u where u.company_id = $1 and u.id = $2 for update`,
      values: [companyId, id],
    });
    if (!rows[0]) throw new Error(`same-work change: no user ${id}`);
    await client.query({
      name: "same-work-change",
      text: `with changed as (
               update user_account set title = coalesce($3, title), active = coalesce($4, active), version = version + 1, updated_at = clock_timestamp()
                where company_id = $1 and id = $2 returning *),
             audit as (
               insert into audit_event (id, company_id, actor_user_id, actor_user_name, impersonator_user_id, action, target_type, target_id, before, after, created_at)
               select gen_random_uuid(), $1, $5, $6, null, $7, 'User', $2, $8::jsonb, to_jsonb(changed), clock_timestamp() from changed),
             event as (
               insert into provisioning_event (id, company_id, app_password_id, method, path, resource_type, resource_id, outcome, status, scim_type, detail, duration_ms, normalizations, created_at)
               select gen_random_uuid(), $1, $9, $10, '/Users/' || $2, 'User', $2, 'success', $11, null, null, 0, '{}', clock_timestamp() from changed)
             select * from changed`,
      values: [
        companyId,
        id,
        change.title ?? null,
        change.active ?? null,
        actor.user_id,
        actor.user_name,
        action,
        JSON.stringify(rows[0]),
        actor.app_password_id,
        change.active === false ? "DELETE" : "PATCH",
        change.active === false ? 204 : 200,
      ],
    });
  });
}
