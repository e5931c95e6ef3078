/** RFC 7643 §3.1: the `meta` attribute every resource carries, and the URI that names a resource. */
import { etagOf } from "./versions.js";

/** The endpoints resources live under (RFC 7644 §3.2). */
export type ResourceEndpoint = "/Users" | "/Groups";

/** A resource's absolute URI: meta.location, a member's or manager's $ref, the Location header. */
export function resourceLocation(baseUrl: string, endpoint: ResourceEndpoint, id: string): string {
  return `${baseUrl}${endpoint}/${encodeURIComponent(id)}`;
}

export interface VersionedRow {
  createdAt: unknown;
  updatedAt: unknown;
  version: number;
}

/** The meta attribute of a resource read from GraphQL (timestamps arrive as ISO strings or Dates). */
export function resourceMeta(resourceType: "User" | "Group", row: VersionedRow, location: string): Record<string, unknown> {
  return {
    resourceType,
    created: iso(row.createdAt),
    lastModified: iso(row.updatedAt),
    location,
    version: etagOf(row.version),
  };
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
