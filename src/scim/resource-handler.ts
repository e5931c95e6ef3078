import type { OperationRunner } from "./execute.js";
import type { ListQuery } from "./messages/search-request.js";
import type { ListResponse } from "./messages/list-response.js";
import type { ResourceEndpoint } from "./messages/meta.js";

/** Everything a handler needs from the request it serves. */
export interface ScimRequestScope {
  runner: OperationRunner;
  /** Absolute base URL of the SCIM service (PUBLIC_BASE_URL or the request's host) + /scim/v2. */
  baseUrl: string;
  /** The version an `If-Match` header demands (RFC 7644 §3.14), if any; "*" matches any version. */
  ifMatch?: number | "*";
  /** Normalisations of IdP dialects applied while reading the request (for the provisioning log). */
  notes: Set<string>;
  attributes?: string[];
  excludedAttributes?: string[];
}

/** One resource, with its current version for the ETag header. */
export interface ResourceResult {
  resource: Record<string, unknown>;
  id: string;
  version: number;
  /** Answer 204 with the ETag and no body (RFC 7644 §3.5.2 allows it for PATCH; a Group PATCH reads no members). */
  noContent?: boolean;
}

/**
 * One generic interface per SCIM resource type, routed by one registration function
 * (as Zitadel's resource_handler.go does). Each method runs exactly one GraphQL operation that
 * writes, so one SCIM request is one transaction: the change, its version bump and its
 * ProvisioningEvent commit together or not at all.
 */
export interface ScimResourceHandler {
  /** RFC 7643 §6 resource type name, e.g. "User". */
  resourceType: string;
  /** e.g. "/Users". */
  endpoint: ResourceEndpoint;
  list(scope: ScimRequestScope, query: ListQuery): Promise<ListResponse>;
  get(scope: ScimRequestScope, id: string): Promise<ResourceResult>;
  create(scope: ScimRequestScope, body: unknown): Promise<ResourceResult>;
  replace(scope: ScimRequestScope, id: string, body: unknown): Promise<ResourceResult>;
  patch(scope: ScimRequestScope, id: string, body: unknown): Promise<ResourceResult>;
  delete(scope: ScimRequestScope, id: string): Promise<void>;
}
