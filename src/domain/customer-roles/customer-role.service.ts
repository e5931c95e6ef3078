import { sqlOf } from "../../db/sql.js";
import { ACCESS_ROLE_READERS } from "../access-roles/access-role.service.js";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { Company } from "../companies/company.entity.js";
import { DomainError } from "../errors.js";
import { inIdOrder, type Page, type PageRequest, selectPage } from "../paging.js";
import type { Scope } from "../scope.js";
import { inTransaction, type ProvisioningRecord } from "../unit-of-work.js";
import { requireKnownUsers } from "../users/unknown-users.query.js";
import { isUuid } from "../uuid.js";
import { compileWhere } from "../where.js";
import type { RoleHolding } from "../users/user.view.js";
import { CustomerRole } from "./customer-role.entity.js";
import { validDisplayName, validExternalId } from "./customer-role-validation.js";
import { type CustomerRoleRow, lockRoles } from "./customer-role.repository.js";
import {
  CUSTOMER_ROLE_FIELDS,
  CUSTOMER_ROLE_FROM,
  type CustomerRoleSortField,
  type CustomerRoleWhere,
  customerRoleSort,
} from "./customer-role.where.js";
import { MembershipSource } from "./membership-source.js";
import { CHANGE_TIME } from "../change-time.js";
import { countMembers, deleteMembers, insertMembers, pageMembers, replaceMembers, rolesOfUsers } from "./membership.repository.js";
import { applyUserRolesByName } from "./roles-by-name.js";
import { type Displacement, displacementDetail, leaveOtherRoles, newMemberFacts, rolesToLeave, singleRoleMovers } from "./single-customer-role.js";

/** Who may read customer-supplied roles and their members. */
export const CUSTOMER_ROLE_READERS = [
  Permission.CanViewUsers,
  Permission.CanManageUsers,
  Permission.CanProvisionUsersAsSCIM,
  Permission.CanConfigureCompany,
] as const;

/** Who may create, change and delete customer-supplied roles and their members. */
export const CUSTOMER_ROLE_WRITERS = [Permission.CanManageUsers, Permission.CanProvisionUsersAsSCIM, Permission.CanConfigureCompany] as const;

export interface CustomerRoleListQuery {
  where?: CustomerRoleWhere | null;
  orderBy?: { field?: CustomerRoleSortField | null; descending?: boolean | null } | null;
  page?: PageRequest | null;
}

export interface NewCustomerRole {
  displayName: string;
  externalId?: string | null;
  memberIds?: readonly string[] | null;
  /** Who owns the initial memberships (default MANUAL). */
  source?: MembershipSource | null;
}

export interface CustomerRoleAttributes {
  displayName?: string | null;
  /** null clears it. */
  externalId?: string | null;
}

/**
 * Everything one SCIM PATCH of a Group can do, applied in one transaction:
 * attributes, then replaceUserIds, then removeUserIds, then addUserIds, all for one `source`.
 */
export interface CustomerRolePatch extends CustomerRoleAttributes {
  addUserIds?: readonly string[] | null;
  removeUserIds?: readonly string[] | null;
  /** The whole membership of `source` (others stay); null or absent leaves it as it is. */
  replaceUserIds?: readonly string[] | null;
  source?: MembershipSource | null;
}

/**
 * A member as GraphQL shows it: the user's id and names (read with the page), who owns the
 * membership, and since when. The whole User is loaded only when a caller asks for it.
 */
export interface MemberNode {
  userId: string;
  userName: string;
  userDisplayName: string | null;
  source: MembershipSource;
  createdAt: Date;
}

export type { RoleHolding } from "../users/user.view.js";

/** In the provisioning log, a customer-supplied role is the SCIM Group resource (RFC 7643 §4.2). */
const SCIM_RESOURCE_TYPE = "Group";

/** Audit events keep at most this many user ids per list; the counts are always exact. */
const AUDIT_ID_LIMIT = 1000;

/** The argument names an error's `field` points at, which differ between the single-purpose mutations and the PATCH. */
interface IdListFields {
  add: string;
  remove: string;
  replace: string;
}
const ARGUMENT_FIELDS: IdListFields = { add: "userIds", remove: "userIds", replace: "userIds" };
const PATCH_FIELDS: IdListFields = { add: "addUserIds", remove: "removeUserIds", replace: "replaceUserIds" };

/**
 * Customer-supplied roles (SCIM Groups) and their memberships. Member changes are set-based SQL
 * that never reads the member list, so a role of 100,000 members costs what one of 10 does; each
 * mutation is one transaction with its version bump, audit event and ProvisioningEvent.
 */
export class CustomerRoleService {
  /** A filtered, sorted page of the company's roles (RFC 7644 §3.4.2), in SQL. */
  async list(scope: Scope, query: CustomerRoleListQuery = {}): Promise<Page<CustomerRole>> {
    requirePermission(scope, ...CUSTOMER_ROLE_READERS);
    return this.selectRoles(scope, query, "true");
  }

  /** Roles with no mapping yet: what an admin still has to map. */
  async listUnmapped(scope: Scope, page?: PageRequest | null): Promise<Page<CustomerRole>> {
    requirePermission(scope, ...ACCESS_ROLE_READERS);
    return this.selectRoles(scope, { page, orderBy: { field: "displayName" } }, "not exists (select 1 from role_mapping rm where rm.customer_role_id = r.id)");
  }

  private async selectRoles(scope: Scope, query: CustomerRoleListQuery, extraCondition: string): Promise<Page<CustomerRole>> {
    const companyId = scope.principal.companyId;
    const filter = compileWhere(query.where, CUSTOMER_ROLE_FIELDS);
    const page = await selectPage(scope.em, {
      from: CUSTOMER_ROLE_FROM,
      idColumn: "r.id",
      where: { sql: `r.company_id = ? and ${extraCondition} and ${filter.sql}`, params: [companyId, ...filter.params] },
      sort: customerRoleSort(query.orderBy?.field ?? "createdAt", query.orderBy?.descending ?? false),
      page: query.page ?? {},
    });
    const roles = page.ids.length ? await scope.em.find(CustomerRole, { id: { $in: page.ids }, company: companyId }) : [];
    return { nodes: inIdOrder(page.ids, roles), totalCount: page.totalCount, hasNextPage: page.hasNextPage, endCursor: page.endCursor, offset: page.offset };
  }

  /** One role of the caller's company; NOT_FOUND for an unknown, foreign or malformed id. */
  async get(scope: Scope, id: string): Promise<CustomerRole> {
    requirePermission(scope, ...CUSTOMER_ROLE_READERS);
    const role = isUuid(id) ? await scope.em.findOne(CustomerRole, { id, company: scope.principal.companyId }) : null;
    if (!role) throw DomainError.notFound("CustomerRole", id);
    return role;
  }

  /** Roles by id, for field resolvers that batch (missing ids are left out). */
  async byIds(scope: Scope, ids: readonly string[]): Promise<CustomerRole[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? scope.em.find(CustomerRole, { id: { $in: valid }, company: scope.principal.companyId }) : [];
  }

  /**
   * The roles each of several users holds, with the sources of the holding (the SCIM User's
   * read-only `groups`, RFC 7643 §4.1.2), by displayName. Readers of customer roles may ask about
   * anyone; every user about themself.
   */
  async holdingsOfUsers(scope: Scope, userIds: readonly string[]): Promise<Map<string, RoleHolding[]>> {
    if (userIds.some((u) => u !== scope.principal.userId)) requirePermission(scope, ...CUSTOMER_ROLE_READERS);
    const companyId = scope.principal.companyId;
    const rows = await rolesOfUsers(sqlOf(scope.em), companyId, userIds.filter(isUuid));
    const roles = new Map((await this.byIds(scope, [...new Set(rows.map((r) => r.customerRoleId))])).map((r) => [r.id, r]));
    const result = new Map<string, RoleHolding[]>(userIds.map((u) => [u, []]));
    for (const r of rows) {
      const customerRole = roles.get(r.customerRoleId);
      if (customerRole) result.get(r.userId)?.push({ customerRole, sources: r.sources });
    }
    for (const holdings of result.values()) holdings.sort((x, y) => x.customerRole.displayName.localeCompare(y.customerRole.displayName));
    return result;
  }

  /** Member counts of several roles in one query. */
  async memberCounts(scope: Scope, roleIds: readonly string[], source?: MembershipSource | null): Promise<Map<string, number>> {
    requirePermission(scope, ...CUSTOMER_ROLE_READERS);
    return countMembers(sqlOf(scope.em), scope.principal.companyId, roleIds.filter(isUuid), source);
  }

  /** A page of members for each of several roles: one query for the pages (with the members' names), one for counts. */
  async memberPages(
    scope: Scope,
    roleIds: readonly string[],
    opts: { source?: MembershipSource | null; page?: PageRequest | null },
  ): Promise<Map<string, Page<MemberNode>>> {
    requirePermission(scope, ...CUSTOMER_ROLE_READERS);
    const companyId = scope.principal.companyId;
    const pages = await pageMembers(sqlOf(scope.em), companyId, roleIds.filter(isUuid), opts);
    const result = new Map<string, Page<MemberNode>>();
    for (const roleId of roleIds) {
      const p = pages.get(roleId);
      if (!p) {
        result.set(roleId, { nodes: [], totalCount: 0, hasNextPage: false, endCursor: null, offset: 0 });
        continue;
      }
      const nodes = p.rows.map((r) => ({ userId: r.userId, userName: r.userName, userDisplayName: r.userDisplayName, source: r.source, createdAt: r.createdAt }));
      result.set(roleId, { nodes, totalCount: p.totalCount, hasNextPage: p.hasNextPage, endCursor: p.endCursor, offset: p.offset });
    }
    return result;
  }

  /** Creates a role, optionally with members of one source (SCIM POST /Groups, RFC 7644 §3.3). */
  async create(scope: Scope, input: NewCustomerRole): Promise<CustomerRole> {
    requirePermission(scope, ...CUSTOMER_ROLE_WRITERS);
    const displayName = validDisplayName(input.displayName);
    const externalId = validExternalId(input.externalId);
    const memberIds = distinct(input.memberIds);
    const source = input.source ?? MembershipSource.MANUAL;
    const companyId = scope.principal.companyId;
    const changed = await inTransaction(
      scope,
      async (em) => {
        const sql = sqlOf(em);
        const facts = await newMemberFacts(sql, companyId, [memberIds.filter(isUuid)]);
        requireKnownUsers(memberIds, facts.unknown[0]!, "memberIds");
        const role = em.create(CustomerRole, { company: em.getReference(Company, companyId), displayName, externalId });
        // Flushed now so a taken displayName fails here as CONFLICT, before any membership is written.
        await em.flush();
        const movers = singleRoleMovers(facts.singleCustomerRole, memberIds, source);
        await lockRoles(sql, companyId, await rolesToLeave(sql, companyId, role.id, movers));
        const added = await insertMembers(sql, companyId, role.id, memberIds, source);
        const displaced = await leaveOtherRoles(sql, companyId, role.id, movers);
        recordAudit(em, scope, {
          action: "customerRole.create",
          targetType: "CustomerRole",
          targetId: role.id,
          after: { displayName, externalId, source, ...idList("addedUserIds", added), ...displacedSummary(displaced) },
        });
        return { role, displaced };
      },
      MEMBER_CHANGE,
    );
    return changed.role;
  }

  /** Changes displayName and/or externalId. */
  async update(scope: Scope, id: string, input: CustomerRoleAttributes, expectedVersion?: number | null): Promise<CustomerRole> {
    return this.apply(scope, id, { displayName: input.displayName, externalId: input.externalId }, expectedVersion, ARGUMENT_FIELDS);
  }

  /** Adds members of one source; users already holding the role through it are left as they are. */
  async addMembers(scope: Scope, id: string, userIds: readonly string[], source: MembershipSource, expectedVersion?: number | null) {
    return this.apply(scope, id, { addUserIds: userIds, source }, expectedVersion, ARGUMENT_FIELDS);
  }

  /** Removes members of one source; memberships of other sources stay. */
  async removeMembers(scope: Scope, id: string, userIds: readonly string[], source: MembershipSource, expectedVersion?: number | null) {
    return this.apply(scope, id, { removeUserIds: userIds, source }, expectedVersion, ARGUMENT_FIELDS);
  }

  /** Makes `userIds` the whole membership of `source`; other sources' memberships stay (ownership). */
  async replaceMembers(scope: Scope, id: string, userIds: readonly string[], source: MembershipSource, expectedVersion?: number | null) {
    return this.apply(scope, id, { replaceUserIds: userIds, source }, expectedVersion, ARGUMENT_FIELDS);
  }

  /**
   * One SCIM PATCH (RFC 7644 §3.5.2) or PUT (§3.5.1) of a Group as one transaction: lock the role
   * row (which serialises concurrent member changes of this role), check the expected version,
   * apply set-based member changes, then bump version and updatedAt with one UPDATE, only when
   * something changed. Every user id to add must exist in the caller's company, or nothing is
   * applied and BAD_USER_INPUT names the ids (SailPoint acts on that detail). Removing a user who
   * is not a member, or no longer exists, is a no-op: IdPs retry removes (Okta, Entra), and a
   * failing retry would quarantine the job.
   */
  async patch(scope: Scope, id: string, patch: CustomerRolePatch, expectedVersion?: number | null): Promise<CustomerRole> {
    return this.apply(scope, id, patch, expectedVersion, PATCH_FIELDS);
  }

  private async apply(
    scope: Scope,
    id: string,
    patch: CustomerRolePatch,
    expectedVersion: number | null | undefined,
    fields: IdListFields,
  ): Promise<CustomerRole> {
    requirePermission(scope, ...CUSTOMER_ROLE_WRITERS);
    const companyId = scope.principal.companyId;
    if (!isUuid(id)) throw DomainError.notFound("CustomerRole", id);
    const displayName = patch.displayName === undefined ? undefined : validDisplayName(patch.displayName);
    const externalId = patch.externalId === undefined ? undefined : validExternalId(patch.externalId);
    const source = patch.source ?? MembershipSource.MANUAL;
    const add = distinct(patch.addUserIds);
    const remove = distinct(patch.removeUserIds).filter(isUuid);
    const replace = patch.replaceUserIds == null ? null : distinct(patch.replaceUserIds);
    const both = add.filter((u) => remove.includes(u));
    if (both.length) throw DomainError.invalid(fields.remove, `user ids both added and removed: ${both.join(", ")}`);

    const changed = await inTransaction(
      scope,
      async (em) => {
        const sql = sqlOf(em);
        // Every user id to add must name a user of the company; one statement checks them all
        // (when there are any) and reads the one-role-at-a-time setting with them.
        const facts = add.length || replace?.length ? await newMemberFacts(sql, companyId, [add.filter(isUuid), (replace ?? []).filter(isUuid)]) : undefined;
        requireKnownUsers(add, facts?.unknown[0] ?? [], fields.add);
        if (replace) requireKnownUsers(replace, facts?.unknown[1] ?? [], fields.replace);
        // The row lock orders concurrent member changes of this role, so twenty parallel PATCHes
        // end in the serial result. A one-role-at-a-time move also changes the users' other roles:
        // all are locked in one statement in id order, so opposite moves queue instead of deadlocking.
        const movers = singleRoleMovers(facts?.singleCustomerRole ?? false, [...(replace ?? []), ...add], source);
        const others = await rolesToLeave(sql, companyId, id, movers);
        const row = (await lockRoles(sql, companyId, [id, ...others])).find((r) => r.id === id);
        if (!row) throw DomainError.notFound("CustomerRole", id);
        if (expectedVersion != null && row.version !== expectedVersion) throw DomainError.versionMismatch("CustomerRole", expectedVersion, row.version);

        const added: string[] = [];
        const removed: string[] = [];
        if (replace) {
          const r = await replaceMembers(sql, companyId, id, replace, source);
          added.push(...r.added);
          removed.push(...r.removed);
        }
        removed.push(...(await deleteMembers(sql, companyId, id, remove, source)));
        added.push(...(await insertMembers(sql, companyId, id, add, source)));
        const displaced = await leaveOtherRoles(sql, companyId, id, movers);

        const nextName = displayName ?? row.display_name;
        const nextExternalId = externalId === undefined ? row.external_id : externalId;
        const attributesChanged = nextName !== row.display_name || nextExternalId !== row.external_id;
        if (!attributesChanged && added.length === 0 && removed.length === 0) return { role: em.map(CustomerRole, row), displaced };

        const [bumped] = await sql.query<CustomerRoleRow>(
          `update customer_role
              set display_name = $1, external_id = $2, version = version + 1, updated_at = ${CHANGE_TIME}
            where id = $3 and company_id = $4
        returning *`,
          [nextName, nextExternalId, id, companyId],
        );
        recordAudit(em, scope, {
          action: "customerRole.update",
          targetType: "CustomerRole",
          targetId: id,
          before: attributesChanged ? { displayName: row.display_name, externalId: row.external_id } : undefined,
          after: {
            ...(attributesChanged ? { displayName: nextName, externalId: nextExternalId } : {}),
            ...(added.length || removed.length ? { source, ...idList("addedUserIds", added), ...idList("removedUserIds", removed) } : {}),
            ...displacedSummary(displaced),
          },
        });
        return { role: em.map(CustomerRole, bumped!), displaced };
      },
      MEMBER_CHANGE,
    );
    return changed.role;
  }

  /** Deletes a role: its memberships and mapping go (foreign keys cascade), the users stay (RFC 7644 §3.6). */
  async delete(scope: Scope, id: string, expectedVersion?: number | null): Promise<string> {
    requirePermission(scope, ...CUSTOMER_ROLE_WRITERS);
    const companyId = scope.principal.companyId;
    if (!isUuid(id)) throw DomainError.notFound("CustomerRole", id);
    return inTransaction(
      scope,
      async (em) => {
        const sql = sqlOf(em);
        const [row] = await lockRoles(sql, companyId, [id]);
        if (!row) throw DomainError.notFound("CustomerRole", id);
        if (expectedVersion != null && row.version !== expectedVersion) throw DomainError.versionMismatch("CustomerRole", expectedVersion, row.version);
        await sql.query(`delete from customer_role where id = $1 and company_id = $2`, [id, companyId]);
        recordAudit(em, scope, {
          action: "customerRole.delete",
          targetType: "CustomerRole",
          targetId: id,
          before: { displayName: row.display_name, externalId: row.external_id, version: row.version },
        });
        return id;
      },
      { resourceType: SCIM_RESOURCE_TYPE, resourceId: (deleted) => deleted },
    );
  }

  /**
   * Makes `displayNames` the roles a user holds through one source (default: the SCIM User's
   * multi-valued `roles` attribute, RFC 7643 §4.1.2, which names roles rather than ids). Names
   * compare ignoring case, as displayName does; a name seen for the first time creates an unmapped
   * role, which unmappedCustomerRoles then lists for an admin.
   */
  async setUserRolesByName(
    scope: Scope,
    userId: string,
    displayNames: readonly string[],
    source: MembershipSource = MembershipSource.SCIM_ROLES_ATTRIBUTE,
  ): Promise<RoleHolding[]> {
    requirePermission(scope, ...CUSTOMER_ROLE_WRITERS);
    const companyId = scope.principal.companyId;
    if (!isUuid(userId)) throw DomainError.notFound("User", userId);
    await inTransaction(
      scope,
      async (em) => {
        const sql = sqlOf(em);
        const [user] = await sql.query<{ id: string }>(`select id from user_account where id = $1 and company_id = $2 for update`, [userId, companyId]);
        if (!user) throw DomainError.notFound("User", userId);
        const change = await applyUserRolesByName(sql, companyId, userId, displayNames, source);
        if (change.added.length || change.removed.length) {
          recordAudit(em, scope, { action: "user.setCustomerRoles", targetType: "User", targetId: userId, after: { source, ...change } });
        }
        return userId;
      },
      { resourceType: "User", resourceId: (id) => id },
    );
    return (await this.holdingsOfUsers(scope, [userId])).get(userId) ?? [];
  }
}

/**
 * The ProvisioningEvent of a change of a role's attributes or members. Under the one-role-at-a-time
 * setting a member change also removes users from their other SCIM roles; the event's detail names
 * those removals, read from what the change returns, so the provisioning log records both.
 */
const MEMBER_CHANGE: ProvisioningRecord<{ role: CustomerRole; displaced: readonly Displacement[] }> = {
  resourceType: SCIM_RESOURCE_TYPE,
  resourceId: (changed) => changed.role.id,
  detail: (changed) => displacementDetail(changed.displaced),
};

function distinct(ids: readonly string[] | null | undefined): string[] {
  return [...new Set(ids ?? [])];
}

function idList(key: string, ids: string[]): Record<string, unknown> {
  if (ids.length === 0) return {};
  return { [key]: ids.slice(0, AUDIT_ID_LIMIT), [`${key.replace(/Ids$/, "")}Count`]: ids.length };
}

function displacedSummary(displaced: readonly Displacement[]): Record<string, unknown> {
  return displaced.length ? { removedFromOtherRoles: displaced.slice(0, AUDIT_ID_LIMIT), removedFromOtherRolesCount: displaced.length } : {};
}
