import { ScimError } from "../errors.js";
import { isPlainObject } from "../schemas/canonicalize.js";
import type { ResourceEndpoint } from "./meta.js";

/** RFC 7644 §3.7: the BulkRequest message of POST /Bulk. */
export const BULK_REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

/**
 * bulk.maxOperations of the ServiceProviderConfig (RFC 7644 §3.7.4). Every operation is a change
 * of its own, one after another, so the bound keeps one request to seconds, not minutes. The
 * payload bound, bulk.maxPayloadSize, is the body limit of every SCIM request (MAX_BODY_BYTES):
 * the body parser enforces both, and any single request's body fits in a Bulk operation.
 */
export const MAX_BULK_OPERATIONS = 1000;

export const BULK_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
export type BulkMethod = (typeof BULK_METHODS)[number];

/** One operation of a BulkRequest, checked against the message's schema but not yet run. */
export interface BulkOperation {
  /** Its position in the request, from 0. */
  index: number;
  method: BulkMethod;
  bulkId?: string;
  /** The version the operation demands, as an If-Match header would (RFC 7644 §3.7, §3.14). */
  version?: string;
  /** The resource endpoint the path names, spelled as its handler spells it ("/Users"). */
  endpoint: ResourceEndpoint;
  /** The resource a PUT, PATCH or DELETE addresses, as sent: possibly a `bulkId:` reference. */
  id?: string;
  data?: unknown;
}

export interface BulkRequest {
  operations: BulkOperation[];
  /** Stop once this many operations have failed (RFC 7644 §3.7); undefined: run them all. */
  failOnErrors?: number;
}

/**
 * Reads a BulkRequest (RFC 7644 §3.7): the message as a whole is refused, before any operation
 * runs, when it is malformed: its schemas, its Operations, each operation's method, path, bulkId,
 * version and the presence of data. What `data` holds is each operation's own resource handler's
 * to judge, as in its single-request form. Attribute names are matched ignoring case (RFC 7643 §2.1).
 */
export function parseBulkRequest(body: unknown, endpoints: readonly ResourceEndpoint[]): BulkRequest {
  if (!isPlainObject(body)) throw ScimError.invalidSyntax("the request body must be a BulkRequest message (a JSON object) sent as application/scim+json (RFC 7644 §3.7)");
  const schemas = field(body, "schemas");
  if (!Array.isArray(schemas) || !schemas.every((s) => typeof s === "string")) {
    throw ScimError.invalidSyntax(`schemas is required: a list of schema URNs including ${BULK_REQUEST_SCHEMA} (RFC 7644 §3.7)`);
  }
  if (!schemas.some((s: string) => s.toLowerCase() === BULK_REQUEST_SCHEMA.toLowerCase())) {
    throw ScimError.invalidValue(`schemas must include ${BULK_REQUEST_SCHEMA} for a BulkRequest`);
  }
  const operations = field(body, "Operations");
  if (!Array.isArray(operations)) throw ScimError.invalidSyntax("Operations is required: the list of operations of the BulkRequest (RFC 7644 §3.7)");
  if (operations.length === 0) throw ScimError.invalidValue("Operations lists no operation");
  // RFC 7644 §3.7.4: more operations than the service provider takes is 413, naming the limit.
  if (operations.length > MAX_BULK_OPERATIONS) {
    throw ScimError.payloadTooLarge(`the BulkRequest has ${operations.length} operations, more than bulk.maxOperations (${MAX_BULK_OPERATIONS}) allows (RFC 7644 §3.7.4)`);
  }
  const failOnErrors = field(body, "failOnErrors");
  if (failOnErrors !== undefined && failOnErrors !== null && !(Number.isInteger(failOnErrors) && (failOnErrors as number) >= 1)) {
    throw ScimError.invalidValue("failOnErrors must be a whole number of 1 or more: the number of failed operations after which the rest are not run (RFC 7644 §3.7)");
  }
  const parsed = operations.map((op, index) => parseOperation(op, index, endpoints));
  const seen = new Set<string>();
  for (const op of parsed) {
    if (op.bulkId === undefined) continue;
    // RFC 7644 §3.7: a bulkId is unique within a request, or references to it would be ambiguous.
    if (seen.has(op.bulkId)) throw ScimError.invalidValue(`Operations[${op.index}].bulkId '${clip(op.bulkId)}' is used by another operation of this request; a bulkId must be unique within a BulkRequest`);
    seen.add(op.bulkId);
  }
  return { operations: parsed, failOnErrors: typeof failOnErrors === "number" ? failOnErrors : undefined };
}

function parseOperation(raw: unknown, index: number, endpoints: readonly ResourceEndpoint[]): BulkOperation {
  const at = `Operations[${index}]`;
  if (!isPlainObject(raw)) throw ScimError.invalidSyntax(`${at} must be a JSON object with method, path and (except for DELETE) data`);
  const rawMethod = field(raw, "method");
  if (typeof rawMethod !== "string") throw ScimError.invalidSyntax(`${at}.method is required: one of ${BULK_METHODS.join(", ")}`);
  const method = BULK_METHODS.find((m) => m === rawMethod.toUpperCase());
  if (!method) throw ScimError.invalidValue(`${at}.method '${clip(rawMethod)}' is not one of ${BULK_METHODS.join(", ")} (RFC 7644 §3.7)`);

  // RFC 7644 §3.7 calls bulkId REQUIRED for a POST; a POST without one is still run, since its
  // result keeps its place in the BulkResponse, but no other operation can refer to what it created.
  const bulkId = optionalString(raw, "bulkId", at);
  if (bulkId === "") throw ScimError.invalidValue(`${at}.bulkId must not be empty`);
  const version = optionalString(raw, "version", at);

  const path = field(raw, "path");
  if (typeof path !== "string") throw ScimError.invalidSyntax(`${at}.path is required: a resource endpoint such as /Users, or a resource such as /Users/{id}`);
  const { endpoint, id } = parsePath(path, at, endpoints);
  // RFC 7644 §3.7: a POST's path is the resource endpoint; every other method's is one resource.
  if (method === "POST" && id !== undefined) throw ScimError.invalidValue(`${at}.path of a POST is the resource endpoint (${endpoint}), not one resource`);
  if (method !== "POST" && id === undefined) throw ScimError.invalidValue(`${at}.path of a ${method} names one resource: ${endpoint}/{id}`);

  const data = field(raw, "data");
  if (method !== "DELETE" && (data === undefined || data === null)) throw ScimError.invalidSyntax(`${at}.data is required for a ${method}: the body its single request would carry (RFC 7644 §3.7)`);

  return {
    index,
    method,
    ...(bulkId !== undefined ? { bulkId } : {}),
    ...(version !== undefined ? { version } : {}),
    endpoint,
    ...(id !== undefined ? { id } : {}),
    ...(method !== "DELETE" ? { data } : {}),
  };
}

/** `/Users` or `/Users/{id}`, relative to the SCIM base URL; endpoints match ignoring case, as the router's routes do. */
function parsePath(path: string, at: string, endpoints: readonly ResourceEndpoint[]): { endpoint: ResourceEndpoint; id?: string } {
  const segments = path.replace(/\/$/, "").split("/");
  const endpoint = segments.length >= 2 && segments[0] === "" ? endpoints.find((e) => e.toLowerCase() === `/${segments[1]!.toLowerCase()}`) : undefined;
  if (!endpoint || segments.length > 3 || path.includes("?")) {
    throw ScimError.invalidValue(`${at}.path '${clip(path)}' is neither a resource endpoint (${endpoints.join(", ")}) nor one resource of them (${endpoints[0]}/{id})`);
  }
  if (segments.length === 2) return { endpoint };
  let id: string;
  try {
    id = decodeURIComponent(segments[2]!);
  } catch {
    throw ScimError.invalidValue(`${at}.path '${clip(path)}' is not well-formed (RFC 3986 percent-encoding)`);
  }
  if (id === "") throw ScimError.invalidValue(`${at}.path '${clip(path)}' names no resource id`);
  return { endpoint, id };
}

function optionalString(raw: Record<string, unknown>, name: string, at: string): string | undefined {
  const value = field(raw, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw ScimError.invalidSyntax(`${at}.${name} must be a string`);
  return value;
}

function field(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : body[key];
}

function clip(value: string): string {
  return value.slice(0, 200);
}
