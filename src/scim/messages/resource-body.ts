/** What a resource body sent by a client must be before any of its attributes is read (RFC 7643 §3, RFC 7644 §3.3). */
import { ScimError } from "../errors.js";
import { isPlainObject } from "../schemas/canonicalize.js";

/** A body for `resourceType`: a JSON object whose schemas list its core schema URN (compared case-insensitively, RFC 7643 §2.1). */
export function requireResourceBody(body: unknown, resourceType: "User" | "Group", coreSchema: string): Record<string, unknown> {
  if (!isPlainObject(body)) throw ScimError.invalidSyntax(`the request body must be a ${resourceType} resource (a JSON object) sent as application/scim+json`);
  const key = Object.keys(body).find((k) => k.toLowerCase() === "schemas");
  const schemas = key === undefined ? undefined : body[key];
  if (!Array.isArray(schemas) || !schemas.every((s) => typeof s === "string")) {
    throw ScimError.invalidSyntax(`schemas is required: a list of schema URNs including ${coreSchema} (RFC 7643 §3)`);
  }
  if (!schemas.some((s: string) => s.toLowerCase() === coreSchema.toLowerCase())) {
    throw ScimError.invalidValue(`schemas must include ${coreSchema} for a ${resourceType}`);
  }
  return body;
}

/** A string attribute's value; null and absent both clear it (RFC 7644 §3.5.1), anything else is invalidValue. */
export function stringOrNull(value: unknown, attribute: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw ScimError.invalidValue(`${attribute} must be a string`);
  return value;
}
