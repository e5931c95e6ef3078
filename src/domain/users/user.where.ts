import type { BooleanComparison, DateTimeComparison, FieldMap, IdComparison, StringComparison, WhereNode } from "../where.js";
import type { MembershipSourceComparison } from "../customer-roles/customer-role.where.js";
import type { SortSpec } from "../paging.js";
import type { UserOrigin } from "./user-origin.js";

/**
 * The users filter: which attribute of a user each where-field compares, for `compileWhere`.
 * The SCIM facade maps RFC 7644 §3.4.2.2 attribute paths onto these names (its attribute map);
 * columns are qualified with the `u` alias of `user_account` that `UserService.list` selects from.
 */

/** One email row's comparisons: `emails[type eq "work" and value co "@x"]` matches ONE row (RFC 7644 §3.4.2.2). */
export interface UserEmailWhereFields {
  value?: StringComparison | null;
  type?: StringComparison | null;
  display?: StringComparison | null;
  primary?: BooleanComparison | null;
}

export type UserEmailWhere = WhereNode<UserEmailWhereFields>;

export interface UserWhereFields {
  id?: IdComparison | null;
  userName?: StringComparison | null;
  externalId?: StringComparison | null;
  displayName?: StringComparison | null;
  nickName?: StringComparison | null;
  title?: StringComparison | null;
  userType?: StringComparison | null;
  locale?: StringComparison | null;
  preferredLanguage?: StringComparison | null;
  timezone?: StringComparison | null;
  givenName?: StringComparison | null;
  familyName?: StringComparison | null;
  formattedName?: StringComparison | null;
  middleName?: StringComparison | null;
  honorificPrefix?: StringComparison | null;
  honorificSuffix?: StringComparison | null;
  personId?: StringComparison | null;
  employeeNumber?: StringComparison | null;
  costCenter?: StringComparison | null;
  organization?: StringComparison | null;
  division?: StringComparison | null;
  department?: StringComparison | null;
  managerId?: StringComparison | null;
  active?: BooleanComparison | null;
  isServiceAccount?: BooleanComparison | null;
  /** How the user arrived; compared exactly against the stored value (scim, upload, manual). */
  origin?: { eq?: UserOrigin | null; ne?: UserOrigin | null } | null;
  createdAt?: DateTimeComparison | null;
  updatedAt?: DateTimeComparison | null;
  emails?: UserEmailWhere | null;
  /** The user holds this customer-supplied role (through any membership source). */
  customerRoleId?: IdComparison | null;
  /** Some single membership of the user matches (SCIM `groups[value eq "…"]`, `roles[value eq "…"]`). */
  memberships?: UserMembershipWhere | null;
}

/** One membership row of the user, with the role it grants (RFC 7644 §3.4.2.2: one value of a multi-valued attribute). */
export type UserMembershipWhere = WhereNode<{
  customerRoleId?: IdComparison | null;
  /** The role's displayName, ignoring case as the role's uniqueness does. */
  customerRoleName?: StringComparison | null;
  source?: MembershipSourceComparison | null;
}>;

export type UserWhere = WhereNode<UserWhereFields>;

const text = (column: string, caseExact = false) => ({ kind: "string" as const, column, caseExact });

const EMAIL_FIELDS: FieldMap = {
  value: text("e.value"),
  type: text("e.type"),
  display: text("e.display"),
  primary: { kind: "boolean", column: "e.primary" },
};

/** Internal: the membership EXISTS that `customerRoleId` is rewritten into (see `toCompilableWhere`). */
const MEMBER_OF = "memberOf";

export const USER_FIELDS: FieldMap = {
  id: { kind: "id", column: "u.id" },
  // RFC 7643 §4.1.1: userName is caseExact false.
  userName: text("u.user_name"),
  // RFC 7643 §3.1: externalId is caseExact true; the client's own identifier is compared exactly.
  externalId: text("u.external_id", true),
  displayName: text("u.display_name"),
  nickName: text("u.nick_name"),
  title: text("u.title"),
  userType: text("u.user_type"),
  locale: text("u.locale"),
  preferredLanguage: text("u.preferred_language"),
  timezone: text("u.timezone"),
  givenName: text("u.given_name"),
  familyName: text("u.family_name"),
  formattedName: text("u.formatted_name"),
  middleName: text("u.middle_name"),
  honorificPrefix: text("u.honorific_prefix"),
  honorificSuffix: text("u.honorific_suffix"),
  personId: text("u.person_id"),
  employeeNumber: text("u.employee_number"),
  costCenter: text("u.cost_center"),
  organization: text("u.organization"),
  division: text("u.division"),
  department: text("u.department"),
  managerId: text("u.manager_id"),
  active: { kind: "boolean", column: "u.active" },
  isServiceAccount: { kind: "boolean", column: "u.is_service_account" },
  origin: { kind: "string", column: "u.origin", caseExact: true },
  createdAt: { kind: "datetime", column: "u.created_at" },
  updatedAt: { kind: "datetime", column: "u.updated_at" },
  emails: { kind: "exists", from: "user_email e", correlate: "e.user_id = u.id", fields: EMAIL_FIELDS },
  memberships: {
    kind: "exists",
    from: "membership m join customer_role r on r.id = m.customer_role_id and r.company_id = m.company_id",
    correlate: "m.user_id = u.id",
    fields: {
      customerRoleId: { kind: "id", column: "m.customer_role_id" },
      customerRoleName: text("r.display_name"),
      source: { kind: "string", column: "m.source", caseExact: true },
    },
  },
  [MEMBER_OF]: {
    kind: "exists",
    from: "membership m",
    correlate: "m.user_id = u.id",
    fields: { customerRoleId: { kind: "id", column: "m.customer_role_id" } },
  },
};

/**
 * Rewrites `customerRoleId` comparisons into membership EXISTS nodes, since a user's customer
 * roles live in another table: eq X → holds X; ne X → does not hold X (rather than "holds some
 * role other than X"); pr true → holds any role; pr false → holds none. Everything else is kept.
 */
export function toCompilableWhere(node: UserWhere | null | undefined): Record<string, unknown> | null | undefined {
  if (!node || typeof node !== "object") return node as null | undefined;
  const out: Record<string, unknown> = {};
  const extra: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || value === null) continue;
    if (key === "and" || key === "or") {
      out[key] = Array.isArray(value) ? value.map((child) => toCompilableWhere(child as UserWhere)) : value;
    } else if (key === "not") {
      out[key] = toCompilableWhere(value as UserWhere);
    } else if (key === "customerRoleId") {
      const c = value as IdComparison;
      if (typeof c !== "object") {
        out[key] = value; // let compileWhere report it
        continue;
      }
      for (const [op, v] of Object.entries(c)) {
        if (v === undefined || v === null) continue;
        if (op === "eq") extra.push({ [MEMBER_OF]: { customerRoleId: { eq: v } } });
        else if (op === "ne") extra.push({ not: { [MEMBER_OF]: { customerRoleId: { eq: v } } } });
        else if (op === "pr") extra.push(v === true ? { [MEMBER_OF]: {} } : { not: { [MEMBER_OF]: {} } });
        else extra.push({ customerRoleId: { [op]: v } }); // unknown operator: compileWhere names it
      }
    } else if (key === MEMBER_OF) {
      // Not part of the public where-input; an unknown attribute like any other.
      out[`_${key}`] = value;
    } else {
      out[key] = value;
    }
  }
  if (extra.length === 0) return out;
  const and = Array.isArray(out.and) ? [...(out.and as unknown[]), ...extra] : extra;
  return { ...out, and };
}

/** Sortable attributes (UserOrderBy.field). */
export type UserSortField = "USER_NAME" | "DISPLAY_NAME" | "GIVEN_NAME" | "FAMILY_NAME" | "EXTERNAL_ID" | "CREATED_AT" | "UPDATED_AT";

export interface UserOrderBy {
  field: UserSortField;
  direction?: "ASC" | "DESC" | null;
}

// String sorts ignore case and put absent values first (as ''), so keyset cursors never meet NULL.
const SORT_EXPRESSIONS: Record<UserSortField, Pick<SortSpec, "expression" | "kind">> = {
  USER_NAME: { expression: "coalesce(lower(u.user_name), '')", kind: "text" },
  DISPLAY_NAME: { expression: "coalesce(lower(u.display_name), '')", kind: "text" },
  GIVEN_NAME: { expression: "coalesce(lower(u.given_name), '')", kind: "text" },
  FAMILY_NAME: { expression: "coalesce(lower(u.family_name), '')", kind: "text" },
  EXTERNAL_ID: { expression: "coalesce(lower(u.external_id), '')", kind: "text" },
  CREATED_AT: { expression: "u.created_at", kind: "timestamptz" },
  UPDATED_AT: { expression: "u.updated_at", kind: "timestamptz" },
};

/** The SQL order of a users list; default createdAt ascending (then id, which selectPage adds). */
export function userSort(orderBy: UserOrderBy | null | undefined): SortSpec {
  const spec = SORT_EXPRESSIONS[orderBy?.field ?? "CREATED_AT"] ?? SORT_EXPRESSIONS.CREATED_AT;
  return { ...spec, descending: orderBy?.direction === "DESC" };
}
