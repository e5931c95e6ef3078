import type { AuthChecker } from "type-graphql";
import type { Permission } from "../domain/access-roles/permission.js";
import { DomainError } from "../domain/errors.js";
import type { GraphQLContext } from "./context.js";

/** Pseudo-permission for operations reserved to platform operators. */
export const PLATFORM_OPERATOR = "PlatformOperator";

/**
 * `@Authorized()` requires a principal; `@Authorized(A, B)` requires A or B (effective app-access
 * permissions); `@Authorized(PLATFORM_OPERATOR)` requires platform staff, not impersonating.
 */
export const authChecker: AuthChecker<GraphQLContext, string> = ({ context }, required) => {
  const principal = context.principal;
  if (!principal) throw context.authError ?? new DomainError("UNAUTHENTICATED", "authentication required");
  if (required.length === 0) return true;
  if (required.includes(PLATFORM_OPERATOR)) {
    if (principal.isPlatformOperator && !principal.impersonatorUserId) return true;
    throw DomainError.forbidden("this requires a platform operator");
  }
  if (required.some((p) => principal.permissions.has(p as Permission))) return true;
  throw DomainError.forbidden(`this requires the permission ${required.join(" or ")}`);
};
