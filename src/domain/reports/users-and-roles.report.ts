import type { EntityManager } from "@mikro-orm/postgresql";
import { grantRows } from "../access-roles/effective-access.service.js";
import { requirePermission } from "../authorization.js";
import { rolesOfUsers } from "../customer-roles/membership.repository.js";
import { numbered, sqlOf } from "../../db/sql.js";
import type { MembershipSource } from "../customer-roles/membership-source.js";
import { type Page, type PageRequest, selectPage } from "../paging.js";
import { LOG_READERS } from "../provisioning/provisioning-log.service.js";
import type { Scope } from "../scope.js";

/** Who may read the users-and-roles report, an admin's backup: company configurators and auditors. */
export const REPORT_READERS = LOG_READERS;

/** Users per SQL batch of the streamed report: big enough to amortise round trips, small enough to keep memory flat. */
export const REPORT_BATCH_SIZE = 1000;

/** A customer-supplied role a user holds, with every source that owns one of their memberships of it. */
export interface ReportCustomerRole {
  displayName: string;
  sources: MembershipSource[];
}

/** One line of the users-and-roles report. */
export interface UsersAndRolesRow {
  userId: string;
  userName: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  active: boolean;
  customerRoles: ReportCustomerRole[];
  /** Effective data-access role names (direct or mapped), by name. */
  dataAccessRoles: string[];
  /** Effective app-access role names (direct or mapped), by name. */
  appAccessRoles: string[];
}

interface UserRow {
  id: string;
  user_name: string;
  sort_key: string;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  active: boolean;
}

const USER_COLUMNS = "u.id, u.user_name, lower(u.user_name) as sort_key, u.given_name, u.family_name, u.display_name, u.active";

/**
 * The users-and-roles report (One Model's SCIM guide tells admins to download it before they
 * switch SCIM on). Users are read in keyset batches ordered by lower(userName), which is unique
 * per company (the user_account_user_name_ci index), and each batch's roles are computed with a
 * fixed number of set-based queries, whatever the batch size: memberships with their sources
 * (rolesOfUsers) and effective access with the same query effective access uses (grantRows). So
 * a page costs the same as any other, and the streamed CSV holds one batch in memory at a time.
 * Hand-built SQL sees no tenant filter: every statement names the company.
 */
export class UsersAndRolesReportService {
  /** One page of the report (GraphQL), in the same order as the CSV. */
  async page(scope: Scope, page?: PageRequest | null): Promise<Page<UsersAndRolesRow>> {
    requirePermission(scope, ...REPORT_READERS);
    const companyId = scope.principal.companyId;
    const ids = await selectPage(scope.em, {
      from: "user_account u",
      idColumn: "u.id",
      where: { sql: "u.company_id = ?::uuid", params: [companyId] },
      sort: { expression: "lower(u.user_name)", kind: "text", descending: false },
      page: page ?? {},
    });
    const users: UserRow[] = ids.ids.length
      ? await sqlOf(scope.em).query(numbered(`select ${USER_COLUMNS} from user_account u where u.company_id = ? and u.id = any(?::uuid[])`), [
          companyId,
          ids.ids,
        ])
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    const ordered = ids.ids.map((id) => byId.get(id)).filter((u): u is UserRow => Boolean(u));
    return { ...ids, nodes: await rowsFor(scope.em, companyId, ordered) };
  }

  /**
   * Every user of the company, one batch at a time, for the streamed CSV. While the caller writes
   * one batch, the next is read (one batch ahead, no more), so SQL and the socket overlap and a
   * slow client still slows the reads instead of filling memory: at most two batches are held.
   * Each batch is its own statements (no transaction held open across a slow download): a user
   * changed mid-download appears as it was when its batch was read.
   */
  async *batches(scope: Scope, batchSize = REPORT_BATCH_SIZE): AsyncGenerator<UsersAndRolesRow[]> {
    requirePermission(scope, ...REPORT_READERS);
    const companyId = scope.principal.companyId;
    const size = Math.max(1, Math.floor(batchSize));
    const load = async (after: string | null) => {
      const users: UserRow[] = await scope.em.getConnection().execute(
        `select ${USER_COLUMNS} from user_account u
          where u.company_id = ?${after === null ? "" : " and lower(u.user_name) > ?"}
          order by lower(u.user_name) limit ${size}`,
        after === null ? [companyId] : [companyId, after],
      );
      return { rows: await rowsFor(scope.em, companyId, users), last: users.length === size ? users[size - 1]!.sort_key : null };
    };
    let next = prefetch(load(null));
    for (;;) {
      const batch = await next;
      if (batch.last !== null) next = prefetch(load(batch.last));
      if (batch.rows.length) yield batch.rows;
      if (batch.last === null) return;
    }
  }
}

/** A read started ahead of need: if the consumer stops first, its failure must not be an unhandled rejection. */
function prefetch<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** The roles of one batch of users: a fixed number of set-based queries for any batch size. */
async function rowsFor(em: EntityManager, companyId: string, users: UserRow[]): Promise<UsersAndRolesRow[]> {
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const [holdings, grants] = await Promise.all([rolesOfUsers(sqlOf(em), companyId, ids), grantRows(em, companyId, ids)]);
  const [customerRoleNames, dataRoleNames, appRoleNames] = await Promise.all([
    namesOf(em, "customer_role", "display_name", companyId, holdings.map((h) => h.customerRoleId)),
    namesOf(em, "data_access_role", "name", companyId, grants.filter((g) => g.role_kind === "data").map((g) => g.role_id)),
    namesOf(em, "app_access_role", "name", companyId, grants.filter((g) => g.role_kind === "app").map((g) => g.role_id)),
  ]);
  const customerRoles = new Map<string, ReportCustomerRole[]>();
  for (const h of holdings) {
    const displayName = customerRoleNames.get(h.customerRoleId);
    if (displayName === undefined) continue;
    push(customerRoles, h.userId, { displayName, sources: [...h.sources].sort() });
  }
  const data = new Map<string, Set<string>>();
  const app = new Map<string, Set<string>>();
  for (const g of grants) {
    const name = (g.role_kind === "data" ? dataRoleNames : appRoleNames).get(g.role_id);
    if (name === undefined) continue;
    const target = g.role_kind === "data" ? data : app;
    const set = target.get(g.user_id) ?? new Set<string>();
    set.add(name);
    target.set(g.user_id, set);
  }
  const byName = (x: string, y: string) => x.localeCompare(y);
  return users.map((u) => ({
    userId: u.id,
    userName: u.user_name,
    givenName: u.given_name,
    familyName: u.family_name,
    displayName: u.display_name,
    active: u.active,
    customerRoles: (customerRoles.get(u.id) ?? []).sort((x, y) => byName(x.displayName, y.displayName)),
    dataAccessRoles: [...(data.get(u.id) ?? [])].sort(byName),
    appAccessRoles: [...(app.get(u.id) ?? [])].sort(byName),
  }));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Names of a batch's roles, by id, in one query (trusted table and column names). */
async function namesOf(em: EntityManager, table: string, column: string, companyId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await sqlOf(em).query<{ id: string; name: string }>(numbered(`select id, ${column} as name from ${table} where company_id = ? and id = any(?::uuid[])`), [companyId, unique]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
