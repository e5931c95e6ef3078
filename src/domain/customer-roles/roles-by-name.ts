import type { Sql } from "../../db/sql.js";
import { validDisplayName } from "./customer-role-validation.js";
import { bumpRoles, ensureRolesByName, lockRoles } from "./customer-role.repository.js";
import type { MembershipSource } from "./membership-source.js";
import { roleIdsOfUser, setUserMemberships } from "./membership.repository.js";
import { leaveOtherRoles, newMemberFacts, requireOneRoleName, rolesToLeave, singleRoleMovers } from "./single-customer-role.js";

/** What naming a user's roles changed: roles created for names seen for the first time, and the role ids joined and left. */
export interface RolesByNameChange {
  createdRoleIds: string[];
  added: string[];
  removed: string[];
}

/**
 * Makes `displayNames` the roles one user holds through one source: the SCIM User's multi-valued
 * `roles` attribute (RFC 7643 §4.1.2) and uploads name roles rather than identify them. Names
 * compare ignoring case, as displayName does; a name seen for the first time creates an unmapped
 * role, left for an admin to map. Runs in the caller's transaction (a user create or PATCH
 * carrying `roles` is one SCIM request, hence one transaction), set-based, and locks every role it
 * changes in id order; under the one-role-at-a-time rule a user may name one role, and leaves
 * their other SCIM roles for it.
 */
export async function applyUserRolesByName(
  sql: Sql,
  companyId: string,
  userId: string,
  displayNames: readonly string[],
  source: MembershipSource,
): Promise<RolesByNameChange> {
  const byLowerName = new Map<string, string>();
  for (const name of displayNames) {
    const valid = validDisplayName(name, "roles");
    if (!byLowerName.has(valid.toLowerCase())) byLowerName.set(valid.toLowerCase(), valid);
  }
  const movers = byLowerName.size ? singleRoleMovers((await newMemberFacts(sql, companyId, [])).singleCustomerRole, [userId], source) : [];
  requireOneRoleName(movers, byLowerName.size);
  const { idsByName, created } = await ensureRolesByName(sql, companyId, [...byLowerName.values()]);
  const target = [...byLowerName.keys()].map((n) => idsByName.get(n)).filter((id): id is string => Boolean(id));
  const current = await roleIdsOfUser(sql, companyId, userId, source);
  const added = target.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !target.includes(id));
  const others = movers.length ? await rolesToLeave(sql, companyId, target[0]!, movers) : [];
  await lockRoles(sql, companyId, [...new Set([...added, ...removed, ...others])]);
  await setUserMemberships(sql, companyId, userId, source, { add: added, remove: removed });
  if (movers.length) await leaveOtherRoles(sql, companyId, target[0]!, movers);
  await bumpRoles(sql, companyId, [...added.filter((id) => !created.includes(id)), ...removed]);
  return { createdRoleIds: created, added, removed };
}
