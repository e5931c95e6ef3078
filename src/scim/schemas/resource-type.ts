import type { ResourceEndpoint } from "../messages/meta.js";
import type { ResourceSchemas } from "./canonicalize.js";

/**
 * RFC 7643 §6: a resource type, the one description of a resource the facade serves. Its schemas
 * drive canonicalisation, attribute selection, PATCH and the mapper; its name, endpoint and
 * extensions are what /ResourceTypes publishes.
 */
export interface ResourceType extends ResourceSchemas {
  name: "User" | "Group";
  endpoint: ResourceEndpoint;
  description: string;
}

/** RFC 7643 §3.1: the attributes every resource has, in canonical case. */
export const COMMON_ATTRIBUTES = ["schemas", "id", "externalId", "meta"];
