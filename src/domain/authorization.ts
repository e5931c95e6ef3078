import type { Permission } from "./access-roles/permission.js";
import { DomainError } from "./errors.js";
import type { Scope } from "./scope.js";

/** Throws FORBIDDEN unless the caller holds at least one of `permissions`. */
export function requirePermission(scope: Scope, ...permissions: Permission[]): void {
  if (permissions.some((p) => scope.principal.permissions.has(p))) return;
  throw DomainError.forbidden(`this requires the permission ${permissions.join(" or ")}`);
}

export function hasPermission(scope: Scope, ...permissions: Permission[]): boolean {
  return permissions.some((p) => scope.principal.permissions.has(p));
}

export function requirePlatformOperator(scope: Scope): void {
  if (!scope.principal.isPlatformOperator || scope.principal.impersonatorUserId) {
    throw DomainError.forbidden("this requires a platform operator");
  }
}
