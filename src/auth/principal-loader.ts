import type { EntityManager } from "@mikro-orm/postgresql";
import { prepared, type Sql, sqlOf } from "../db/sql.js";
import { permissionsExpression, toPermissions } from "../domain/access-roles/permissions.query.js";
import { DomainError } from "../domain/errors.js";
import type { Principal } from "../domain/principal.js";
import { isUuid } from "../domain/uuid.js";

/** The columns every authentication reads with its credential (over `company c` and `user_account u`): who the account is, its company's SCIM flag, its permissions. */
export const PRINCIPAL_COLUMNS = `c.id as company_id, c.scim_enabled, u.id as user_id, u.user_name, u.active, u.is_service_account, u.is_platform_operator,
       ${permissionsExpression("u.id", "c.id", "u.auto_assign_roles")} as permissions`;

export interface PrincipalRow {
  user_id: string | null;
  company_id: string;
  user_name: string | null;
  active: boolean | null;
  is_service_account: boolean | null;
  is_platform_operator: boolean | null;
  scim_enabled: boolean;
  permissions: string[] | null;
}

/** Whether the row names an account that may act: it exists and is active. */
export function isUsable(row: PrincipalRow | undefined): row is PrincipalRow & { user_id: string; user_name: string } {
  return Boolean(row?.user_id && row.active);
}

export function principalOf(row: PrincipalRow & { user_id: string; user_name: string }, credential: Principal["credential"], impersonatorUserId?: string): Principal {
  return {
    companyId: row.company_id,
    userId: row.user_id,
    userName: row.user_name,
    permissions: toPermissions(row.permissions),
    isServiceAccount: Boolean(row.is_service_account),
    isPlatformOperator: Boolean(row.is_platform_operator),
    scimEnabled: row.scim_enabled,
    credential,
    impersonatorUserId,
  };
}

const SESSION_PRINCIPAL = prepared(
  `select ${PRINCIPAL_COLUMNS},
          (select o.active and o.is_platform_operator from user_account o where o.id = $3::uuid) as operator_active
     from user_account u join company c on c.id = u.company_id
    where u.id = $1 and u.company_id = $2`,
);

/**
 * The Principal of a signed-in session (or an impersonated one, whose operator must still be an
 * active platform operator), in one statement: the user, the company's SCIM flag, the permissions
 * (computed now, so a role or mapping change applies to the next request) and the operator check.
 */
export async function loadSessionPrincipal(
  sql: Sql,
  ids: { companyId: string; userId: string },
  credential: Principal["credential"],
  impersonatorUserId?: string,
): Promise<Principal> {
  if (!isUuid(ids.userId) || !isUuid(ids.companyId)) throw new DomainError("UNAUTHENTICATED", "the account is unknown or inactive");
  if (impersonatorUserId !== undefined && !isUuid(impersonatorUserId)) throw operatorGone();
  const [row] = await sql.query<PrincipalRow & { operator_active: boolean | null }>(SESSION_PRINCIPAL, [ids.userId, ids.companyId, impersonatorUserId ?? null]);
  if (!isUsable(row)) throw new DomainError("UNAUTHENTICATED", "the account is unknown or inactive");
  // An impersonated session lives only as long as its operator does: an operator deactivated or
  // stripped of the role mid-session loses the sessions they opened.
  if (impersonatorUserId !== undefined && !row.operator_active) throw operatorGone();
  return principalOf(row, credential, impersonatorUserId);
}

/** The Principal of a user (for tests and tools holding an EntityManager). */
export function loadPrincipal(
  em: EntityManager,
  ids: { companyId: string; userId: string },
  credential: Principal["credential"],
  impersonatorUserId?: string,
): Promise<Principal> {
  return loadSessionPrincipal(sqlOf(em), ids, credential, impersonatorUserId);
}

function operatorGone(): DomainError {
  return new DomainError("UNAUTHENTICATED", "the platform operator who opened this impersonated session can no longer act");
}
