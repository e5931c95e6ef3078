import { DomainError } from "../errors.js";

/** The longest displayName a customer-supplied role may have (also a role named in a User's `roles` or an upload). */
export const MAX_DISPLAY_NAME_LENGTH = 256;
export const MAX_EXTERNAL_ID_LENGTH = 1024;

/** A role's displayName, or BAD_USER_INPUT naming `field` (`roles` when a User names the role). */
export function validDisplayName(value: string | null, field = "displayName"): string {
  if (typeof value !== "string" || value.trim() === "") throw DomainError.invalid(field, "displayName must not be empty");
  if (value.length > MAX_DISPLAY_NAME_LENGTH) throw DomainError.invalid(field, `displayName must be at most ${MAX_DISPLAY_NAME_LENGTH} characters`);
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the driver.
  if (value.includes("\u0000")) throw DomainError.invalid(field, "displayName must not contain NUL characters");
  return value;
}

/** A role's externalId (RFC 7643 §3.1); null and undefined clear it. */
export function validExternalId(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (value.length > MAX_EXTERNAL_ID_LENGTH) throw DomainError.invalid("externalId", `externalId must be at most ${MAX_EXTERNAL_ID_LENGTH} characters`);
  if (value.includes("\u0000")) throw DomainError.invalid("externalId", "externalId must not contain NUL characters");
  return value;
}
