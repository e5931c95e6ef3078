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
  attributes?: string[];
  excludedAttributes?: string[];
}

/**
 * RFC 7644 §3.4.2.4: startIndex below 1 is 1; a negative count is 0; a count above
 * filter.maxResults is capped at it. Values that are not numbers are the defaults.
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
  return buildQuery({
    filter: text("filter"),
    sortBy: text("sortBy"),
    sortOrder: text("sortOrder"),
    startIndex: text("startIndex"),
    count: text("count"),
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
  return {
    filter: raw.filter?.trim() ? raw.filter : undefined,
    sortBy: raw.sortBy?.trim() || undefined,
    descending: sortOrder === "descending",
    startIndex: startIndex === undefined || startIndex < 1 ? 1 : startIndex,
    count: count === undefined ? DEFAULT_COUNT : Math.min(Math.max(count, 0), MAX_RESULTS),
    attributes: splitList(raw.attributes),
    excludedAttributes: splitList(raw.excludedAttributes),
  };
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
