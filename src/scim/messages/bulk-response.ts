import type { ScimErrorBody } from "../errors.js";
import type { BulkMethod } from "./bulk-request.js";

/** RFC 7644 §3.7: the BulkResponse message of POST /Bulk. */
export const BULK_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

/** What became of one operation (RFC 7644 §3.7). */
export interface BulkOperationResult {
  method: BulkMethod;
  bulkId?: string;
  /** The resource's absolute URI; left out only for a POST that failed. */
  location?: string;
  /** The resource's ETag after the change, when there is a resource to have one. */
  version?: string;
  /** The HTTP status its single request would have had, as a string, as the RFC's examples write it. */
  status: string;
  /** The RFC 7644 §3.12 error of a failed operation; a success carries no body (RFC 7644 §3.7 lets the server omit it). */
  response?: ScimErrorBody;
}

export interface BulkResponse {
  schemas: [typeof BULK_RESPONSE_SCHEMA];
  Operations: BulkOperationResult[];
}

export function bulkResponse(results: BulkOperationResult[]): BulkResponse {
  return { schemas: [BULK_RESPONSE_SCHEMA], Operations: results };
}
