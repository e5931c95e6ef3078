import { numbered, type Sql } from "../../db/sql.js";
import { DomainError } from "../errors.js";
import { unknownUserIds } from "../users/unknown-users.query.js";
import { isUuid } from "../uuid.js";
import { bumpRoles } from "./customer-role.repository.js";
import { MembershipSource } from "./membership-source.js";
import { deleteMembershipsOutside, roleIdsHeldOutside } from "./membership.repository.js";

/**
 * A company that allows one customer-supplied role at a time (Company.singleCustomerRole, for
 * Pinpoint-style products that allow one access group per user): a user given a role through
 * SCIM leaves their other SCIM-owned roles in the same transaction. Manual and upload memberships
 * are an admin's, and stay.
 */

/** The sources an IdP owns; a one-role-at-a-time company moves users between roles of these only. */
export const SCIM_SOURCES: readonly MembershipSource[] = [MembershipSource.SCIM_GROUP, MembershipSource.SCIM_ROLES_ATTRIBUTE];

/** A SCIM-owned membership the rule removed from another role. */
export interface Displacement {
  customerRoleId: string;
  userId: string;
  source: MembershipSource;
}

/**
 * What a member change must know before it locks anything, in one statement: for each list of
 * user ids, those that name no user of the company (in input order), and whether the company
 * allows one customer-supplied role per user.
 */
export async function newMemberFacts(
  sql: Sql,
  companyId: string,
  lists: readonly string[][],
): Promise<{ unknown: string[][]; singleCustomerRole: boolean }> {
  const unknown = lists.map((ids) => unknownUserIds(ids, companyId));
  const [row] = await sql.query<Record<string, unknown>>(
    numbered(`select ${[...unknown.map((u, i) => `${u.sql} as unknown_${i}`), "c.single_customer_role"].join(", ")} from company c where c.id = ?`),
    [...unknown.flatMap((u) => u.params), companyId],
  );
  return { unknown: lists.map((_, i) => (row?.[`unknown_${i}`] as string[] | undefined) ?? []), singleCustomerRole: Boolean(row?.single_customer_role) };
}

/** The users the rule moves when they join a role through `source`: none when it does not apply. */
export function singleRoleMovers(singleCustomerRole: boolean, userIds: readonly string[], source: MembershipSource): string[] {
  if (!singleCustomerRole || !SCIM_SOURCES.includes(source)) return [];
  return userIds.filter(isUuid);
}

/** A user the rule moves names one role at most in their `roles` attribute (RFC 7643 §4.1.2). */
export function requireOneRoleName(movers: readonly string[], roleNames: number): void {
  if (movers.length && roleNames > 1) throw DomainError.invalid("roles", "this company allows one customer-supplied role per user; name at most one");
}

/**
 * The other roles the movers leave, so the caller can lock them, with the role they join, in id
 * order before changing anything. Reads the movers' memberships, never a role's member list.
 */
export function rolesToLeave(sql: Sql, companyId: string, joinedRoleId: string, movers: readonly string[]): Promise<string[]> {
  return roleIdsHeldOutside(sql, companyId, joinedRoleId, movers, SCIM_SOURCES);
}

/**
 * Removes the movers' SCIM-owned memberships of every role but the one they joined, and bumps
 * those roles' versions so IdPs polling `meta.lastModified` (SailPoint) see the change.
 */
export async function leaveOtherRoles(sql: Sql, companyId: string, joinedRoleId: string, movers: readonly string[]): Promise<Displacement[]> {
  const displaced = await deleteMembershipsOutside(sql, companyId, joinedRoleId, movers, SCIM_SOURCES);
  await bumpRoles(sql, companyId, [...new Set(displaced.map((d) => d.customerRoleId))]);
  return displaced;
}

/** The provisioning log's account of a move, so the log shows the removals a member change caused (at most 20 named). */
export function displacementDetail(displaced: readonly Displacement[]): string | undefined {
  if (displaced.length === 0) return undefined;
  const named = displaced
    .slice(0, 20)
    .map((d) => `user ${d.userId} from role ${d.customerRoleId}`)
    .join("; ");
  return `one role at a time: removed ${displaced.length} membership(s) from other roles: ${named}`;
}
