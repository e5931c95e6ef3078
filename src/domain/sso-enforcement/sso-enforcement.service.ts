import { prepared, type Sql } from "../../db/sql.js";
import { Permission } from "../access-roles/permission.js";
import { permissionsExpression } from "../access-roles/permissions.query.js";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { CHANGE_TIME } from "../change-time.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inSqlTransaction } from "../unit-of-work.js";
import { selectUser } from "../users/user.repository.js";
import type { UserView } from "../users/user.view.js";
import { isUuid } from "../uuid.js";

/**
 * Whether some active user of the company, other than `$2`, could still get in with a password
 * and configure the company once SSO is enforced: break-glass, with a password, holding
 * CanConfigureCompany. Break-glass accounts are few, so only they are examined.
 */
const BREAK_GLASS_ADMINISTRATOR = prepared(`select exists (
  select 1 from user_account u
   where u.company_id = $1 and u.break_glass and u.active and u.password_hash is not null and u.id is distinct from $2::uuid
     and ${permissionsExpression("u.id", "u.company_id", "u.auto_assign_roles")} @> array['${Permission.CanConfigureCompany}']) as found`);

/** Refuses (NO_BREAK_GLASS_ADMINISTRATOR) unless a break-glass administrator other than `exceptUserId` keeps a way in. */
export async function requireBreakGlassAdministrator(sql: Sql, companyId: string, exceptUserId: string | null, what: string, field = "ssoEnforced"): Promise<void> {
  const [row] = await sql.query<{ found: boolean }>(BREAK_GLASS_ADMINISTRATOR, [companyId, exceptUserId]);
  if (row?.found) return;
  throw DomainError.invalid(
    field,
    `${what} would leave no way in if the IdP fails: first mark at least one active user who holds CanConfigureCompany and has a password as break-glass`,
    "NO_BREAK_GLASS_ADMINISTRATOR",
  );
}

/**
 * While the company enforces SSO, refuses a change that would take `user`, a break-glass account,
 * out of the way in (deactivating, deleting, clearing its password, unmarking it) unless another
 * break-glass administrator keeps one. Costs statements only for break-glass users. The company
 * row is locked, as enforcing SSO locks it, so the two cannot both pass on a stale view of each other.
 */
export async function requireOtherBreakGlassIfEnforced(
  sql: Sql,
  companyId: string,
  user: { id: string; userName: string; breakGlass?: boolean },
  what: string,
  field: string,
): Promise<void> {
  if (!user.breakGlass) return;
  const [company] = await sql.query<{ sso_enforced: boolean }>(`select sso_enforced from company where id = $1 for update`, [companyId]);
  if (company?.sso_enforced) await requireBreakGlassAdministrator(sql, companyId, user.id, `${what} ${user.userName} while SSO is enforced`, field);
}

/**
 * Break-glass accounts: users who may still sign in with a password while their company enforces
 * SSO (the company setting ssoEnforced, changed through CompanyService.updateSettings). While it
 * is enforced, the last break-glass administrator cannot be unmarked.
 */
export class SsoEnforcementService {
  /** Marks a user break-glass or not (CanConfigureCompany; audited). */
  async setBreakGlass(scope: Scope, userId: string, breakGlass: boolean): Promise<UserView> {
    requirePermission(scope, Permission.CanConfigureCompany);
    if (typeof breakGlass !== "boolean") throw DomainError.invalid("breakGlass", "breakGlass must be true or false");
    const companyId = scope.principal.companyId;
    return inSqlTransaction(scope, async (sql) => {
      const user = isUuid(userId) ? await selectUser(sql, companyId, userId, { withRoles: false, forUpdate: true }) : undefined;
      if (!user) throw DomainError.notFound("User", userId);
      if (user.breakGlass === breakGlass) return user;
      if (!breakGlass) await requireOtherBreakGlassIfEnforced(sql, companyId, user, "Unmarking", "breakGlass");
      await sql.query(
        `update user_account set break_glass = $3, version = version + 1, updated_at = ${CHANGE_TIME} where id = $1 and company_id = $2`,
        [user.id, companyId, breakGlass],
      );
      recordAudit(sql, scope, { action: "user.setBreakGlass", targetType: "User", targetId: user.id, before: { breakGlass: user.breakGlass }, after: { breakGlass } });
      return (await selectUser(sql, companyId, user.id, { withRoles: false }))!;
    });
  }
}
