import { createHash } from "node:crypto";
import { ScimError } from "../errors.js";
import { attributeKey, own, type ResourceFilterMap } from "../filter/attribute-map.js";
import type { PageInput, SortDirection } from "../generated/graphql.js";
import { cursorListResponse, listResponse, type ListResponse } from "./list-response.js";
import type { ListQuery } from "./search-request.js";

/**
 * How a query of a resource type (RFC 7644 §3.4.2, §3.4.3) becomes one GraphQL page request, and
 * that page a ListResponse: sortBy resolved to the resource's sort field, and paging by index
 * (startIndex, the default) or by cursor (RFC 9865), for every resource type alike.
 */
export interface ListPlan<Field extends string> {
  orderBy?: { field: Field; direction: SortDirection };
  page: PageInput;
  respond(resources: Record<string, unknown>[], result: ListPage): ListResponse;
}

/** What a list operation reads of its connection. */
export interface ListPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** The longest cursor looked at; the ones issued here are far shorter. */
const MAX_CURSOR_LENGTH = 2048;

/**
 * Plans one list request. A cursor page seeks after the row its cursor names (the GraphQL
 * `after`, a keyset in SQL, so the last page costs what the first does); an index page skips
 * startIndex - 1 rows, exactly as before cursors existed.
 */
export function planList<Field extends string>(query: ListQuery, resource: { resourceType: string; filterMap: ResourceFilterMap; plural: string }): ListPlan<Field> {
  let orderBy: ListPlan<Field>["orderBy"];
  if (query.sortBy) {
    const key = attributeKey(resource.filterMap, query.sortBy);
    const field = key === undefined ? undefined : own(resource.filterMap.sortFields, key);
    if (!field) throw ScimError.invalidValue(`sortBy '${query.sortBy.slice(0, 100)}' is not an attribute ${resource.plural} can be sorted by`);
    orderBy = { field: field as Field, direction: query.descending ? "DESC" : "ASC" };
  }
  if (query.cursor === undefined) {
    return {
      orderBy,
      page: { offset: query.startIndex - 1, first: query.count },
      respond: (resources, result) => listResponse(resources, result.totalCount, query.startIndex),
    };
  }
  const issuedFor = queryFingerprint(resource.resourceType, query.filter, orderBy);
  const after = query.cursor === "" ? undefined : openCursor(query.cursor, issuedFor, query.count);
  return {
    orderBy,
    page: { first: query.count, ...(after ? { after } : {}) },
    respond: (resources, result) => {
      const { hasNextPage, endCursor } = result.pageInfo;
      // RFC 9865 §2: nextCursor on every page but the last; its absence says there is no more.
      const next = hasNextPage && endCursor && resources.length > 0 ? sealCursor({ after: endCursor, count: query.count, issuedFor }) : undefined;
      return cursorListResponse(resources, result.totalCount, next);
    },
  };
}

/**
 * A SCIM cursor: the GraphQL endCursor of the page's last row (its sort key and id, for the
 * keyset), with the count and a digest of the query it was issued for, since RFC 9865 §2 has the
 * client repeat every parameter on each page: a cursor sent with another filter or sort is
 * invalidCursor, with another count invalidCount (RFC 9865 §2.1). base64url, so it is made of
 * RFC 3986 unreserved characters as RFC 9865 §2 requires.
 */
interface CursorContent {
  after: string;
  count: number;
  issuedFor: string;
}

function sealCursor(content: CursorContent): string {
  return Buffer.from(JSON.stringify([content.after, content.count, content.issuedFor]), "utf8").toString("base64url");
}

/** The GraphQL `after` of a cursor sent back, once it is known to belong to this query. */
function openCursor(cursor: string, issuedFor: string, count: number): string {
  const content = cursor.length <= MAX_CURSOR_LENGTH ? parseCursor(cursor) : undefined;
  if (!content) throw ScimError.invalidCursor("the cursor is not one this service issued: send an empty cursor for the first page, then each page's nextCursor (RFC 9865 §2)");
  if (content.issuedFor !== issuedFor) {
    throw ScimError.invalidCursor("the cursor was issued for another query: send the filter, sortBy and sortOrder of its first page, or start again with an empty cursor (RFC 9865 §2)");
  }
  if (content.count !== count) throw ScimError.invalidCount(`count must stay ${content.count}, as on the first page of this cursor (RFC 9865 §2.1)`);
  return content.after;
}

function parseCursor(cursor: string): CursorContent | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [after, count, issuedFor] = value as unknown[];
  if (typeof after !== "string" || after === "" || typeof count !== "number" || typeof issuedFor !== "string") return undefined;
  return { after, count, issuedFor };
}

/** A digest of what a cursor's pages must share: the resource type, the filter as sent, and the resolved sort. */
function queryFingerprint(resourceType: string, filter: string | undefined, orderBy: { field: string; direction: string } | undefined): string {
  return createHash("sha256")
    .update(JSON.stringify([resourceType, filter ?? null, orderBy?.field ?? null, orderBy?.direction ?? null]))
    .digest("base64url")
    .slice(0, 22);
}
