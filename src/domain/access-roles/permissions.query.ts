import type { EntityManager } from "@mikro-orm/postgresql";
import { sqlOf } from "../../db/sql.js";
import { type Permission, ALL_PERMISSIONS } from "./permission.js";

/**
 * The permissions a user holds, as a SQL expression over three expressions of the enclosing
 * statement (the user's id, company id and autoAssignRoles flag): those of the user's direct
 * app-access roles, plus, when the user has autoAssignRoles, those mapped from every
 * customer-supplied role they hold (effective access). A `text[]`. Embedded in the
 * statement that authenticates a request, so permissions cost no statement of their own, and are
 * read on every request, so a revocation or mapping change counts at once. `membershipCondition`
 * (over the membership `m`) narrows which memberships count.
 */
export function permissionsExpression(userId: string, companyId: string, autoAssignRoles: string, membershipCondition = "true"): string {
  return `array(select distinct unnest(r.permissions)
                  from app_access_role r
                 where r.company_id = ${companyId}
                   and (r.id in (select d.app_access_role_id from user_direct_app_access_role d where d.user_id = ${userId})
                     or (${autoAssignRoles} and r.id in (select p.app_access_role_id
                                                           from membership m
                                                           join role_mapping rm on rm.customer_role_id = m.customer_role_id
                                                           join role_mapping_app_access_role p on p.role_mapping_id = rm.id
                                                          where m.user_id = ${userId} and m.company_id = ${companyId} and ${membershipCondition}))))`;
}

/** The known permissions among `names` (a role may carry a name this version does not know). */
export function toPermissions(names: readonly string[] | null | undefined): Set<Permission> {
  const known = new Set<string>(ALL_PERMISSIONS);
  return new Set((names ?? []).filter((p): p is Permission => known.has(p)));
}

/** The permissions of one user, in one statement. Hand-built SQL sees no tenant filter, so the company is passed explicitly. */
export async function loadPermissions(em: EntityManager, companyId: string, userId: string): Promise<Set<Permission>> {
  const [row] = await sqlOf(em).query<{ permissions: string[] }>(
    `select ${permissionsExpression("u.id", "u.company_id", "u.auto_assign_roles")} as permissions
       from user_account u where u.id = $1 and u.company_id = $2`,
    [userId, companyId],
  );
  return toPermissions(row?.permissions);
}

/** The permissions of several users of one company, in one statement (the same expression as {@link loadPermissions}). */
export async function loadPermissionsOf(em: EntityManager, companyId: string, userIds: readonly string[]): Promise<Map<string, Set<Permission>>> {
  if (userIds.length === 0) return new Map();
  const rows = await sqlOf(em).query<{ id: string; permissions: string[] }>(
    `select u.id, ${permissionsExpression("u.id", "u.company_id", "u.auto_assign_roles")} as permissions
       from user_account u where u.id = any($1::uuid[]) and u.company_id = $2`,
    [userIds, companyId],
  );
  return new Map(rows.map((r) => [r.id, toPermissions(r.permissions)]));
}
