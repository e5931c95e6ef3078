import type { EntityManager } from "@mikro-orm/postgresql";
import { loadPermissions } from "../domain/access-roles/permissions.query.js";
import { DomainError } from "../domain/errors.js";
import { User } from "../domain/users/user.entity.js";
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
  // The company comes in the same query (joined), for its SCIM flag.
  const user = await em.findOne(User, { id: ids.userId, company: ids.companyId }, { filters: false, populate: ["company"] });
  if (!user || !user.active) throw new DomainError("UNAUTHENTICATED", "the account is unknown or inactive");
  const permissions = await loadPermissions(em, ids.companyId, ids.userId);
  return {
    companyId: ids.companyId,
    userId: user.id,
    userName: user.userName,
    permissions,
    isServiceAccount: user.isServiceAccount,
    isPlatformOperator: user.isPlatformOperator,
    scimEnabled: user.company.scimEnabled,
    credential,
    impersonatorUserId,
  };
}
