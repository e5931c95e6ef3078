/**
 * A framework-free SCIM server for the users benchmark's changes: node:http and pg, no Express,
 * GraphQL or ORM, doing the work a SCIM PATCH or DELETE of the app must do, with the app's
 * statements' shapes, each prepared: authenticate the app-password token (credential, account,
 * company flag and permissions in one statement), BEGIN, lock and read the user with its emails
 * and roles, the change with its AuditEvent and ProvisioningEvent, COMMIT, and a SCIM body back.
 * Its ratio to the minimal SQL is what the request's work reaches when the stack costs next to
 * nothing: the most a lighter stack could gain. Served in the server child (server-process.ts)
 * when BENCH_SERVER=framework-free. It handles exactly what the benchmark sends.
 */
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { permissionsExpression } from "../../src/domain/access-roles/permissions.query.js";
import type { ServedApp } from "./serve.js";

const AUTHENTICATE = `select ap.id as app_password_id, ap.secret_hash, ap.revoked_at, c.id as company_id, c.scim_enabled, u.id as user_id, u.user_name, u.active,
                            ${permissionsExpression("u.id", "u.company_id", "u.auto_assign_roles")} as permissions
                       from app_password ap join company c on c.id = ap.company_id join user_account u on u.id = ap.user_id and u.company_id = ap.company_id
                      where ap.client_id = $1`;

const LOCK = `select u.*, (select coalesce(jsonb_agg(jsonb_build_object('value', e.value, 'type', e.type, 'primary', e."primary") order by e.position), '[]')
                             from user_email e where e.user_id = u.id) as emails,
                     (select coalesce(jsonb_agg(jsonb_build_object('value', r.id, 'display', r.display_name)), '[]')
                        from membership m join customer_role r on r.id = m.customer_role_id where m.user_id = u.id and m.company_id = u.company_id) as groups
                from user_account u where u.company_id = $1 and u.id = $2 for update of u`;

const CHANGE = `with changed as (
                  update user_account set title = $3, active = $4, version = version + 1, updated_at = date_trunc('milliseconds', clock_timestamp())
                   where company_id = $1 and id = $2 returning version, updated_at),
                audit as (
                  insert into audit_event (id, company_id, actor_user_id, actor_user_name, impersonator_user_id, action, target_type, target_id, before, after, created_at)
                  select gen_random_uuid(), $1, $5, $6, null, $7, 'User', $2, $8::jsonb, $9::jsonb, clock_timestamp() from changed),
                event as (
                  insert into provisioning_event (id, company_id, app_password_id, method, path, resource_type, resource_id, outcome, status, scim_type, detail, duration_ms, normalizations, created_at)
                  select $10, $1, $11, $12, $13, 'User', $2, 'success', $14, null, null, $15, '{}', clock_timestamp() from changed)
                select * from changed`;

interface Actor {
  appPasswordId: string;
  companyId: string;
  userId: string;
  userName: string;
}

export async function serveFrameworkFree(databaseUrl: string, poolMax: number): Promise<Omit<ServedApp, "services">> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  pool.on("error", () => {});
  const server = http.createServer((req, res) => {
    handle(pool, req, res).catch((err: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.end();
    },
  };
}

async function handle(pool: pg.Pool, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const started = performance.now();
  const body = await readBody(req);
  const actor = await authenticate(pool, req.headers.authorization);
  if (!actor) return void res.writeHead(401).end();
  const id = /^\/scim\/v2\/Users\/([0-9a-f-]{36})$/.exec(req.url ?? "")?.[1];
  if (!id || (req.method !== "PATCH" && req.method !== "DELETE")) return void res.writeHead(404).end();
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query({ name: "ff-lock", text: LOCK, values: [actor.companyId, id] });
    const user = rows[0];
    if (!user) {
      await client.query("rollback");
      return void res.writeHead(404).end();
    }
    // The benchmark's PATCH replaces title; its DELETE deactivates (the default scimDeleteMode).
    const next = { title: user.title as string | null, active: user.active as boolean };
    if (req.method === "PATCH") {
      for (const op of (JSON.parse(body) as { Operations: { op: string; path: string; value: string }[] }).Operations) {
        if (op.op.toLowerCase() === "replace" && op.path === "title") next.title = op.value;
      }
    } else {
      next.active = false;
    }
    const before = { title: user.title, active: user.active };
    const status = req.method === "PATCH" ? 200 : 204;
    const changed = await client.query({
      name: "ff-change",
      text: CHANGE,
      values: [
        actor.companyId,
        id,
        next.title,
        next.active,
        actor.userId,
        actor.userName,
        req.method === "PATCH" ? "user.update" : "user.deprovision",
        JSON.stringify(before),
        JSON.stringify(next),
        randomUUID(),
        actor.appPasswordId,
        req.method,
        req.url,
        status,
        Math.round(performance.now() - started),
      ],
    });
    await client.query("commit");
    if (status === 204) return void res.writeHead(204).end();
    const { version, updated_at } = changed.rows[0];
    res.writeHead(200, { "content-type": "application/scim+json", etag: `W/"${version}"` }).end(
      JSON.stringify({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        id,
        userName: user.user_name,
        name: { givenName: user.given_name, familyName: user.family_name },
        displayName: user.display_name,
        title: next.title,
        active: next.active,
        emails: user.emails,
        groups: user.groups,
        meta: { resourceType: "User", created: user.created_at, lastModified: updated_at, version: `W/"${version}"`, location: `/scim/v2/Users/${id}` },
      }),
    );
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** The app-password token `Bearer <clientId>.<secret>`, checked as the app checks it: hash, constant-time compare, revocation, account and SCIM flag. */
async function authenticate(pool: pg.Pool, header: string | undefined): Promise<Actor | undefined> {
  const token = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!token) return undefined;
  const { rows } = await pool.query({ name: "ff-authenticate", text: AUTHENTICATE, values: [token[1]] });
  const row = rows[0];
  if (!row) return undefined;
  const presented = Buffer.from(createHash("sha256").update(token[2]!, "utf8").digest("hex"), "hex");
  const stored = Buffer.from(row.secret_hash as string, "hex");
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return undefined;
  if (row.revoked_at || !row.active || !row.scim_enabled || !(row.permissions as string[]).includes("CanProvisionUsersAsSCIM")) return undefined;
  return { appPasswordId: row.app_password_id, companyId: row.company_id, userId: row.user_id, userName: row.user_name };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
