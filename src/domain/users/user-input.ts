import type { ExtensionAttributes } from "./user.entity.js";

/**
 * What a caller sends to create, replace or update a user. Every field has three states, which
 * `updateUser` keeps apart (the rule SCIM PUT and PATCH need: RFC 7644 §3.5.1 lets a PUT keep
 * what it leaves out, and SailPoint deactivates with a PUT carrying only userName and active):
 * `undefined` (left out) keeps the stored value, `null` clears it, a value replaces it. A list
 * replaces the whole list; `name` and `enterprise` are merged field by field the same way.
 */
export interface UserNameData {
  formatted?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  honorificPrefix?: string | null;
  honorificSuffix?: string | null;
}

export interface UserEmailData {
  value: string;
  type?: string | null;
  primary?: boolean | null;
  display?: string | null;
}

/** RFC 7643 §4.3 enterprise extension attributes. */
export interface EnterpriseUserData {
  employeeNumber?: string | null;
  costCenter?: string | null;
  organization?: string | null;
  division?: string | null;
  department?: string | null;
  managerId?: string | null;
  managerDisplayName?: string | null;
}

/** One change of an attribute rolebridge does not model: the value at `path` in extensionAttributes, removed when null. */
export interface ExtensionAttributeUpdate {
  path: readonly string[];
  value?: unknown;
}

export interface UserData {
  userName?: string | null;
  externalId?: string | null;
  displayName?: string | null;
  nickName?: string | null;
  title?: string | null;
  userType?: string | null;
  preferredLanguage?: string | null;
  locale?: string | null;
  timezone?: string | null;
  name?: UserNameData | null;
  emails?: UserEmailData[] | null;
  active?: boolean | null;
  /** Write-only: checked against the company's password policy, stored as an argon2id hash. */
  password?: string | null;
  personId?: string | null;
  enterprise?: EnterpriseUserData | null;
  extensionAttributes?: ExtensionAttributes | null;
  /**
   * Changes of single keys of extensionAttributes, applied after `extensionAttributes` (if given):
   * what they do not name is kept. A SCIM PUT carrying attributes rolebridge does not model sends
   * these, so it needs no read of the stored ones.
   */
  extensionAttributeUpdates?: readonly ExtensionAttributeUpdate[] | null;
  allowSsoLogin?: boolean | null;
  autoAssignRoles?: boolean | null;
  isServiceAccount?: boolean | null;
  /**
   * The customer-supplied roles the user holds through the SCIM User `roles` attribute
   * (RFC 7643 §4.1.2), by displayName: the whole list of that source (null or [] removes them all,
   * left out keeps them). A name seen for the first time creates an unmapped role.
   */
  roles?: readonly string[] | null;
}

/** Top-level string attributes stored in the column of the same property name. */
export const PLAIN_STRING_FIELDS = [
  "externalId",
  "displayName",
  "nickName",
  "title",
  "userType",
  "preferredLanguage",
  "locale",
  "timezone",
  "personId",
] as const;

/** `name.<key>` → User property. */
export const NAME_FIELDS = {
  formatted: "formattedName",
  givenName: "givenName",
  familyName: "familyName",
  middleName: "middleName",
  honorificPrefix: "honorificPrefix",
  honorificSuffix: "honorificSuffix",
} as const;

/** `enterprise.<key>` → User property (same names). */
export const ENTERPRISE_FIELDS = [
  "employeeNumber",
  "costCenter",
  "organization",
  "division",
  "department",
  "managerId",
  "managerDisplayName",
] as const;

export const FLAG_FIELDS = ["allowSsoLogin", "autoAssignRoles", "isServiceAccount"] as const;
