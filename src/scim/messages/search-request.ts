import { ScimError } from "../errors.js";
import { isPlainObject } from "../schemas/canonicalize.js";

/** RFC 7644 §3.4.3: the SearchRequest message of POST /.search. */
export const SEARCH_REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

/** filter.maxResults of the ServiceProviderConfig; the GraphQL page size limit too. */
export const MAX_RESULTS = 1000;
export const DEFAULT_COUNT = 100;

/** A query, from GET parameters (RFC 7644 §3.4.2) or a SearchRequest body (§3.4.3). */
export interface ListQuery {
  filter?: string;
  sortBy?: string;
  descending: boolean;
  /** 1-based (RFC 7644 §3.4.2.4). */
  startIndex: number;
  count: number;
  /**
   * RFC 9865 §2: present (empty for the first page) when the client asks for cursor paging; then
   * `count` is exactly what it asked for, between 0 and filter.maxResults, and startIndex is unused.
   */
  cursor?: string;
  attributes?: string[];
  excludedAttributes?: string[];
}

/**
 * RFC 7644 §3.4.2.4: startIndex below 1 is 1; a negative count is 0; a count above
 * filter.maxResults is capped at it. Values that are not numbers are the defaults. With `cursor`
 * (RFC 9865 §2) a count outside 0..filter.maxResults is refused with invalidCount instead.
 */
export function listQueryFromParameters(params: Record<string, unknown>): ListQuery {
  const get = (name: string): string | undefined => {
    const key = Object.keys(params).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : params[key];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" ? first : undefined;
  };
  return buildQuery({
    filter: get("filter"),
    sortBy: get("sortBy"),
    sortOrder: get("sortOrder"),
    startIndex: get("startIndex"),
    count: get("count"),
    cursor: get("cursor"),
    attributes: get("attributes"),
    excludedAttributes: get("excludedAttributes"),
  });
}

export function listQueryFromSearchRequest(body: unknown): ListQuery {
  if (!isPlainObject(body)) throw ScimError.invalidSyntax("POST .search takes a SearchRequest message (RFC 7644 §3.4.3)");
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase())) {
    throw ScimError.invalidSyntax(`a SearchRequest lists ${SEARCH_REQUEST_SCHEMA} in schemas (RFC 7644 §3.4.3)`);
  }
  const field = (name: string): unknown => {
    const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : body[key];
  };
  const list = (name: string): string | undefined => {
    const v = field(name);
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join(",");
    if (typeof v === "string") return v;
    throw ScimError.invalidValue(`${name} must be a list of attribute paths`);
  };
  const text = (name: string): string | undefined => {
    const v = field(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string" || typeof v === "number") return String(v);
    throw ScimError.invalidValue(`${name} has the wrong type`);
  };
  const cursor = field("cursor");
  // RFC 9865 §3: the cursor of a SearchRequest is a string too, "" for the first page.
  if (cursor !== undefined && cursor !== null && typeof cursor !== "string") throw ScimError.invalidCursor("cursor must be a string: empty for the first page, then a nextCursor (RFC 9865 §2)");
  return buildQuery({
    filter: text("filter"),
    sortBy: text("sortBy"),
    sortOrder: text("sortOrder"),
    startIndex: text("startIndex"),
    count: text("count"),
    cursor: typeof cursor === "string" ? cursor : undefined,
    attributes: list("attributes"),
    excludedAttributes: list("excludedAttributes"),
  });
}

function buildQuery(raw: Record<string, string | undefined>): ListQuery {
  const startIndex = toInt(raw.startIndex);
  const count = toInt(raw.count);
  const sortOrder = raw.sortOrder?.trim().toLowerCase();
  if (sortOrder !== undefined && sortOrder !== "" && sortOrder !== "ascending" && sortOrder !== "descending") {
    throw ScimError.invalidValue(`sortOrder must be ascending or descending, not '${raw.sortOrder!.slice(0, 50)}'`);
  }
  if (raw.attributes !== undefined && raw.excludedAttributes !== undefined) {
    // RFC 7644 §3.4.2.5 defines each on its own; together they are ambiguous.
    throw ScimError.invalidValue("send either attributes or excludedAttributes, not both");
  }
  const cursorPaging = raw.cursor !== undefined;
  if (cursorPaging && raw.startIndex !== undefined) {
    // RFC 9865 §2.4: startIndex asks for index paging and cursor for cursor paging; both at once ask for neither.
    throw ScimError.invalidValue("send either startIndex (index paging, RFC 7644 §3.4.2.4) or cursor (cursor paging, RFC 9865 §2), not both");
  }
  return {
    filter: raw.filter?.trim() ? raw.filter : undefined,
    sortBy: raw.sortBy?.trim() || undefined,
    descending: sortOrder === "descending",
    startIndex: startIndex === undefined || startIndex < 1 ? 1 : startIndex,
    count: cursorPaging ? cursorCount(raw.count) : count === undefined ? DEFAULT_COUNT : Math.min(Math.max(count, 0), MAX_RESULTS),
    ...(cursorPaging ? { cursor: raw.cursor } : {}),
    attributes: splitList(raw.attributes),
    excludedAttributes: splitList(raw.excludedAttributes),
  };
}

/** RFC 9865 §2.1: a cursor page's count is between 0 and maxPageSize, or the request is refused (invalidCount), never silently capped. */
function cursorCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_COUNT;
  const count = /^\s*\+?\d{1,9}\s*$/.test(value) ? Number(value) : undefined;
  if (count === undefined || count > MAX_RESULTS) {
    throw ScimError.invalidCount(`count must be a whole number from 0 to ${MAX_RESULTS} (maxPageSize) with cursor paging, not '${value.slice(0, 50)}' (RFC 9865 §2.1)`);
  }
  return count;
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[+-]?\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  // Beyond 2^31 the value only matters as "very large" (startIndex past the end, count capped).
  return Number.isFinite(n) ? Math.max(Math.min(n, 2 ** 31 - 1), -(2 ** 31)) : undefined;
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}
