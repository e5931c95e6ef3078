import type { SortSpec } from "../paging.js";
import type { DateTimeComparison, FieldMap, IdComparison, StringComparison, WhereNode } from "../where.js";
import type { MembershipSource } from "./membership-source.js";

/**
 * How a CustomerRoleWhere tree maps to SQL over `customer_role r` (compiled by `compileWhere`).
 * RFC 7643 §4.2: Group displayName is caseExact false; externalId is caseExact (RFC 7643 §3.1).
 */

export interface MembershipSourceComparison {
  eq?: MembershipSource | null;
  ne?: MembershipSource | null;
}

/** One membership row, as SCIM's `members[value eq "…"]` matches one member (RFC 7644 §3.4.2.2). */
export type MemberWhere = WhereNode<{
  value?: IdComparison | null;
  source?: MembershipSourceComparison | null;
}>;

export type CustomerRoleWhere = WhereNode<{
  id?: IdComparison | null;
  displayName?: StringComparison | null;
  externalId?: StringComparison | null;
  createdAt?: DateTimeComparison | null;
  updatedAt?: DateTimeComparison | null;
  members?: MemberWhere | null;
}>;

export const CUSTOMER_ROLE_FROM = "customer_role r";

export const CUSTOMER_ROLE_FIELDS: FieldMap = {
  id: { kind: "id", column: "r.id" },
  displayName: { kind: "string", column: "r.display_name", caseExact: false },
  externalId: { kind: "string", column: "r.external_id", caseExact: true },
  createdAt: { kind: "datetime", column: "r.created_at" },
  updatedAt: { kind: "datetime", column: "r.updated_at" },
  // An EXISTS on the (customer_role_id, user_id, source) unique index: finding a user's roles
  // (`members.value eq "<user id>"`) never lists any role's members.
  members: {
    kind: "exists",
    from: "membership m",
    correlate: "m.customer_role_id = r.id and m.company_id = r.company_id",
    fields: {
      value: { kind: "id", column: "m.user_id" },
      source: { kind: "string", column: "m.source", caseExact: true },
    },
  },
};

export type CustomerRoleSortField = "displayName" | "externalId" | "createdAt" | "updatedAt";

/** Sort expressions (never NULL, as selectPage requires). displayName sorts ignoring case, as it compares. */
export function customerRoleSort(field: CustomerRoleSortField = "createdAt", descending = false): SortSpec {
  switch (field) {
    case "displayName":
      return { expression: "lower(r.display_name)", kind: "text", descending };
    case "externalId":
      return { expression: "coalesce(r.external_id, '')", kind: "text", descending };
    case "updatedAt":
      return { expression: "r.updated_at", kind: "timestamptz", descending };
    case "createdAt":
      return { expression: "r.created_at", kind: "timestamptz", descending };
  }
}
