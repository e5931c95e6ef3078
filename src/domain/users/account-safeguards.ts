import type { Sql } from "../../db/sql.js";
import { Permission } from "../access-roles/permission.js";
import { permissionsExpression, toPermissions } from "../access-roles/permissions.query.js";
import { recordRefusal } from "../audit/audit.service.js";
import { MembershipSource } from "../customer-roles/membership-source.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { requireOtherBreakGlassIfEnforced } from "../sso-enforcement/sso-enforcement.service.js";
import type { UserView } from "./user.view.js";

/**
 * The rules that keep a credential which may change users from becoming more than it is.
 *
 * Whoever sets a user's password or userName can sign in as that user. So a principal may do it
 * only to users whose permissions it holds itself, or whose extra permissions reach them solely
 * through memberships the principal's own source owns: an IdP stays authoritative over the
 * admins it provisions and maps itself (a renamed employee), but its SCIM credential cannot take
 * over a Company Administrator created in rolebridge and log in with CanConfigureCompany.
 * Deactivating such a user stays allowed: an IdP must cut off a leaver at once.
 *
 * And no change may lock a company out of itself: no principal deactivates or deletes its own
 * account (an IdP would lose its connection, which the CLI could not give back), and the last
 * active holder of CanConfigureCompany is never deactivated or deleted.
 *
 * Each check runs only when the change does what it guards (a rename, a password, a
 * deactivation or a delete), so the everyday PATCH costs no statement more.
 */

/** The memberships a principal's source owns: an IdP credential owns what SCIM made, a person's session what admins and uploads made. */
function ownedSources(scope: Scope): MembershipSource[] {
  const isIdentityProvider = scope.provisioning !== undefined || scope.principal.credential.kind !== "session";
  return isIdentityProvider ? [MembershipSource.SCIM_GROUP, MembershipSource.SCIM_ROLES_ATTRIBUTE] : [MembershipSource.MANUAL, MembershipSource.UPLOAD];
}

/** The permissions reaching a user other than through the memberships `owned` lists: direct roles, and memberships of other sources. */
const FOREIGN_PERMISSIONS = `select ${permissionsExpression("u.id", "u.company_id", "u.auto_assign_roles", "m.source <> all($3::text[])")} as permissions
                               from user_account u where u.id = $1 and u.company_id = $2`;

/** Refuses (FORBIDDEN) a change of `user`'s userName or password that would give the principal permissions it lacks. */
export async function requireCredentialAuthority(sql: Sql, scope: Scope, user: UserView): Promise<void> {
  const owned = ownedSources(scope);
  const [row] = await sql.query<{ permissions: string[] }>(FOREIGN_PERMISSIONS, [user.id, scope.principal.companyId, owned]);
  const lacking = [...toPermissions(row?.permissions)].filter((p) => !scope.principal.permissions.has(p)).sort();
  if (lacking.length === 0) return;
  throw DomainError.forbidden(
    `${user.userName} holds ${lacking.join(", ")}, which this account lacks and which do not come from memberships its source (${owned.join(", ")}) owns: ` +
      "changing their userName or password would let this account sign in with them, so it is refused. Deactivating them is allowed; an administrator can change the account.",
    "PRIVILEGED_TARGET",
  );
}

/**
 * Whether another active user of the company holds CanConfigureCompany, looked up from the roles
 * that carry it (direct, or mapped from a role the user holds with autoAssignRoles), so a large
 * company is not scanned user by user.
 */
const CONFIGURATORS = `select ${permissionsExpression("u.id", "u.company_id", "u.auto_assign_roles")} @> array['${Permission.CanConfigureCompany}'] as holds,
       exists (select 1
                 from app_access_role r
                where r.company_id = $2 and '${Permission.CanConfigureCompany}' = any(r.permissions)
                  and (exists (select 1 from user_direct_app_access_role d join user_account o on o.id = d.user_id
                                where d.app_access_role_id = r.id and o.company_id = $2 and o.active and o.id <> $1)
                    or exists (select 1 from role_mapping_app_access_role p
                                 join role_mapping rm on rm.id = p.role_mapping_id
                                 join membership m on m.customer_role_id = rm.customer_role_id and m.company_id = $2
                                 join user_account o on o.id = m.user_id
                                where p.app_access_role_id = r.id and o.company_id = $2 and o.auto_assign_roles and o.active and o.id <> $1))) as others
  from user_account u where u.id = $1 and u.company_id = $2`;

/**
 * Refuses deactivating or deleting the principal's own account (FORBIDDEN) or the company's last
 * active configurator (CONFLICT). `holdsConfigure`, when the caller read it with its lock, spares
 * the look-up for a user who does not configure the company.
 */
export async function requireMayDeactivate(sql: Sql, scope: Scope, user: UserView, what: "deactivate" | "delete", holdsConfigure?: boolean): Promise<void> {
  if (user.id === scope.principal.userId) {
    throw DomainError.forbidden(
      `an account cannot ${what} itself: ${user.userName} is the account making this request, and it would lose its own access`,
      "SELF_LOCKOUT",
    );
  }
  if (!user.active || holdsConfigure === false) return;
  const [row] = await sql.query<{ holds: boolean; others: boolean }>(CONFIGURATORS, [user.id, scope.principal.companyId]);
  if (row?.holds && !row.others) {
    throw new DomainError(
      "CONFLICT",
      `${user.userName} is the company's last active user holding ${Permission.CanConfigureCompany}; give another user that permission before you ${what} this one`,
      { reason: "LAST_ADMINISTRATOR" },
    );
  }
  // While SSO is enforced, the last break-glass administrator is the company's way in when its IdP fails.
  if (row?.holds) await requireOtherBreakGlassIfEnforced(sql, scope.principal.companyId, user, what === "delete" ? "Deleting" : "Deactivating", what === "delete" ? "id" : "active");
}

/** The reasons these rules refuse a change with; each refusal is recorded as an AuditEvent of its own. */
const SAFEGUARD_REASONS = new Set(["PRIVILEGED_TARGET", "SELF_LOCKOUT", "LAST_ADMINISTRATOR", "NO_BREAK_GLASS_ADMINISTRATOR"]);

/**
 * Runs a change of user `targetId` and, when a safeguard refuses it, records the refusal: the
 * change's transaction rolled back with its records, so the refusal is written on its own.
 */
export async function recordingRefusals<T>(scope: Scope, action: string, targetId: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (err instanceof DomainError && err.reason && SAFEGUARD_REASONS.has(err.reason)) {
      await recordRefusal(scope, { action: `${action}.refused`, targetType: "User", targetId, after: { reason: err.reason, detail: err.message } });
    }
    throw err;
  }
}
