import type { EntityManager } from "@mikro-orm/postgresql";
import { numbered, sqlOf } from "../../db/sql.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { isUuid } from "../uuid.js";
import { grantRows } from "./effective-access.service.js";

/**
 * What a role-mapping change does to who holds which access role, exactly: not a prediction. The
 * change is applied in its transaction by the very code a real change runs, effective access is
 * read before and after with the query effective access itself answers with (grantRows), and a
 * dry run then rolls the transaction back. Only users who hold a changed customer-supplied role
 * can gain or lose anything, so only they are read, in batches; memory follows the number of such
 * users times the roles that change, not the company.
 */

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
export type MappingState = Map<string, { data: string[]; app: string[] }>;

/** A change of the mapping, worked out inside the transaction that applies it. */
export interface MappingChangePlan<T> {
  /** The mapping before, for at least the roles `target` names (or, with untargetedBecomeUnmapped, all of the company's). */
  before: MappingState;
  /** What the named roles' mappings become; absent from the map = unmapped. */
  target: MappingState;
  /** True when every role mapped before but absent from `target` becomes unmapped (a restore). */
  untargetedBecomeUnmapped?: boolean;
  /** Customer-supplied roles the plan created, named in the diff. */
  createdRoleIds?: string[];
  /** Writes the change of the customer roles whose mapping changes (in id order), in the plan's transaction. */
  apply(changedCustomerRoleIds: string[]): Promise<T>;
  /** Notes the change's own audit event, which needs the diff. */
  audit?(diff: RoleMappingDiff): void;
}

/** Thrown to roll a dry run back, carrying what it computed. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super("dry run");
  }
}

/**
 * Runs a mapping change in one transaction and returns its result with the diff: works out the
 * change (`plan`, given the transaction's EntityManager), reads the affected users' access to the
 * affected roles, applies, reads again, and commits, or rolls back when `dryRun`.
 */
export async function withAccessImpact<T>(
  scope: Scope,
  dryRun: boolean,
  plan: (em: EntityManager) => Promise<MappingChangePlan<T>>,
): Promise<{ result: T; diff: RoleMappingDiff }> {
  const companyId = scope.principal.companyId;
  try {
    return await inTransaction(scope, async (em) => {
      const p = await plan(em);
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

/** Orders names ignoring case first, so "alice" and "Bob" sort as a reader expects, then exactly, so the order is total. */
export function compareNames(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** The mapping of the given customer roles (null: all of the company's) as ids. */
export async function mappingState(em: EntityManager, companyId: string, customerRoleIds: string[] | null): Promise<MappingState> {
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
