import { type EntityManager, type FilterQuery, LockMode } from "@mikro-orm/postgresql";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { CustomerRole } from "../customer-roles/customer-role.entity.js";
import { numbered, sqlOf } from "../../db/sql.js";
import type { MembershipSource } from "../customer-roles/membership-source.js";
import { DomainError } from "../errors.js";
import { type Page, type PageRequest, inIdOrder, selectPage } from "../paging.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { User } from "../users/user.entity.js";
import { type UserView, userViewOfEntity } from "../users/user.view.js";
import { ACCESS_ROLE_READERS, byName, namedList, requireAccessRoles } from "./access-role.service.js";
import { AppAccessRole } from "./app-access-role.entity.js";
import { DataAccessRole } from "./data-access-role.entity.js";
import { ALL_PERMISSIONS, Permission } from "./permission.js";
import { loadPermissions, loadPermissionsOf } from "./permissions.query.js";
import { isUuid } from "../uuid.js";

export type AccessGrantKind = "DIRECT" | "MAPPING";

/** Why a user holds a role: directly, or through a membership (of a source) of a mapped customer role. */
export interface AccessGrant {
  kind: AccessGrantKind;
  customerRole: CustomerRole | null;
  membershipSource: MembershipSource | null;
}

export interface EffectiveRole<R> {
  role: R;
  grants: AccessGrant[];
}

export interface EffectiveAccess {
  user: UserView;
  dataAccessRoles: EffectiveRole<DataAccessRole>[];
  appAccessRoles: EffectiveRole<AppAccessRole>[];
  permissions: Permission[];
}

export interface UserWithAccess {
  user: UserView;
  grants: AccessGrant[];
}

/** Who may read another user's effective access (anyone may read their own). */
export const EFFECTIVE_ACCESS_READERS = [...ACCESS_ROLE_READERS, Permission.CanManageUsers] as const;

type RoleKind = "data" | "app";

interface GrantRow {
  user_id: string;
  role_kind: RoleKind;
  role_id: string;
  customer_role_id: string | null;
  source: MembershipSource | null;
}

/**
 * Effective access: a user's direct roles plus, when the user has
 * autoAssignRoles, the mapped roles of every customer-supplied role they hold, each with its
 * provenance. The same rule as permissions.query.ts, which decides what a caller may do; the
 * `permissions` field is computed by that very query so the two cannot disagree. Nothing is
 * cached: a mapping change is visible on the next query.
 */
export class EffectiveAccessService {
  async forUser(scope: Scope, userId: string): Promise<EffectiveAccess> {
    if (userId !== scope.principal.userId) requirePermission(scope, ...EFFECTIVE_ACCESS_READERS);
    const companyId = scope.principal.companyId;
    const user = isUuid(userId) ? await scope.em.findOne(User, { id: userId, company: companyId }, { populate: ["emails"] }) : null;
    if (!user) throw DomainError.notFound("User", userId);
    const rows = await grantRows(scope.em, companyId, [userId]);
    const customerRoles = await loadCustomerRoles(scope.em, companyId, rows);
    const [dataRoles, appRoles] = await Promise.all([
      loadRoles(scope.em, DataAccessRole, companyId, rows, "data"),
      loadRoles(scope.em, AppAccessRole, companyId, rows, "app"),
    ]);
    const permissions = await loadPermissions(scope.em, companyId, userId);
    return {
      user: userViewOfEntity(user),
      dataAccessRoles: group(rows, "data", dataRoles, customerRoles),
      appAccessRoles: group(rows, "app", appRoles, customerRoles),
      permissions: ALL_PERMISSIONS.filter((p) => permissions.has(p)),
    };
  }

  /**
   * The effective access of several users already read (a page of users), in a fixed number of
   * statements whatever their number: their grants in one, the roles and customer roles those
   * name in one each, and their permissions in one (the expression authentication uses, so the
   * two cannot disagree). The users must be of the caller's company (they were read through it).
   */
  async forUsers(scope: Scope, users: readonly UserView[]): Promise<EffectiveAccess[]> {
    if (users.some((u) => u.id !== scope.principal.userId)) requirePermission(scope, ...EFFECTIVE_ACCESS_READERS);
    const companyId = scope.principal.companyId;
    const ids = users.map((u) => u.id);
    const rows = await grantRows(scope.em, companyId, ids);
    const customerRoles = await loadCustomerRoles(scope.em, companyId, rows);
    const dataRoles = await loadRoles(scope.em, DataAccessRole, companyId, rows, "data");
    const appRoles = await loadRoles(scope.em, AppAccessRole, companyId, rows, "app");
    const permissions = await loadPermissionsOf(scope.em, companyId, ids);
    return users.map((user) => {
      const own = rows.filter((r) => r.user_id === user.id);
      const held = permissions.get(user.id) ?? new Set<Permission>();
      return {
        user,
        dataAccessRoles: group(own, "data", dataRoles, customerRoles),
        appAccessRoles: group(own, "app", appRoles, customerRoles),
        permissions: ALL_PERMISSIONS.filter((p) => held.has(p)),
      };
    });
  }

  /**
   * The reverse question: who holds a data-access or app-access role, and why. A page of users in
   * SQL (sorted by userName), with the grants of that role for each user of the page.
   */
  async usersWithAccess(
    scope: Scope,
    role: { dataAccessRoleId?: string | null; appAccessRoleId?: string | null },
    page?: PageRequest | null,
  ): Promise<Page<UserWithAccess>> {
    requirePermission(scope, ...EFFECTIVE_ACCESS_READERS);
    const companyId = scope.principal.companyId;
    if (Boolean(role.dataAccessRoleId) === Boolean(role.appAccessRoleId)) {
      throw DomainError.invalid("dataAccessRoleId", "give exactly one of dataAccessRoleId and appAccessRoleId");
    }
    const kind: RoleKind = role.dataAccessRoleId ? "data" : "app";
    const roleId = (role.dataAccessRoleId ?? role.appAccessRoleId)!;
    const exists = isUuid(roleId) && (await scope.em.count(kind === "data" ? DataAccessRole : AppAccessRole, { id: roleId, company: companyId })) > 0;
    if (!exists) throw DomainError.notFound(kind === "data" ? "DataAccessRole" : "AppAccessRole", roleId);

    const direct = kind === "data" ? "user_direct_data_access_role d where d.data_access_role_id" : "user_direct_app_access_role d where d.app_access_role_id";
    const mapped = kind === "data" ? "role_mapping_data_access_role p" : "role_mapping_app_access_role p";
    const mappedRole = kind === "data" ? "p.data_access_role_id" : "p.app_access_role_id";
    const ids = await selectPage(scope.em, {
      from: "user_account u",
      idColumn: "u.id",
      where: {
        sql: `u.company_id = ?
          and (exists (select 1 from ${direct} = ?::uuid and d.user_id = u.id)
            or (u.auto_assign_roles and exists (
                  select 1 from membership m
                    join role_mapping rm on rm.customer_role_id = m.customer_role_id
                    join ${mapped} on p.role_mapping_id = rm.id
                   where m.user_id = u.id and m.company_id = u.company_id and ${mappedRole} = ?::uuid)))`,
        params: [companyId, roleId, roleId],
      },
      sort: { expression: "lower(u.user_name)", kind: "text", descending: false },
      page: page ?? {},
    });
    const users = ids.ids.length ? await scope.em.find(User, { id: { $in: ids.ids }, company: companyId }, { populate: ["emails"] }) : [];
    const rows = (await grantRows(scope.em, companyId, ids.ids)).filter((r) => r.role_kind === kind && r.role_id === roleId);
    const customerRoles = await loadCustomerRoles(scope.em, companyId, rows);
    const nodes = inIdOrder(ids.ids, users).map((user) => ({
      user: userViewOfEntity(user),
      grants: sortGrants(rows.filter((r) => r.user_id === user.id).map((r) => toGrant(r, customerRoles))),
    }));
    return { nodes, totalCount: ids.totalCount, hasNextPage: ids.hasNextPage, endCursor: ids.endCursor, offset: ids.offset };
  }

  /**
   * Replaces a user's direct data-access and app-access roles (CanConfigureCompany; audited with
   * before and after). Direct roles count whatever the user's autoAssignRoles says.
   */
  async setUserDirectRoles(scope: Scope, userId: string, dataAccessRoleIds: readonly string[], appAccessRoleIds: readonly string[]): Promise<EffectiveAccess> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const companyId = scope.principal.companyId;
    await inTransaction(scope, async (em) => {
      // Lock first, populate after: PostgreSQL refuses FOR UPDATE on the outer-joined side of a populate.
      const user = isUuid(userId) ? await em.findOne(User, { id: userId, company: companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
      if (!user) throw DomainError.notFound("User", userId);
      await em.populate(user, ["directDataAccessRoles", "directAppAccessRoles"]);
      const data = await requireAccessRoles(em, DataAccessRole, companyId, dataAccessRoleIds, "dataAccessRoleIds");
      const app = await requireAccessRoles(em, AppAccessRole, companyId, appAccessRoleIds, "appAccessRoleIds");
      const before = directSnapshot(user);
      user.directDataAccessRoles.set(data);
      user.directAppAccessRoles.set(app);
      await em.flush();
      recordAudit(em, scope, { action: "user.setDirectRoles", targetType: "User", targetId: user.id, before, after: directSnapshot(user) });
    });
    return this.forUser(scope, userId);
  }
}

/** Every grant of the given users in one query: four branches, direct and mapped, data and app (the report reuses it per batch). */
export async function grantRows(em: EntityManager, companyId: string, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  const users = userIds;
  return sqlOf(em).query<GrantRow>(
    numbered(`select d.user_id, 'data' as role_kind, d.data_access_role_id as role_id, null::uuid as customer_role_id, null::text as source
       from user_direct_data_access_role d
       join data_access_role r on r.id = d.data_access_role_id and r.company_id = ?
      where d.user_id = any(?::uuid[])
     union all
     select d.user_id, 'app', d.app_access_role_id, null, null
       from user_direct_app_access_role d
       join app_access_role r on r.id = d.app_access_role_id and r.company_id = ?
      where d.user_id = any(?::uuid[])
     union all
     select m.user_id, 'data', p.data_access_role_id, m.customer_role_id, m.source
       from membership m
       join user_account u on u.id = m.user_id and u.auto_assign_roles
       join role_mapping rm on rm.customer_role_id = m.customer_role_id
       join role_mapping_data_access_role p on p.role_mapping_id = rm.id
      where m.company_id = ? and m.user_id = any(?::uuid[]) and u.id = any(?::uuid[])
     union all
     select m.user_id, 'app', p.app_access_role_id, m.customer_role_id, m.source
       from membership m
       join user_account u on u.id = m.user_id and u.auto_assign_roles
       join role_mapping rm on rm.customer_role_id = m.customer_role_id
       join role_mapping_app_access_role p on p.role_mapping_id = rm.id
      where m.company_id = ? and m.user_id = any(?::uuid[]) and u.id = any(?::uuid[])`),
    // u.id = any(...) repeats m.user_id's list so PostgreSQL reads the users by primary key
    // instead of hashing the whole user_account table (a batch of 1,000 of 100,000 users: 5x faster).
    [companyId, users, companyId, users, companyId, users, users, companyId, users, users],
  );
}

async function loadCustomerRoles(em: EntityManager, companyId: string, rows: GrantRow[]): Promise<Map<string, CustomerRole>> {
  const ids = [...new Set(rows.flatMap((r) => (r.customer_role_id ? [r.customer_role_id] : [])))];
  const roles = ids.length ? await em.find(CustomerRole, { id: { $in: ids }, company: companyId }) : [];
  return new Map(roles.map((r) => [r.id, r]));
}

async function loadRoles<T extends DataAccessRole | AppAccessRole>(
  em: EntityManager,
  entity: new () => T,
  companyId: string,
  rows: GrantRow[],
  kind: RoleKind,
): Promise<Map<string, T>> {
  const ids = [...new Set(rows.filter((r) => r.role_kind === kind).map((r) => r.role_id))];
  const roles = ids.length ? await em.find(entity, { id: { $in: ids }, company: companyId } as FilterQuery<T>) : [];
  return new Map(roles.map((r) => [r.id, r]));
}

/** Groups grant rows by role: roles by name, each role's grants direct first, then by customer role and source. */
function group<T extends { id: string; name: string }>(
  rows: GrantRow[],
  kind: RoleKind,
  roles: Map<string, T>,
  customerRoles: Map<string, CustomerRole>,
): EffectiveRole<T>[] {
  const byRole = new Map<string, AccessGrant[]>();
  for (const r of rows) {
    if (r.role_kind !== kind || !roles.has(r.role_id)) continue;
    const grants = byRole.get(r.role_id) ?? [];
    grants.push(toGrant(r, customerRoles));
    byRole.set(r.role_id, grants);
  }
  return [...byRole]
    .map(([id, grants]) => ({ role: roles.get(id)!, grants: sortGrants(grants) }))
    .sort((a, b) => byName(a.role, b.role));
}

function toGrant(r: GrantRow, customerRoles: Map<string, CustomerRole>): AccessGrant {
  return r.customer_role_id
    ? { kind: "MAPPING", customerRole: customerRoles.get(r.customer_role_id) ?? null, membershipSource: r.source }
    : { kind: "DIRECT", customerRole: null, membershipSource: null };
}

function sortGrants(grants: AccessGrant[]): AccessGrant[] {
  const key = (g: AccessGrant) => `${g.kind === "DIRECT" ? 0 : 1}\u0000${g.customerRole?.displayName.toLowerCase() ?? ""}\u0000${g.membershipSource ?? ""}`;
  return grants.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function directSnapshot(user: User) {
  return { dataAccessRoles: namedList(user.directDataAccessRoles.getItems()), appAccessRoles: namedList(user.directAppAccessRoles.getItems()) };
}
