import { CUSTOM_USER_SCHEMA } from "../schemas/custom-user.schema.js";
import { ENTERPRISE_USER_SCHEMA } from "../schemas/enterprise-user.schema.js";
import { GROUP_SCHEMA } from "../schemas/group.schema.js";
import { USER_SCHEMA } from "../schemas/user.schema.js";

/**
 * Declarative maps from SCIM attribute paths to GraphQL where-fields, modelled on Zitadel's
 * `user_query_builder.go` (one table per resource, with type and case sensitivity), but with
 * GraphQL `UserWhere` fields as targets instead of columns. Keys are lower case: attribute names
 * are case-insensitive (RFC 7643 §2.1).
 */
/** "presence": an attribute derived from another, so only `pr` can be answered (Group members.display, $ref, type). */
export type FilterValueType = "string" | "boolean" | "dateTime" | "id" | "presence";

export type FilterTarget =
  | { kind: "scalar"; field: string; type: FilterValueType }
  /**
   * A multi-valued complex attribute whose rows the where-input matches one at a time
   * (`emails[type eq "work" and value co "@x"]`, RFC 7644 §3.4.2.2). `emails co "x"` compares
   * the `value` sub-attribute, as RFC 7644 §3.4.2.2 says for a complex attribute without a sub-attribute.
   */
  | {
      kind: "multi";
      field: string;
      attributes: Record<string, FilterTarget>;
      defaultSubAttribute: string;
      /**
       * What every matched row also meets, so a filter matches exactly the values the attribute
       * lists: `groups` and Group `members` list the memberships SCIM Groups own, `roles` those the
       * roles attribute owns, not the ones an admin or an upload made.
       */
      rowScope?: Record<string, unknown>;
    };

export interface ResourceFilterMap {
  /** Schema URN (any case) → the prefix its attributes carry in `attributes` ("" for the core schema). */
  schemas: Record<string, string>;
  attributes: Record<string, FilterTarget>;
  /** Lower-case SCIM path → the GraphQL OrderBy field (RFC 7644 §3.4.2.3 sortBy). */
  sortFields: Record<string, string>;
}

const s = (field: string): FilterTarget => ({ kind: "scalar", field, type: "string" });

const EMAIL_ATTRIBUTES: Record<string, FilterTarget> = {
  value: s("value"),
  type: s("type"),
  display: s("display"),
  primary: { kind: "scalar", field: "primary", type: "boolean" },
};

/** The membership rows one SCIM attribute lists (GraphQL MembershipSource). */
const ownedBy = (source: "SCIM_GROUP" | "SCIM_ROLES_ATTRIBUTE") => ({ source: { eq: source } });

/**
 * The User's readOnly `groups` (RFC 7643 §4.1.2): the SCIM Groups it is a member of. `type` is
 * always "direct" (rolebridge has no nested groups), so only presence can be asked of it.
 */
const USER_GROUP_ATTRIBUTES: Record<string, FilterTarget> = {
  value: { kind: "scalar", field: "customerRoleId", type: "id" },
  display: s("customerRoleName"),
  type: { kind: "scalar", field: "customerRoleId", type: "presence" },
};

/** The User's `roles` (RFC 7643 §4.1.2): the customer-supplied roles named in it, by displayName. */
const USER_ROLE_ATTRIBUTES: Record<string, FilterTarget> = {
  value: s("customerRoleName"),
};

const enterprise: Record<string, FilterTarget> = {
  employeenumber: s("employeeNumber"),
  costcenter: s("costCenter"),
  organization: s("organization"),
  division: s("division"),
  department: s("department"),
  manager: s("managerId"),
  "manager.value": s("managerId"),
};

export const userFilterMap: ResourceFilterMap = {
  schemas: {
    [USER_SCHEMA.toLowerCase()]: "",
    [ENTERPRISE_USER_SCHEMA.toLowerCase()]: "enterprise:",
    [CUSTOM_USER_SCHEMA.toLowerCase()]: "custom:",
  },
  attributes: {
    id: { kind: "scalar", field: "id", type: "id" },
    username: s("userName"),
    externalid: s("externalId"),
    displayname: s("displayName"),
    nickname: s("nickName"),
    title: s("title"),
    usertype: s("userType"),
    locale: s("locale"),
    preferredlanguage: s("preferredLanguage"),
    timezone: s("timezone"),
    active: { kind: "scalar", field: "active", type: "boolean" },
    "name.givenname": s("givenName"),
    "name.familyname": s("familyName"),
    "name.formatted": s("formattedName"),
    "name.middlename": s("middleName"),
    "name.honorificprefix": s("honorificPrefix"),
    "name.honorificsuffix": s("honorificSuffix"),
    emails: { kind: "multi", field: "emails", attributes: EMAIL_ATTRIBUTES, defaultSubAttribute: "value" },
    "meta.created": { kind: "scalar", field: "createdAt", type: "dateTime" },
    "meta.lastmodified": { kind: "scalar", field: "updatedAt", type: "dateTime" },
    groups: { kind: "multi", field: "memberships", attributes: USER_GROUP_ATTRIBUTES, defaultSubAttribute: "value", rowScope: ownedBy("SCIM_GROUP") },
    roles: { kind: "multi", field: "memberships", attributes: USER_ROLE_ATTRIBUTES, defaultSubAttribute: "value", rowScope: ownedBy("SCIM_ROLES_ATTRIBUTE") },
    ...Object.fromEntries(Object.entries(enterprise).map(([k, v]) => [`enterprise:${k}`, v])),
    "custom:personid": s("personId"),
    // Unqualified extension attributes are accepted where the name is unambiguous: SailPoint filters
    // and maps `department` and `costCenter` without the URN, and personId is sent bare.
    ...enterprise,
    personid: s("personId"),
  },
  sortFields: {
    username: "USER_NAME",
    displayname: "DISPLAY_NAME",
    "name.givenname": "GIVEN_NAME",
    "name.familyname": "FAMILY_NAME",
    externalid: "EXTERNAL_ID",
    "meta.created": "CREATED_AT",
    "meta.lastmodified": "UPDATED_AT",
  },
};

// display and type are derived from the member's user (type is always "User"): every member has both.
// ($ref cannot be spelled in a filter: RFC 7644 §3.4.2.2 ATTRNAME is ALPHA *(nameChar).)
const MEMBER_ATTRIBUTES: Record<string, FilterTarget> = {
  value: { kind: "scalar", field: "value", type: "id" },
  display: { kind: "scalar", field: "value", type: "presence" },
  type: { kind: "scalar", field: "value", type: "presence" },
};

/**
 * The Group resource (RFC 7643 §4.2) → CustomerRoleWhere. `members.value eq "<user id>"` (and
 * `members[value eq …]`) finds a user's groups with an EXISTS on the membership index, over the
 * SCIM-owned memberships that `members` lists.
 */
export const groupFilterMap: ResourceFilterMap = {
  schemas: { [GROUP_SCHEMA.toLowerCase()]: "" },
  attributes: {
    id: { kind: "scalar", field: "id", type: "id" },
    displayname: s("displayName"),
    externalid: s("externalId"),
    members: { kind: "multi", field: "members", attributes: MEMBER_ATTRIBUTES, defaultSubAttribute: "value", rowScope: ownedBy("SCIM_GROUP") },
    "meta.created": { kind: "scalar", field: "createdAt", type: "dateTime" },
    "meta.lastmodified": { kind: "scalar", field: "updatedAt", type: "dateTime" },
  },
  sortFields: {
    displayname: "DISPLAY_NAME",
    externalid: "EXTERNAL_ID",
    "meta.created": "CREATED_AT",
    "meta.lastmodified": "UPDATED_AT",
  },
};

/** An own entry of a lookup table: `constructor` or `__proto__` from a request never reach Object.prototype. */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * The map key of a SCIM attribute path: lower case, with a known schema URN replaced by its
 * prefix (`urn:…:enterprise:2.0:User:department` → `enterprise:department`). Undefined when the
 * path names an unknown schema.
 */
export function attributeKey(map: ResourceFilterMap, path: string): string | undefined {
  const lower = path.toLowerCase();
  if (!lower.startsWith("urn:")) return lower;
  for (const [urn, prefix] of Object.entries(map.schemas)) {
    if (lower.startsWith(`${urn}:`)) return `${prefix}${lower.slice(urn.length + 1)}`;
  }
  return undefined;
}
