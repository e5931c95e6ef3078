import type { EntityManager } from "@mikro-orm/postgresql";
import { loadPermissions } from "../domain/access-roles/permissions.query.js";
import { DomainError } from "../domain/errors.js";
import { isUuid } from "../domain/where.js";
import type { Principal } from "./principal.js";

/**
 * Builds the Principal for an authenticated user: the user must exist in the company and be
 * active; permissions are computed now, so a role or mapping change applies to the next request.
 */
export async function loadPrincipal(
  em: EntityManager,
  ids: { companyId: string; userId: string },
  credential: Principal["credential"],
  impersonatorUserId?: string,
): Promise<Principal> {
  if (!isUuid(ids.userId) || !isUuid(ids.companyId)) throw new DomainError("UNAUTHENTICATED", "the account is unknown or inactive");
  // Runs on every authenticated request: plain SQL, with the company's SCIM flag in the same row.
  // Hand-built SQL, so the company is named explicitly (STYLE §3.5).
  const [user]: { id: string; user_name: string; active: boolean; is_service_account: boolean; is_platform_operator: boolean; scim_enabled: boolean }[] =
    await em.getConnection().execute(
      `select u.id, u.user_name, u.active, u.is_service_account, u.is_platform_operator, c.scim_enabled
         from user_account u join company c on c.id = u.company_id
        where u.id = ? and u.company_id = ?`,
      [ids.userId, ids.companyId],
    );
  if (!user || !user.active) throw new DomainError("UNAUTHENTICATED", "the account is unknown or inactive");
  const permissions = await loadPermissions(em, ids.companyId, ids.userId);
  return {
    companyId: ids.companyId,
    userId: user.id,
    userName: user.user_name,
    permissions,
    isServiceAccount: user.is_service_account,
    isPlatformOperator: user.is_platform_operator,
    scimEnabled: user.scim_enabled,
    credential,
    impersonatorUserId,
  };
}
