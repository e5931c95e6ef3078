import type { EntityManager } from "@mikro-orm/postgresql";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { ensureRolesByName } from "../customer-roles/customer-role.repository.js";
import { numbered, sqlOf } from "../../db/sql.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { grantRows } from "./effective-access.service.js";
import { Permission } from "./permission.js";
import type { RoleMapping } from "./role-mapping.entity.js";
import { ROLE_MAPPING_FORMAT, ROLE_MAPPING_VERSION, parseRoleMappingDocument, type RoleMappingDocument } from "./role-mapping-document.js";
import type { RoleMappingService } from "./role-mapping.service.js";
import { isUuid } from "../uuid.js";

/** Users listed by id per gained or lost role; the counts are always exact. */
const USERS_LISTED = 100;
/** Affected users read per grant query (the same batch size as the report). */
const USER_BATCH = 1000;

export type AccessRoleKind = "DATA" | "APP";

/** What one customer-supplied role's mapping becomes; `mapped: false` is unmapped. */
export interface MappingChange {
  customerRoleId: string;
  customerRole: string;
  mappedBefore: boolean;
  mappedAfter: boolean;
  dataAccessRolesBefore: string[];
  dataAccessRolesAfter: string[];
  appAccessRolesBefore: string[];
  appAccessRolesAfter: string[];
}

export interface AccessChangeUser {
  id: string;
  userName: string;
}

/** The users who gain or lose one access role through the change (direct grants and other mappings counted). */
export interface AccessRoleChange {
  kind: AccessRoleKind;
  roleId: string;
  roleName: string;
  gainedCount: number;
  lostCount: number;
  gained: AccessChangeUser[];
  lost: AccessChangeUser[];
}

export interface RoleMappingDiff {
  dryRun: boolean;
  applied: boolean;
  changes: MappingChange[];
  unchangedCount: number;
  createdCustomerRoles: string[];
  accessChanges: AccessRoleChange[];
}

/** A mapping as ids: absent from the map = unmapped. */
type MappingState = Map<string, { data: string[]; app: string[] }>;

/** Thrown to roll a dry run back, carrying what it computed. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super("dry run");
  }
}

/**
 * Export, preview and restore of the role mapping. Previews are exact because they
 * are not predictions: the change is applied in a transaction through the very RoleMappingService
 * methods a real change uses, effective access is read before and after with the query effective
 * access itself uses (grantRows), and a dry run then rolls the transaction back. Only users who
 * hold a changed customer-supplied role can gain or lose anything, so only they are read, in
 * batches; memory follows the number of such users times the roles that change, not the company.
 */
export class RoleMappingBackupService {
  constructor(private readonly roleMappings: RoleMappingService) {}

  async export(scope: Scope): Promise<RoleMappingDocument> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const mappings = await this.roleMappings.list(scope);
    const unmapped: { display_name: string }[] = await scope.em.getConnection().execute(
      `select r.display_name from customer_role r
        where r.company_id = ? and not exists (select 1 from role_mapping rm where rm.customer_role_id = r.id)
        order by lower(r.display_name), r.id`,
      [scope.principal.companyId],
    );
    const names = (roles: readonly { name: string }[]) => roles.map((r) => r.name).sort(compareNames);
    return {
      format: ROLE_MAPPING_FORMAT,
      version: ROLE_MAPPING_VERSION,
      exportedAt: new Date().toISOString(),
      mappings: mappings
        .map((m: RoleMapping) => ({
          customerRole: m.customerRole.displayName,
          dataAccessRoles: names(m.dataAccessRoles.getItems()),
          appAccessRoles: names(m.appAccessRoles.getItems()),
        }))
        .sort((a, b) => compareNames(a.customerRole, b.customerRole)),
      unmappedCustomerRoles: unmapped.map((r) => r.display_name),
    };
  }

  /**
   * setRoleMapping with a preview: applies RoleMappingService.set in a transaction, returns the
   * mapping with the diff, and rolls back when `dryRun`. Without dryRun the behaviour (checks,
   * lock, version, audit) is set's own; the diff is extra.
   */
  async set(
    scope: Scope,
    customerRoleId: string,
    dataAccessRoleIds: readonly string[],
    appAccessRoleIds: readonly string[],
    dryRun: boolean,
  ): Promise<{ mapping: RoleMapping; diff: RoleMappingDiff }> {
    requirePermission(scope, Permission.CanConfigureCompany);
    if (!isUuid(customerRoleId)) throw DomainError.notFound("CustomerRole", customerRoleId);
    const companyId = scope.principal.companyId;
    const target: MappingState = new Map([[customerRoleId, { data: [...new Set(dataAccessRoleIds)], app: [...new Set(appAccessRoleIds)] }]]);
    return this.preview(scope, dryRun, async (em, txScope) => {
      const before = await mappingState(em, companyId, [customerRoleId]);
      return {
        before,
        target,
        apply: () => this.roleMappings.set(txScope, customerRoleId, dataAccessRoleIds, appAccessRoleIds),
      };
    }).then(({ result, diff }) => ({ mapping: result, diff }));
  }

  /**
   * Restores an exported document: the company's mapping becomes exactly the document's. Roles
   * are matched by name ignoring case; a customer-supplied role named but missing is created
   * (unmapped until the mapping applies), an access role named but missing is BAD_USER_INPUT,
   * and nothing is applied. Each changed mapping is audited as setRoleMapping/removeRoleMapping
   * audit it, plus one `roleMapping.import` event for the whole restore.
   */
  async import(scope: Scope, document: unknown, dryRun: boolean): Promise<RoleMappingDiff> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const doc = parseRoleMappingDocument(document);
    const companyId = scope.principal.companyId;
    const { diff } = await this.preview(scope, dryRun, async (em, txScope) => {
      // Every customer role of the company is locked in id order (the order every mapping change
      // uses), so a concurrent setRoleMapping waits instead of interleaving with the restore.
      await em.execute(`select id from customer_role where company_id = ? order by id for update`, [companyId]);
      const data = await accessRoleIdsByName(em, "data_access_role", companyId);
      const app = await accessRoleIdsByName(em, "app_access_role", companyId);
      const missing: string[] = [];
      const resolve = (names: string[], ids: Map<string, string>, field: string) =>
        names.map((name, j) => {
          const id = ids.get(name.toLowerCase());
          if (!id) missing.push(`${field}[${j}] "${name}"`);
          return id ?? "";
        });
      const resolved = doc.mappings.map((m, i) => ({
        customerRole: m.customerRole,
        data: resolve(m.dataAccessRoles, data, `document.mappings[${i}].dataAccessRoles`),
        app: resolve(m.appAccessRoles, app, `document.mappings[${i}].appAccessRoles`),
      }));
      if (missing.length) {
        const shown = missing.slice(0, 10).join(", ");
        throw DomainError.invalid("document", `no access role of this company has the name of ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ""}`);
      }
      const { idsByName, created } = await ensureRolesByName(sqlOf(em), companyId, resolved.map((m) => m.customerRole));
      const target: MappingState = new Map();
      for (const m of resolved) target.set(idsByName.get(m.customerRole.toLowerCase())!, { data: m.data, app: m.app });
      const before = await mappingState(em, companyId, null);
      return {
        before,
        target,
        // Roles mapped now but absent from the document become unmapped.
        untargetedBecomeUnmapped: true,
        createdRoleIds: created,
        apply: async (changed: string[]) => {
          for (const id of changed) {
            const t = target.get(id);
            if (t) await this.roleMappings.set(txScope, id, t.data, t.app);
            else await this.roleMappings.remove(txScope, id);
          }
        },
        audit: (d: RoleMappingDiff) =>
          recordAudit(em, scope, {
            action: "roleMapping.import",
            targetType: "RoleMapping",
            after: {
              format: doc.format,
              version: doc.version,
              exportedAt: doc.exportedAt,
              changed: d.changes.map((c) => c.customerRole),
              unchangedCount: d.unchangedCount,
              createdCustomerRoles: d.createdCustomerRoles,
            },
          }),
      };
    });
    return diff;
  }

  /**
   * The shared machinery: in one transaction, work out the change, read the affected users'
   * access to the affected roles, apply, read again, and commit or (dryRun) roll back.
   */
  private async preview<T>(
    scope: Scope,
    dryRun: boolean,
    plan: (
      em: EntityManager,
      txScope: Scope,
    ) => Promise<{
      before: MappingState;
      target: MappingState;
      untargetedBecomeUnmapped?: boolean;
      createdRoleIds?: string[];
      apply: (changedCustomerRoleIds: string[]) => Promise<T>;
      audit?: (diff: RoleMappingDiff) => void;
    }>,
  ): Promise<{ result: T; diff: RoleMappingDiff }> {
    const companyId = scope.principal.companyId;
    try {
      return await inTransaction(scope, async (em) => {
        const txScope: Scope = { ...scope, em };
        const p = await plan(em, txScope);
        const ids = new Set([...p.target.keys(), ...(p.untargetedBecomeUnmapped ? p.before.keys() : [])]);
        const changed: string[] = [];
        const touched = new Set<string>();
        for (const id of ids) {
          const b = p.before.get(id);
          const t = p.target.has(id) ? p.target.get(id)! : p.untargetedBecomeUnmapped ? undefined : b;
          if (sameMapping(b, t)) continue;
          changed.push(id);
          for (const key of symmetricDifference(b, t)) touched.add(key);
        }
        changed.sort();
        const holdersBefore = await accessOfHolders(em, companyId, changed, touched);
        const result = await p.apply(changed);
        const after = await mappingState(em, companyId, changed);
        const holdersAfter = await accessOfHolders(em, companyId, changed, touched);
        const diff: RoleMappingDiff = {
          dryRun,
          applied: !dryRun,
          changes: await describeChanges(em, companyId, changed, p.before, after),
          unchangedCount: ids.size - changed.length,
          createdCustomerRoles: await customerRoleNames(em, companyId, p.createdRoleIds ?? []),
          accessChanges: await accessChanges(em, companyId, touched, holdersBefore, holdersAfter),
        };
        p.audit?.(diff);
        if (dryRun) throw new DryRunRollback({ result, diff });
        return { result, diff };
      });
    } catch (err) {
      if (err instanceof DryRunRollback) return err.result as { result: T; diff: RoleMappingDiff };
      throw err;
    }
  }
}

function compareNames(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Access roles of the company by lower-cased name (names are unique ignoring case). */
async function accessRoleIdsByName(em: EntityManager, table: "data_access_role" | "app_access_role", companyId: string): Promise<Map<string, string>> {
  const rows: { id: string; name: string }[] = await em.execute(`select id, lower(name) as name from ${table} where company_id = ?`, [companyId]);
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** The mapping of the given customer roles (null: all of the company's) as ids. */
async function mappingState(em: EntityManager, companyId: string, customerRoleIds: string[] | null): Promise<MappingState> {
  if (customerRoleIds && customerRoleIds.length === 0) return new Map();
  const rows = await sqlOf(em).query<{ customer_role_id: string; data: string[]; app: string[] }>(
    numbered(`select rm.customer_role_id,
            array(select p.data_access_role_id::text from role_mapping_data_access_role p where p.role_mapping_id = rm.id order by 1) as data,
            array(select p.app_access_role_id::text from role_mapping_app_access_role p where p.role_mapping_id = rm.id order by 1) as app
       from role_mapping rm
      where rm.company_id = ?${customerRoleIds ? " and rm.customer_role_id = any(?::uuid[])" : ""}`),
    customerRoleIds ? [companyId, customerRoleIds] : [companyId],
  );
  return new Map(rows.map((r) => [r.customer_role_id, { data: r.data, app: r.app }]));
}

function sameMapping(a: { data: string[]; app: string[] } | undefined, b: { data: string[]; app: string[] } | undefined): boolean {
  if (!a || !b) return !a && !b;
  const same = (x: string[], y: string[]) => x.length === y.length && [...x].sort().every((v, i) => v === [...y].sort()[i]);
  return same(a.data, b.data) && same(a.app, b.app);
}

/** Access roles a change can give or take: in one of before/after but not both, as "data:<id>" / "app:<id>". */
function symmetricDifference(a: { data: string[]; app: string[] } | undefined, b: { data: string[]; app: string[] } | undefined): string[] {
  const keys = (m: { data: string[]; app: string[] } | undefined) => new Set([...(m?.data ?? []).map((id) => `data:${id}`), ...(m?.app ?? []).map((id) => `app:${id}`)]);
  const x = keys(a);
  const y = keys(b);
  return [...x, ...y].filter((k) => x.has(k) !== y.has(k));
}

/**
 * Which of the touched access roles each holder of a changed customer role has now, whatever
 * the path (direct, this mapping or another): read in user batches with grantRows, the query
 * effective access itself answers with.
 */
async function accessOfHolders(em: EntityManager, companyId: string, customerRoleIds: string[], touched: Set<string>): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  if (customerRoleIds.length === 0 || touched.size === 0) return result;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const users = await sqlOf(em).query<{ user_id: string }>(
      numbered(`select distinct m.user_id from membership m
        where m.company_id = ? and m.customer_role_id = any(?::uuid[]) and m.user_id > ?::uuid
        order by m.user_id limit ${USER_BATCH}`),
      [companyId, customerRoleIds, after],
    );
    if (users.length === 0) return result;
    const ids = users.map((u) => u.user_id);
    for (const id of ids) result.set(id, new Set());
    for (const g of await grantRows(em, companyId, ids)) {
      const key = `${g.role_kind}:${g.role_id}`;
      if (touched.has(key)) result.get(g.user_id)?.add(key);
    }
    if (users.length < USER_BATCH) return result;
    after = ids[ids.length - 1]!;
  }
}

async function accessChanges(
  em: EntityManager,
  companyId: string,
  touched: Set<string>,
  before: Map<string, Set<string>>,
  after: Map<string, Set<string>>,
): Promise<AccessRoleChange[]> {
  const changes = new Map<string, { gained: string[]; lost: string[] }>([...touched].map((k) => [k, { gained: [], lost: [] }]));
  for (const userId of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(userId) ?? new Set();
    const a = after.get(userId) ?? new Set();
    for (const key of touched) {
      if (a.has(key) && !b.has(key)) changes.get(key)!.gained.push(userId);
      if (b.has(key) && !a.has(key)) changes.get(key)!.lost.push(userId);
    }
  }
  const listed = [...changes.values()].flatMap((c) => [...c.gained.slice(0, USERS_LISTED), ...c.lost.slice(0, USERS_LISTED)]);
  const userNames = new Map<string, string>();
  if (listed.length) {
    const rows = await sqlOf(em).query<{ id: string; user_name: string }>(numbered(`select id, user_name from user_account where company_id = ? and id = any(?::uuid[])`), [
      companyId,
      [...new Set(listed)],
    ]);
    for (const r of rows) userNames.set(r.id, r.user_name);
  }
  const roleNames = await accessRoleNames(em, companyId, [...touched]);
  const users = (ids: string[]) =>
    ids
      .map((id) => ({ id, userName: userNames.get(id) ?? "" }))
      .sort((x, y) => compareNames(x.userName, y.userName))
      .slice(0, USERS_LISTED);
  return [...changes]
    .filter(([, c]) => c.gained.length || c.lost.length)
    .map(([key, c]) => {
      const [kind, roleId] = key.split(":") as ["data" | "app", string];
      return {
        kind: kind === "data" ? ("DATA" as const) : ("APP" as const),
        roleId,
        roleName: roleNames.get(key) ?? roleId,
        gainedCount: c.gained.length,
        lostCount: c.lost.length,
        gained: users(c.gained),
        lost: users(c.lost),
      };
    })
    .sort((x, y) => (x.kind === y.kind ? compareNames(x.roleName, y.roleName) : x.kind === "DATA" ? -1 : 1));
}

async function accessRoleNames(em: EntityManager, companyId: string, keys: string[]): Promise<Map<string, string>> {
  const ids = (kind: string) => keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1)).filter(isUuid);
  const out = new Map<string, string>();
  for (const [kind, table] of [
    ["data", "data_access_role"],
    ["app", "app_access_role"],
  ] as const) {
    const list = ids(kind);
    if (!list.length) continue;
    const rows = await sqlOf(em).query<{ id: string; name: string }>(numbered(`select id, name from ${table} where company_id = ? and id = any(?::uuid[])`), [companyId, list]);
    for (const r of rows) out.set(`${kind}:${r.id}`, r.name);
  }
  return out;
}

async function customerRoleNames(em: EntityManager, companyId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sqlOf(em).query<{ display_name: string }>(
    numbered(`select display_name from customer_role where company_id = ? and id = any(?::uuid[]) order by lower(display_name)`),
    [companyId, ids],
  );
  return rows.map((r) => r.display_name);
}

async function describeChanges(em: EntityManager, companyId: string, changed: string[], before: MappingState, after: MappingState): Promise<MappingChange[]> {
  if (changed.length === 0) return [];
  const roles = await sqlOf(em).query<{ id: string; display_name: string }>(numbered(`select id, display_name from customer_role where company_id = ? and id = any(?::uuid[])`), [
    companyId,
    changed,
  ]);
  const roleName = new Map(roles.map((r) => [r.id, r.display_name]));
  const keys = changed.flatMap((id) => [before.get(id), after.get(id)].flatMap((m) => [...(m?.data ?? []).map((d) => `data:${d}`), ...(m?.app ?? []).map((a) => `app:${a}`)]));
  const names = await accessRoleNames(em, companyId, [...new Set(keys)]);
  const named = (kind: string, ids: string[] | undefined) => (ids ?? []).map((id) => names.get(`${kind}:${id}`) ?? id).sort(compareNames);
  return changed
    .filter((id) => roleName.has(id))
    .map((id) => ({
      customerRoleId: id,
      customerRole: roleName.get(id)!,
      mappedBefore: before.has(id),
      mappedAfter: after.has(id),
      dataAccessRolesBefore: named("data", before.get(id)?.data),
      dataAccessRolesAfter: named("data", after.get(id)?.data),
      appAccessRolesBefore: named("app", before.get(id)?.app),
      appAccessRolesAfter: named("app", after.get(id)?.app),
    }))
    .sort((x, y) => compareNames(x.customerRole, y.customerRole));
}
