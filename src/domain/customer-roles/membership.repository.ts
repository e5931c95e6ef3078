import { numbered, type Sql, timestampOf } from "../../db/sql.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, encodeCursor, type PageRequest } from "../paging.js";
import { DomainError } from "../errors.js";
import { MembershipSource } from "./membership-source.js";

/**
 * Set-based SQL over membership rows: every statement here is bounded by the ids
 * it is given, never by the size of the role, so adding one member to a role of 100,000 costs what
 * it costs for a role of 10. Hand-built SQL sees no tenant filter: each statement names the company.
 * Call the writers with the transaction's Sql. Lists of ids travel as array parameters.
 */

/** A membership row as pages return it. */
export interface MembershipRow {
  customerRoleId: string;
  userId: string;
  /** The member's userName and displayName, read in the same query (SCIM members.display). */
  userName: string;
  userDisplayName: string | null;
  source: MembershipSource;
  createdAt: Date;
}

export interface MembershipPage {
  rows: MembershipRow[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  offset: number;
}

/** Adds memberships of one source; existing ones stay as they are. Returns the user ids actually added. */
export async function insertMembers(
  sql: Sql,
  companyId: string,
  customerRoleId: string,
  userIds: string[],
  source: MembershipSource,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  // Joining user_account keeps another company's user out even if a caller skipped the check.
  const rows = await sql.query<{ user_id: string }>(
    numbered(`insert into membership (company_id, customer_role_id, user_id, source)
     select ?, ?, u.id, ? from user_account u where u.company_id = ? and u.id = any(?::uuid[])
     on conflict do nothing
     returning user_id`),
    [companyId, customerRoleId, source, companyId, userIds],
  );
  return rows.map((r) => r.user_id);
}

/** Removes the memberships of one source for the given users; other sources' rows stay. Returns the user ids removed. */
export async function deleteMembers(
  sql: Sql,
  companyId: string,
  customerRoleId: string,
  userIds: string[],
  source: MembershipSource,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await sql.query<{ user_id: string }>(
    numbered(`delete from membership
      where customer_role_id = ? and company_id = ? and source = ? and user_id = any(?::uuid[])
      returning user_id`),
    [customerRoleId, companyId, source, userIds],
  );
  return rows.map((r) => r.user_id);
}

/**
 * Makes `userIds` the whole membership of one source (a SCIM PUT of a Group, RFC 7644 §3.5.1):
 * deletes that source's rows not in the list and inserts the missing ones. Rows of other sources
 * stay: SCIM changes only what SCIM owns. The cost follows the sizes of the list and the change.
 */
export async function replaceMembers(
  sql: Sql,
  companyId: string,
  customerRoleId: string,
  userIds: string[],
  source: MembershipSource,
): Promise<{ added: string[]; removed: string[] }> {
  const removedRows = await sql.query<{ user_id: string }>(
    numbered(`delete from membership
      where customer_role_id = ? and company_id = ? and source = ? and not (user_id = any(?::uuid[]))
      returning user_id`),
    [customerRoleId, companyId, source, userIds],
  );
  const added = await insertMembers(sql, companyId, customerRoleId, userIds, source);
  return { added, removed: removedRows.map((r) => r.user_id) };
}

/**
 * The roles other than `keepCustomerRoleId` in which these users hold a membership of one of
 * `sources`. Reads the given users' memberships (the membership_user index), never a role's member list.
 */
export async function roleIdsHeldOutside(
  sql: Sql,
  companyId: string,
  keepCustomerRoleId: string,
  userIds: readonly string[],
  sources: readonly MembershipSource[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await sql.query<{ customer_role_id: string }>(
    numbered(`select distinct customer_role_id from membership
      where company_id = ? and user_id = any(?::uuid[]) and source = any(?::text[]) and customer_role_id <> ?`),
    [companyId, userIds, [...sources], keepCustomerRoleId],
  );
  return rows.map((r) => r.customer_role_id);
}

/** Removes these users' memberships of `sources` in every role but `keepCustomerRoleId`. Returns what it removed. */
export async function deleteMembershipsOutside(
  sql: Sql,
  companyId: string,
  keepCustomerRoleId: string,
  userIds: readonly string[],
  sources: readonly MembershipSource[],
): Promise<{ customerRoleId: string; userId: string; source: MembershipSource }[]> {
  if (userIds.length === 0) return [];
  const rows = await sql.query<{ customer_role_id: string; user_id: string; source: MembershipSource }>(
    numbered(`delete from membership
      where company_id = ? and user_id = any(?::uuid[]) and source = any(?::text[]) and customer_role_id <> ?
      returning customer_role_id, user_id, source`),
    [companyId, userIds, [...sources], keepCustomerRoleId],
  );
  return rows.map((r) => ({ customerRoleId: r.customer_role_id, userId: r.user_id, source: r.source }));
}

/** The roles several users hold, with the sources of each holding, in one grouped query (the membership_user index). */
export async function rolesOfUsers(
  sql: Sql,
  companyId: string,
  userIds: readonly string[],
): Promise<{ userId: string; customerRoleId: string; sources: MembershipSource[] }[]> {
  if (userIds.length === 0) return [];
  const rows = await sql.query<{ user_id: string; customer_role_id: string; sources: MembershipSource[] }>(
    numbered(`select user_id, customer_role_id, array_agg(source order by source) as sources
       from membership
      where company_id = ? and user_id = any(?::uuid[])
      group by user_id, customer_role_id`),
    [companyId, userIds],
  );
  return rows.map((r) => ({ userId: r.user_id, customerRoleId: r.customer_role_id, sources: r.sources }));
}

/** Member counts of several roles in one grouped, index-only query (roles without members count 0). */
export async function countMembers(
  sql: Sql,
  companyId: string,
  customerRoleIds: readonly string[],
  source?: MembershipSource | null,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(customerRoleIds.map((id) => [id, 0]));
  if (customerRoleIds.length === 0) return counts;
  const rows = await sql.query<{ customer_role_id: string; count: number }>(
    numbered(`select customer_role_id, count(*)::int as count
       from membership
      where company_id = ? and customer_role_id = any(?::uuid[])${source ? " and source = ?" : ""}
      group by customer_role_id`),
    source ? [companyId, customerRoleIds, source] : [companyId, customerRoleIds],
  );
  for (const r of rows) counts.set(r.customer_role_id, r.count);
  return counts;
}

/**
 * One page of members for each of several roles, in one query (a lateral join per role) plus one
 * grouped count. Members are ordered by (user id, source): the order of the unique index
 * (customer_role_id, user_id, source), so a page of a 50,000-member role is an index range scan,
 * not a sort. Offset paging or a keyset cursor, as `selectPage` offers for lists.
 */
export async function pageMembers(
  sql: Sql,
  companyId: string,
  customerRoleIds: readonly string[],
  opts: { source?: MembershipSource | null; page?: PageRequest | null },
): Promise<Map<string, MembershipPage>> {
  const page = opts.page ?? {};
  if (page.after && page.offset) throw DomainError.invalid("after", "use either offset or after, not both");
  const limit = Math.min(Math.max(page.first ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
  const offset = page.after ? 0 : Math.max(page.offset ?? 0, 0);
  const params: unknown[] = [customerRoleIds, companyId];
  let conditions = "";
  if (opts.source) {
    conditions += " and m.source = ?";
    params.push(opts.source);
  }
  if (page.after) {
    const [source, userId] = decodeCursor(page.after);
    conditions += " and (m.user_id, m.source) > (?::uuid, ?)";
    params.push(userId, source);
  }
  const rows =
    limit === 0 || customerRoleIds.length === 0
      ? []
      : await sql.query<{ role_id: string; user_id: string; user_name: string; display_name: string | null; source: MembershipSource; created_at: string }>(
          numbered(`select r.role_id::text as role_id, m.user_id, u.user_name, u.display_name, m.source, m.created_at
             from unnest(?::uuid[]) as r(role_id)
             cross join lateral (
               select m.user_id, m.source, m.created_at
                 from membership m
                where m.customer_role_id = r.role_id and m.company_id = ?${conditions}
                order by m.user_id, m.source
                limit ${limit + 1} offset ${offset}) m
             -- Names for SCIM members.display come with the page: no entity per member (a page is 1,000).
             join user_account u on u.id = m.user_id
            order by r.role_id, m.user_id, m.source`),
          params,
        );
  const totals = await countMembers(sql, companyId, customerRoleIds, opts.source);
  const byRole = new Map<string, MembershipRow[]>(customerRoleIds.map((id) => [id, []]));
  for (const r of rows) {
    byRole.get(r.role_id)?.push({
      customerRoleId: r.role_id,
      userId: r.user_id,
      userName: r.user_name,
      userDisplayName: r.display_name,
      source: r.source,
      createdAt: timestampOf(r.created_at),
    });
  }
  const pages = new Map<string, MembershipPage>();
  for (const [roleId, all] of byRole) {
    const pageRows = all.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    pages.set(roleId, {
      rows: pageRows,
      totalCount: totals.get(roleId) ?? 0,
      hasNextPage: all.length > limit,
      endCursor: last ? encodeCursor(last.source, last.userId) : null,
      offset,
    });
  }
  return pages;
}

/** The roles one user holds through one source. */
export async function roleIdsOfUser(sql: Sql, companyId: string, userId: string, source: MembershipSource): Promise<string[]> {
  const rows = await sql.query<{ customer_role_id: string }>(
    numbered(`select customer_role_id from membership where company_id = ? and user_id = ? and source = ?`),
    [companyId, userId, source],
  );
  return rows.map((r) => r.customer_role_id);
}

/** Adds or removes one user's memberships of one source in several roles. */
export async function setUserMemberships(
  sql: Sql,
  companyId: string,
  userId: string,
  source: MembershipSource,
  change: { add: string[]; remove: string[] },
): Promise<void> {
  if (change.remove.length) {
    await sql.query(numbered(`delete from membership where company_id = ? and user_id = ? and source = ? and customer_role_id = any(?::uuid[])`), [
      companyId,
      userId,
      source,
      change.remove,
    ]);
  }
  if (change.add.length) {
    await sql.query(
      numbered(`insert into membership (company_id, customer_role_id, user_id, source)
       select ?, r.id, ?, ? from customer_role r where r.company_id = ? and r.id = any(?::uuid[])
       on conflict do nothing`),
      [companyId, userId, source, companyId, change.add],
    );
  }
}
