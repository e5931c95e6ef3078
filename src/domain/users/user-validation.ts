import { DomainError } from "../errors.js";
import { ENTERPRISE_FIELDS, NAME_FIELDS, PLAIN_STRING_FIELDS, type UserData } from "./user-input.js";

/** Limits that keep a user row bounded; each failure names the field (SCIM 400 invalidValue). */
export const USER_NAME_MAX = 256;
export const EMAIL_VALUE_MAX = 512;
export const EMAILS_MAX = 100;
export const STRING_MAX = 1024;
/** Serialized size of extensionAttributes; far above what IdPs send, far below a hostile body. */
export const EXTENSION_ATTRIBUTES_MAX = 64 * 1024;

// C0 and C1 controls and DEL (\p{Cc}): invisible in admin UIs and logs, and a userName is an identifier.
const CONTROL = /\p{Cc}/u;
// A lone UTF-16 surrogate cannot be stored as UTF-8 text (or JSON in jsonb) without loss or an error.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Validates the shape of a user input before any database work, so every bad value becomes
 * BAD_USER_INPUT with its field rather than a database error (a 500).
 */
export function validateUserData(input: UserData, mode: "create" | "replace" | "update"): void {
  if (input.userName === undefined) {
    if (mode !== "update") throw DomainError.invalid("userName", "userName is required");
  } else {
    if (input.userName === null) throw DomainError.invalid("userName", "userName cannot be cleared");
    const userName = normalizeUserName(input.userName);
    if (!userName) throw DomainError.invalid("userName", "userName must not be empty");
    if (userName.length > USER_NAME_MAX) throw DomainError.invalid("userName", `userName must be at most ${USER_NAME_MAX} characters`);
    if (CONTROL.test(userName)) throw DomainError.invalid("userName", "userName must not contain control characters");
    checkText("userName", userName, USER_NAME_MAX);
  }
  for (const key of PLAIN_STRING_FIELDS) optionalText(key, input[key]);
  if (input.name) for (const key of Object.keys(NAME_FIELDS) as (keyof typeof NAME_FIELDS)[]) optionalText(`name.${key}`, input.name[key]);
  if (input.enterprise) for (const key of ENTERPRISE_FIELDS) optionalText(`enterprise.${key}`, input.enterprise[key]);
  if (input.emails) {
    if (input.emails.length > EMAILS_MAX) throw DomainError.invalid("emails", `a user has at most ${EMAILS_MAX} emails`);
    let primaries = 0;
    input.emails.forEach((email, i) => {
      const field = `emails[${i}]`;
      if (!email || typeof email.value !== "string" || !email.value.trim()) throw DomainError.invalid(`${field}.value`, "an email value must be a non-empty string");
      checkText(`${field}.value`, email.value, EMAIL_VALUE_MAX);
      optionalText(`${field}.type`, email.type);
      optionalText(`${field}.display`, email.display);
      if (email.primary) primaries++;
    });
    // RFC 7643 §2.4: the primary attribute value true MUST appear no more than once.
    if (primaries > 1) throw DomainError.invalid("emails", "at most one email may be primary");
  }
  if (input.password !== undefined && input.password !== null && typeof input.password !== "string") {
    throw DomainError.invalid("password", "password must be a string");
  }
  if (input.extensionAttributes) checkExtensionAttributes(input.extensionAttributes);
  if (input.extensionAttributeUpdates) {
    if (!Array.isArray(input.extensionAttributeUpdates)) throw DomainError.invalid("extensionAttributeUpdates", "extensionAttributeUpdates must be a list");
    checkExtensionAttributes({ updates: input.extensionAttributeUpdates.map((u) => u?.value ?? null) }, "extensionAttributeUpdates");
  }
}

/** Leading and trailing whitespace is not part of an identifier (IdPs occasionally send it). */
export function normalizeUserName(userName: string): string {
  return userName.trim();
}

function optionalText(field: string, value: string | null | undefined): void {
  if (value === undefined || value === null) return;
  checkText(field, value, STRING_MAX);
}

function checkText(field: string, value: unknown, max: number): void {
  if (typeof value !== "string") throw DomainError.invalid(field, `${field} must be a string`);
  if (value.length > max) throw DomainError.invalid(field, `${field} must be at most ${max} characters`);
  // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the driver.
  if (value.includes("\u0000")) throw DomainError.invalid(field, `${field} must not contain NUL characters`);
  if (LONE_SURROGATE.test(value)) throw DomainError.invalid(field, `${field} is not well-formed Unicode`);
}

/** extensionAttributes must be a JSON object of bounded size that jsonb can store. */
export function checkExtensionAttributes(value: unknown, field = "extensionAttributes"): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw DomainError.invalid(field, "extensionAttributes must be a JSON object");
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    throw DomainError.invalid(field, "extensionAttributes must be plain JSON");
  }
  if (json.length > EXTENSION_ATTRIBUTES_MAX) throw DomainError.invalid(field, `extensionAttributes must be at most ${EXTENSION_ATTRIBUTES_MAX} characters of JSON`);
  // jsonb rejects \u0000 and unpaired surrogate escapes (22P05): find them in keys and strings alike.
  const walk = (v: unknown, path: string): void => {
    if (typeof v === "string") {
      if (v.includes("\u0000") || LONE_SURROGATE.test(v)) throw DomainError.invalid(path, "a value contains NUL or is not well-formed Unicode");
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (v && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        walk(k, path);
        walk(item, `${path}.${k}`);
      }
    }
  };
  walk(value, field);
}
