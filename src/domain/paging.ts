import type { EntityManager } from "@mikro-orm/postgresql";
import { numbered, prepared, type PreparedStatement, type Sql } from "../db/sql.js";
import { DomainError } from "./errors.js";
import { isUuid } from "./uuid.js";
import type { CompiledWhere } from "./where.js";

/** Offset paging (SCIM startIndex/count, RFC 7644 §3.4.2.4) or cursor paging (`after`), never both. */
export interface PageRequest {
  /** Rows to skip (0-based). */
  offset?: number | null;
  /** Rows wanted; capped at the service's maximum. */
  first?: number | null;
  /** Opaque cursor of the last row seen (from a previous page's endCursor). */
  after?: string | null;
}

export interface SortSpec {
  /** Trusted SQL expression that orders the rows; never NULL (wrap in coalesce). */
  expression: string;
  kind: "text" | "timestamptz";
  descending: boolean;
}

export interface IdPage {
  ids: string[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  offset: number;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  /** The offset of the first node (SCIM startIndex - 1). */
  offset: number;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/**
 * Selects one page of ids in SQL: filter, order (with the id as tie-breaker, so pages are stable),
 * offset or keyset cursor, and the total count. Nothing is listed into memory.
 * `from` and `idColumn` are trusted SQL; `where` is parameterised.
 */
export async function selectPage(
  em: EntityManager,
  q: { from: string; idColumn: string; where: CompiledWhere; sort: SortSpec; page: PageRequest },
): Promise<IdPage> {
  const { page, sort } = q;
  const { limit, dir, params, keyset } = pageWindow(q);
  const offset = Math.max(page.offset ?? 0, 0);
  const total = totalOver(q.from, q.where, page);
  const rows: { id: string; sort_key: string; total: string }[] =
    limit === 0
      ? []
      : await em.getConnection().execute(
          `select ${q.idColumn} as id, (${sort.expression})::text as sort_key, ${total.sql} as total
             from ${q.from}
            where ${q.where.sql}${keyset}
            order by ${sort.expression} ${dir}, ${q.idColumn} ${dir}
            limit ${limit + 1}${page.after ? "" : ` offset ${offset}`}`,
          [...total.params, ...params],
        );
  const hasNextPage = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  let totalCount: number;
  if (rows.length > 0) {
    totalCount = Number(rows[0]!.total);
  } else {
    const [{ count }] = await em
      .getConnection()
      .execute(`select count(*)::int as count from ${q.from} where ${q.where.sql}`, q.where.params);
    totalCount = count;
  }
  const last = pageRows[pageRows.length - 1];
  return {
    ids: pageRows.map((r) => r.id),
    totalCount,
    hasNextPage: page.after ? hasNextPage : offset + pageRows.length < totalCount,
    endCursor: last ? encodeCursor(last.sort_key, last.id, orderingOf(sort)) : null,
    offset: page.after ? 0 : offset,
  };
}

/**
 * The SQL of a page's total, for its select list. An offset page counts the rows the window sees
 * (`count(*) over ()`, before the limit). A keyset page sees only the rows after its cursor, so it
 * counts the whole filter in an uncorrelated subquery, which PostgreSQL runs once per statement
 * (an InitPlan): a page after a cursor is one statement, like the first. Its parameters come
 * before the page's own, as the select list comes before the where clause.
 */
function totalOver(table: string, where: CompiledWhere, page: PageRequest): CompiledWhere {
  if (!page.after) return { sql: "count(*) over ()", params: [] };
  return { sql: `(select count(*) from ${table} where ${where.sql})`, params: where.params };
}

/** Prepared page statements by what their text is made of, so a repeated lookup is not assembled again. */
const preparedPages = new Map<string, PreparedStatement>();

function preparedPage(key: string, build: () => string): PreparedStatement {
  let statement = preparedPages.get(key);
  if (!statement) preparedPages.set(key, (statement = prepared(build())));
  return statement;
}

/** What both page queries derive from a page request: its size, direction, and the keyset condition after a cursor. */
function pageWindow(q: { idColumn: string; where: CompiledWhere; sort: SortSpec; page: PageRequest }): { limit: number; dir: string; params: unknown[]; keyset: string } {
  const { page, sort } = q;
  if (page.after && page.offset) throw DomainError.invalid("after", "use either offset or after, not both");
  const limit = Math.min(Math.max(page.first ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
  const params = [...q.where.params];
  let keyset = "";
  if (page.after) {
    const [key, id] = decodeCursor(page.after, orderingOf(sort), sort.kind);
    keyset = ` and (${sort.expression}, ${q.idColumn}) ${sort.descending ? "<" : ">"} (?::${sort.kind}, ?::uuid)`;
    params.push(key, id);
  }
  return { limit, dir: sort.descending ? "desc" : "asc", params, keyset };
}

/** Puts loaded entities back in the order of the selected ids. */
export function inIdOrder<T extends { id: string }>(ids: string[], entities: T[]): T[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  return ids.map((id) => byId.get(id)).filter((e): e is T => e !== undefined);
}

/**
 * Opaque keyset cursor: the last row's sort key and id (also used by batched member pages), and
 * the ordering it was issued for, so a cursor sent back with another sort is a client error
 * rather than a failed cast in SQL.
 */
export function encodeCursor(key: string, id: string, ordering = ""): string {
  return Buffer.from(JSON.stringify([key, id, ordering]), "utf8").toString("base64url");
}

/** How PostgreSQL writes a timestamptz as text (DateStyle ISO), the only form a cursor of a time sort carries. */
const TIMESTAMPTZ_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::[0-5]\d){0,2}$/;

/** Whether `key` is a time PostgreSQL casts to timestamptz: its shape, and a day that exists in its month. */
function isTimestampText(key: string): boolean {
  const m = TIMESTAMPTZ_TEXT.exec(key);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offset] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1 && hour < 24 && minute < 60 && second < 60 && offset <= 15;
}

/**
 * The sort key and id of a cursor. Cursors are not signed: a forged one can only move where the
 * seek starts, inside the caller's own filtered, company-bound rows. Whatever it holds is checked
 * before it reaches SQL (a UUID id, a key that casts to the sort's type, no NUL that PostgreSQL
 * refuses in text), so no cursor can turn into a failed cast: a bad one is BAD_USER_INPUT with
 * reason INVALID_CURSOR, never a 500.
 */
export function decodeCursor(cursor: string, ordering = "", kind: SortSpec["kind"] = "text"): [string, string] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = null;
  }
  if (Array.isArray(value) && value.length === 3 && typeof value[0] === "string" && typeof value[1] === "string" && isUuid(value[1])) {
    const [key, id] = value as [string, string];
    const keyFits = kind === "timestamptz" ? isTimestampText(key) : !key.includes("\u0000");
    if (keyFits) {
      if (value[2] !== ordering) throw DomainError.invalid("after", "the cursor was issued for another sort order; start again without after", "INVALID_CURSOR");
      return [key, id];
    }
  }
  throw DomainError.invalid("after", "the cursor is not one this API issued", "INVALID_CURSOR");
}

function orderingOf(sort: SortSpec): string {
  return `${sort.expression} ${sort.descending ? "desc" : "asc"}`;
}

/** One page of whole rows, with the paging facts of {@link IdPage}. */
export interface RowPage<R> {
  rows: R[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  offset: number;
}

/**
 * One page of whole rows in one statement: the page's ids are chosen (filter, order, offset or
 * keyset, with the total counted over the same filter) in a subquery, and only those rows are
 * read and projected with `columns`, so a column that costs a subquery per row (a user's emails
 * and roles as JSON) is computed for the page, never for every match. A keyset page seeks from
 * its cursor (no OFFSET) and counts its total in the same statement ({@link totalOver}).
 * `table` (e.g. `user_account u`), `idColumn` and `columns` are trusted SQL; `where` is
 * parameterised with `?` placeholders. `prepare` says the statement's text comes from a small set
 * (an IdP's lookup by one attribute, the unfiltered list), so it is prepared per connection.
 */
export async function selectPageRows<R extends object>(
  sql: Sql,
  q: { table: string; idColumn: string; where: CompiledWhere; sort: SortSpec; page: PageRequest; columns: string; prepare?: boolean },
): Promise<RowPage<R>> {
  const { page, sort } = q;
  const { limit, dir, params, keyset } = pageWindow(q);
  const offset = page.after ? 0 : Math.max(page.offset ?? 0, 0);
  const order = `${sort.expression} ${dir}, ${q.idColumn} ${dir}`;
  const total = totalOver(q.table, q.where, page);
  // Limit and offset are parameters too, so the text does not change from page to page. A keyset
  // page has no OFFSET at all: it seeks, so its cost does not grow with how deep it is.
  params.unshift(...total.params);
  params.push(limit + 1);
  if (!page.after) params.push(offset);
  const build = () =>
    numbered(
      `select ${q.columns}, p.page_sort_key, p.page_total
         from (select ${q.idColumn} as page_id, (${sort.expression})::text as page_sort_key, ${total.sql} as page_total
                 from ${q.table}
                where ${q.where.sql}${keyset}
                order by ${order}
                limit ?::int${page.after ? "" : " offset ?::int"}) p
         join ${q.table} on ${q.idColumn} = p.page_id
        order by ${order}`,
    );
  const statement = q.prepare ? preparedPage(`${q.table}|${q.columns}|${q.where.sql}|${keyset}|${total.sql}|${order}`, build) : build();
  const rows = limit === 0 ? [] : await sql.query<R & { page_sort_key: string; page_total: string }>(statement, params);
  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  let totalCount: number;
  if (rows.length > 0) {
    totalCount = Number(rows[0]!.page_total);
  } else {
    const [{ count }] = await sql.query<{ count: number }>(numbered(`select count(*)::int as count from ${q.table} where ${q.where.sql}`), q.where.params);
    totalCount = count;
  }
  const last = pageRows[pageRows.length - 1] as (R & { page_sort_key: string; id?: string }) | undefined;
  return {
    rows: pageRows,
    totalCount,
    hasNextPage: page.after ? hasMore : offset + pageRows.length < totalCount,
    endCursor: last ? encodeCursor(last.page_sort_key, String((last as { id?: unknown }).id), orderingOf(sort)) : null,
    offset,
  };
}
