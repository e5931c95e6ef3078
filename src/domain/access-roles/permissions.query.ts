import type { EntityManager } from "@mikro-orm/postgresql";
import { type Permission, ALL_PERMISSIONS } from "./permission.js";

/**
 * The permissions a user holds: those of their direct app-access roles, plus, when the user has
 * autoAssignRoles, those mapped from every customer-supplied role they hold (DESIGN "Effective
 * access"). One indexed query; run per request so a revocation or mapping change counts at once.
 * Hand-built SQL, so the company is passed explicitly (STYLE §3.5).
 */
export async function loadPermissions(em: EntityManager, companyId: string, userId: string): Promise<Set<Permission>> {
  const rows: { permission: string }[] = await em.getConnection().execute(
    `select distinct unnest(r.permissions) as permission
       from app_access_role r
      where r.company_id = ?
        and (r.id in (select d.app_access_role_id from user_direct_app_access_role d where d.user_id = ?)
          or r.id in (select p.app_access_role_id
                        from membership m
                        join user_account u on u.id = m.user_id and u.auto_assign_roles
                        join role_mapping rm on rm.customer_role_id = m.customer_role_id
                        join role_mapping_app_access_role p on p.role_mapping_id = rm.id
                       where m.user_id = ? and m.company_id = ?))`,
    [companyId, userId, userId, companyId],
  );
  const known = new Set<string>(ALL_PERMISSIONS);
  return new Set(rows.map((r) => r.permission).filter((p): p is Permission => known.has(p)));
}
