import { numbered, type Sql } from "../../db/sql.js";
import { CHANGE_TIME } from "../change-time.js";

/**
 * The SQL that writes and locks customer_role rows outside the ORM, for member changes that run
 * on hand-written SQL. Hand-built SQL sees no tenant filter: each statement names the company.
 */

/** A customer_role row as `select *` returns it. */
export type CustomerRoleRow = { id: string; company_id: string; display_name: string; external_id: string | null; version: number };

/** Locks roles of the company (`select … for update`) in id order, the one order every transaction uses, so opposite moves queue instead of deadlocking. */
export async function lockRoles(sql: Sql, companyId: string, ids: readonly string[]): Promise<CustomerRoleRow[]> {
  if (ids.length === 0) return [];
  return sql.query<CustomerRoleRow>(`select * from customer_role where company_id = $1 and id = any($2::uuid[]) order by id for update`, [companyId, ids]);
}

/** Bumps version and updatedAt of roles whose members changed (SCIM meta.lastModified must move, RFC 7643 §3.1). */
export async function bumpRoles(sql: Sql, companyId: string, roleIds: readonly string[]): Promise<void> {
  if (roleIds.length === 0) return;
  await sql.query(numbered(`update customer_role set version = version + 1, updated_at = ${CHANGE_TIME} where company_id = ? and id = any(?::uuid[])`), [
    companyId,
    roleIds,
  ]);
}

/**
 * Finds the company's roles by displayName ignoring case (the customer_role_display_name_ci index),
 * creating those that do not exist yet, unmapped (a name seen for the first time, left for an
 * admin to map).
 * Returns every role id by lower-cased name, and the ids it created.
 */
export async function ensureRolesByName(
  sql: Sql,
  companyId: string,
  displayNames: readonly string[],
): Promise<{ idsByName: Map<string, string>; created: string[] }> {
  if (displayNames.length === 0) return { idsByName: new Map(), created: [] };
  const created = await sql.query<{ id: string }>(
    numbered(`insert into customer_role (id, company_id, display_name, version, created_at, updated_at)
     select gen_random_uuid(), ?, n, 1, ${CHANGE_TIME}, ${CHANGE_TIME} from unnest(?::text[]) as n
     on conflict do nothing
     returning id`),
    [companyId, displayNames],
  );
  const rows = await sql.query<{ id: string; name: string }>(
    numbered(`select id, lower(display_name) as name from customer_role where company_id = ? and lower(display_name) = any(?::text[])`),
    [companyId, displayNames.map((n) => n.toLowerCase())],
  );
  return { idsByName: new Map(rows.map((r) => [r.name, r.id])), created: created.map((r) => r.id) };
}
