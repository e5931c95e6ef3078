/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Comparisons of a boolean attribute. */
export type BooleanComparison = {
  /** Equal. */
  eq?: boolean | null | undefined;
  /** Not equal. */
  ne?: boolean | null | undefined;
  /** Present: true matches a set value, false an absent one. */
  pr?: boolean | null | undefined;
};

/** A new customer-supplied role (SCIM POST /Groups). */
export type CreateCustomerRoleInput = {
  /** Unique per company ignoring case; not empty, at most 256 characters. */
  displayName: string;
  /** The IdP's identifier, kept exactly as sent; at most 1024 characters. */
  externalId?: string | null | undefined;
  /** Initial members' user ids; every id must name a user of the company, or nothing is created. */
  memberIds?: Array<string> | null | undefined;
  /** Who owns the initial memberships. */
  source?: MembershipSource;
};

/** How to sort customer-supplied roles; the id breaks ties so pages are stable. */
export type CustomerRoleOrderBy = {
  /** Ascending or descending. */
  direction?: SortDirection;
  /** The attribute to sort by. */
  field?: CustomerRoleOrderField;
};

/** What customer-supplied roles can be sorted by. */
export type CustomerRoleOrderField =
  /** Creation time (the default: new roles land on the last page, so SCIM paging stays stable). */
  | 'CREATED_AT'
  /** displayName, ignoring case. */
  | 'DISPLAY_NAME'
  /** externalId (roles without one first). */
  | 'EXTERNAL_ID'
  /** Time of the last change. */
  | 'UPDATED_AT';

/** A filter on customer-supplied roles: the comparisons of one object are ANDed; and/or/not combine whole filters (the tree a SCIM filter becomes, RFC 7644 §3.4.2.2). */
export type CustomerRoleWhere = {
  /** All of these filters hold. */
  and?: Array<CustomerRoleWhere> | null | undefined;
  /** When the role was created (SCIM meta.created). */
  createdAt?: DateTimeComparison | null | undefined;
  /** displayName; compared ignoring case unless caseExact is true. */
  displayName?: StringComparison | null | undefined;
  /** externalId; compared case-sensitively unless caseExact is false. */
  externalId?: StringComparison | null | undefined;
  /** The role's id. */
  id?: IdComparison | null | undefined;
  /** Roles with a matching membership, e.g. { value: { eq: <user id> } } for a user's roles. */
  members?: MemberWhere | null | undefined;
  /** This filter does not hold. */
  not?: CustomerRoleWhere | null | undefined;
  /** At least one of these filters holds. */
  or?: Array<CustomerRoleWhere> | null | undefined;
  /** When the role last changed (SCIM meta.lastModified). */
  updatedAt?: DateTimeComparison | null | undefined;
};

/** Comparisons of a date-time attribute, compared as instants. */
export type DateTimeComparison = {
  /** Equal. */
  eq?: string | null | undefined;
  /** Later than or equal. */
  ge?: string | null | undefined;
  /** Later than. */
  gt?: string | null | undefined;
  /** Earlier than or equal. */
  le?: string | null | undefined;
  /** Earlier than. */
  lt?: string | null | undefined;
  /** Not equal. */
  ne?: string | null | undefined;
  /** Present. */
  pr?: boolean | null | undefined;
};

/** Enterprise extension attributes (RFC 7643 §4.3). In updateUser each one left out is kept and null clears it. */
export type EnterpriseUserInput = {
  /** Cost centre. */
  costCenter?: string | null | undefined;
  /** Department. */
  department?: string | null | undefined;
  /** Division. */
  division?: string | null | undefined;
  /** Employee number. */
  employeeNumber?: string | null | undefined;
  /** The manager's display name (manager.displayName). */
  managerDisplayName?: string | null | undefined;
  /** The manager's id (manager.value), kept as sent; the manager need not exist yet. */
  managerId?: string | null | undefined;
  /** Organization. */
  organization?: string | null | undefined;
};

/** A change of one key of extensionAttributes: the value at path is set, or removed when value is null; keys not named are kept. */
export type ExtensionAttributeUpdate = {
  /** The keys from the top of extensionAttributes down, e.g. ["urn:…:enterprise:2.0:User", "badge"]. */
  path: Array<string>;
  /** The new value; null removes the key. */
  value?: unknown;
};

/** Comparisons of an id attribute. */
export type IdComparison = {
  /** Equal. */
  eq?: string | null | undefined;
  /** Not equal. */
  ne?: string | null | undefined;
  /** Present. */
  pr?: boolean | null | undefined;
};

/** Matches roles having at least one membership that satisfies every comparison given (one row, as SCIM members[value eq "…"] does, RFC 7644 §3.4.2.2). */
export type MemberWhere = {
  /** All of these hold for the same membership. */
  and?: Array<MemberWhere> | null | undefined;
  /** This does not hold for the membership. */
  not?: MemberWhere | null | undefined;
  /** At least one of these holds for the same membership. */
  or?: Array<MemberWhere> | null | undefined;
  /** Who owns the membership. */
  source?: MembershipSourceComparison | null | undefined;
  /** The member's user id (SCIM members.value). */
  value?: IdComparison | null | undefined;
};

/** Who owns a membership of a customer-supplied role; SCIM only changes what SCIM owns. */
export type MembershipSource =
  /** An admin through GraphQL. */
  | 'MANUAL'
  /** A SCIM Group's members. */
  | 'SCIM_GROUP'
  /** The roles attribute of a SCIM User. */
  | 'SCIM_ROLES_ATTRIBUTE'
  /** The groups an IdP asserted at single sign-on, replaced at every sign-in. */
  | 'SSO'
  /** A file-based user upload. */
  | 'UPLOAD';

/** Comparisons of a membership's source. */
export type MembershipSourceComparison = {
  /** Equal. */
  eq?: MembershipSource | null | undefined;
  /** Not equal. */
  ne?: MembershipSource | null | undefined;
};

/** Which page: offset paging (offset + first) or cursor paging (after + first), not both. */
export type PageInput = {
  /** The endCursor of the previous page; the page seeks from that row (no rows are skipped) and keeps the same sort. A cursor this API did not issue, or one issued for another sort, is BAD_USER_INPUT with reason INVALID_CURSOR. */
  after?: string | null | undefined;
  /** Rows wanted (default 100, at most 1000). */
  first?: number | null | undefined;
  /** Rows to skip (0-based); SCIM startIndex - 1. */
  offset?: number | null | undefined;
};

/** One SCIM PATCH or PUT of a Group as one change (RFC 7644 §3.5.1, §3.5.2): attributes, then replaceUserIds, removeUserIds and addUserIds, all for memberships of `source`. Nothing reads the member list. */
export type PatchCustomerRoleInput = {
  /** Users to add; every id must name a user of the company, or nothing of the patch is applied. */
  addUserIds?: Array<string> | null | undefined;
  /** New displayName; left out keeps it. */
  displayName?: string | null | undefined;
  /** New externalId; null clears it, left out keeps it. */
  externalId?: string | null | undefined;
  /** Users to remove; ids that are not members are ignored (IdPs retry removes). Must not overlap addUserIds. */
  removeUserIds?: Array<string> | null | undefined;
  /** The whole membership of `source` (SCIM PUT or replace of members); other sources' memberships stay. */
  replaceUserIds?: Array<string> | null | undefined;
  /** Which source's memberships the patch changes. */
  source?: MembershipSource;
};

/** Sort order. */
export type SortDirection =
  /** Ascending. */
  | 'ASC'
  /** Descending. */
  | 'DESC';

/** Comparisons of a string attribute; several operators in one object must all hold. */
export type StringComparison = {
  /** Compare case-sensitively; defaults to the attribute's caseExact (false except externalId). */
  caseExact?: boolean | null | undefined;
  /** Contains. */
  co?: string | null | undefined;
  /** Equal. */
  eq?: string | null | undefined;
  /** Ends with. */
  ew?: string | null | undefined;
  /** Greater than or equal. */
  ge?: string | null | undefined;
  /** Greater than (lexicographic). */
  gt?: string | null | undefined;
  /** Less than or equal. */
  le?: string | null | undefined;
  /** Less than. */
  lt?: string | null | undefined;
  /** Not equal (an absent value is not equal). */
  ne?: string | null | undefined;
  /** Present: true matches a non-empty value, false an absent one. */
  pr?: boolean | null | undefined;
  /** Starts with. */
  sw?: string | null | undefined;
};

/** One email address (RFC 7643 §4.1.2 emails). */
export type UserEmailInput = {
  /** A human-readable label. */
  display?: string | null | undefined;
  /** Whether this is the primary address; at most one email may be primary. */
  primary?: boolean | null | undefined;
  /** Its type, such as work or home. */
  type?: string | null | undefined;
  /** The address: a non-empty string of at most 512 characters. */
  value: string;
};

/** Conditions on ONE of a user's emails: the user matches when a single email satisfies them all (SCIM emails[type eq "work" and value co "@x"]). */
export type UserEmailWhere = {
  /** All of these conditions hold for the same email. */
  and?: Array<UserEmailWhere> | null | undefined;
  /** The human-readable label. */
  display?: StringComparison | null | undefined;
  /** This condition does not hold for the email. */
  not?: UserEmailWhere | null | undefined;
  /** At least one of these conditions holds for the same email. */
  or?: Array<UserEmailWhere> | null | undefined;
  /** Whether it is the primary address. */
  primary?: BooleanComparison | null | undefined;
  /** The type, such as work or home (ignores case unless caseExact). */
  type?: StringComparison | null | undefined;
  /** The address (ignores case unless caseExact). */
  value?: StringComparison | null | undefined;
};

/** A user's attributes. createUser and replaceUser require userName and reset what is left out; updateUser keeps what is left out, clears what is null and replaces lists (emails: [] removes every email). */
export type UserInput = {
  /** Whether the user may sign in; null (or left out of a create or replace) means true. */
  active?: boolean | null | undefined;
  /** Allow log in via single sign-on. Defaults to true for users created through SCIM, false otherwise. */
  allowSsoLogin?: boolean | null | undefined;
  /** Assign roles from the customer-supplied role mapping. Defaults to true for users created through SCIM, false otherwise. */
  autoAssignRoles?: boolean | null | undefined;
  /** Name for display. */
  displayName?: string | null | undefined;
  /** Email addresses in order (at most 100); replaces the whole list; null or [] removes every email. */
  emails?: Array<UserEmailInput> | null | undefined;
  /** Enterprise extension attributes; null clears them all. */
  enterprise?: EnterpriseUserInput | null | undefined;
  /** Changes of single keys of extensionAttributes, applied after extensionAttributes (when both are given); what they do not name is kept. A SCIM PUT carrying attributes rolebridge does not model sends these. */
  extensionAttributeUpdates?: Array<ExtensionAttributeUpdate> | null | undefined;
  /** Attributes and extensions rolebridge does not model, keyed by schema URN; replaces the whole map when given (null clears it). */
  extensionAttributes?: Record<string, unknown> | null | undefined;
  /** The IdP's identifier, kept exactly as sent. */
  externalId?: string | null | undefined;
  /** A dedicated non-human account, such as the IdP's SCIM account (default false). */
  isServiceAccount?: boolean | null | undefined;
  /** Locale, such as en-US. */
  locale?: string | null | undefined;
  /** Name components; null clears them all. */
  name?: UserNameInput | null | undefined;
  /** Casual name. */
  nickName?: string | null | undefined;
  /** Write-only: checked against the company's password policy (BAD_USER_INPUT with reason PASSWORD_POLICY naming the rule) and stored as an argon2id hash; null removes the password; never returned. */
  password?: string | null | undefined;
  /** Person id of the custom extension (urn:ietf:params:scim:schemas:extension:custom:2.0:User), used for contextual security. */
  personId?: string | null | undefined;
  /** Preferred language (RFC 7231 language tag). */
  preferredLanguage?: string | null | undefined;
  /** The customer-supplied roles held through the SCIM User roles attribute (RFC 7643 §4.1.2, source SCIM_ROLES_ATTRIBUTE), by displayName ignoring case: the whole list of that source, changed in the same transaction as the user (at most 100; null or [] removes them, left out keeps them). A name seen for the first time creates an unmapped role. Other sources' memberships stay. */
  roles?: Array<string> | null | undefined;
  /** Time zone, such as Europe/London. */
  timezone?: string | null | undefined;
  /** Job title. */
  title?: string | null | undefined;
  /** Unique per company ignoring case; at most 256 characters, no control characters, surrounding spaces removed. Required by createUser and replaceUser; cannot be null in updateUser. */
  userName?: string | null | undefined;
  /** Employee type, such as Employee or Contractor. */
  userType?: string | null | undefined;
};

/** Conditions on ONE of a user's memberships of customer-supplied roles: the user matches when a single membership satisfies them all. */
export type UserMembershipWhere = {
  /** All of these conditions hold for the same membership. */
  and?: Array<UserMembershipWhere> | null | undefined;
  /** The customer-supplied role's id (SCIM groups.value). */
  customerRoleId?: IdComparison | null | undefined;
  /** The customer-supplied role's displayName, ignoring case (SCIM groups.display, roles.value). */
  customerRoleName?: StringComparison | null | undefined;
  /** This condition does not hold for the membership. */
  not?: UserMembershipWhere | null | undefined;
  /** At least one of these conditions holds for the same membership. */
  or?: Array<UserMembershipWhere> | null | undefined;
  /** Who owns the membership. */
  source?: MembershipSourceComparison | null | undefined;
};

/** Name components (RFC 7643 §4.1.1 name). In updateUser each part left out is kept and null clears it. */
export type UserNameInput = {
  /** Family (last) name. */
  familyName?: string | null | undefined;
  /** The full name, formatted for display. */
  formatted?: string | null | undefined;
  /** Given (first) name. */
  givenName?: string | null | undefined;
  /** Honorific prefix, such as Ms. */
  honorificPrefix?: string | null | undefined;
  /** Honorific suffix, such as III. */
  honorificSuffix?: string | null | undefined;
  /** Middle name(s). */
  middleName?: string | null | undefined;
};

/** The order of a users list; ties are broken by id, so pages are stable. */
export type UserOrderBy = {
  /** Ascending (default) or descending. */
  direction?: SortDirection | null | undefined;
  /** The attribute to sort by. */
  field: UserSortField;
};

/** How a user arrived in the company; set once, when the user is created. */
export type UserOrigin =
  /** Created by an admin (GraphQL, the console, the CLI or the first run). */
  | 'MANUAL'
  /** Provisioned by an identity provider (SCIM POST /Users). */
  | 'SCIM'
  /** Created by a file-based user upload. */
  | 'UPLOAD';

/** Comparisons of how a user arrived. */
export type UserOriginComparison = {
  /** Equal. */
  eq?: UserOrigin | null | undefined;
  /** Not equal. */
  ne?: UserOrigin | null | undefined;
};

/** An attribute users can be sorted by. Strings sort ignoring case, absent values first in ascending order. */
export type UserSortField =
  /** Creation time (meta.created); the default. */
  | 'CREATED_AT'
  /** displayName. */
  | 'DISPLAY_NAME'
  /** externalId. */
  | 'EXTERNAL_ID'
  /** name.familyName. */
  | 'FAMILY_NAME'
  /** name.givenName. */
  | 'GIVEN_NAME'
  /** Last change (meta.lastModified). */
  | 'UPDATED_AT'
  /** userName. */
  | 'USER_NAME';

/** A filter on users: a recursive and/or/not tree of attribute comparisons (the SCIM filter of RFC 7644 §3.4.2.2). String comparisons ignore case except on externalId. */
export type UserWhere = {
  /** active. */
  active?: BooleanComparison | null | undefined;
  /** Every one of these filters matches. */
  and?: Array<UserWhere> | null | undefined;
  /** Enterprise costCenter. */
  costCenter?: StringComparison | null | undefined;
  /** When the user was created (SCIM meta.created). */
  createdAt?: DateTimeComparison | null | undefined;
  /** Membership of customer-supplied roles: eq holds that role, ne does not hold it, pr true holds any role, pr false holds none. */
  customerRoleId?: IdComparison | null | undefined;
  /** Enterprise department. */
  department?: StringComparison | null | undefined;
  /** displayName. */
  displayName?: StringComparison | null | undefined;
  /** Enterprise division. */
  division?: StringComparison | null | undefined;
  /** Some single email of the user matches these conditions. */
  emails?: UserEmailWhere | null | undefined;
  /** Enterprise employeeNumber. */
  employeeNumber?: StringComparison | null | undefined;
  /** externalId; compared exactly by default (caseExact true, RFC 7643 §3.1). */
  externalId?: StringComparison | null | undefined;
  /** name.familyName. */
  familyName?: StringComparison | null | undefined;
  /** name.formatted. */
  formattedName?: StringComparison | null | undefined;
  /** name.givenName. */
  givenName?: StringComparison | null | undefined;
  /** name.honorificPrefix. */
  honorificPrefix?: StringComparison | null | undefined;
  /** name.honorificSuffix. */
  honorificSuffix?: StringComparison | null | undefined;
  /** The user's id. */
  id?: IdComparison | null | undefined;
  /** Whether the user is a service account (such as an IdP's SCIM account), which SCIM never lists. */
  isServiceAccount?: BooleanComparison | null | undefined;
  /** locale. */
  locale?: StringComparison | null | undefined;
  /** Enterprise manager.value (the manager's id as the IdP sent it). */
  managerId?: StringComparison | null | undefined;
  /** Some single membership of the user matches these conditions (SCIM groups[value eq "…"] and roles[value eq "…"] with the source each owns). */
  memberships?: UserMembershipWhere | null | undefined;
  /** name.middleName. */
  middleName?: StringComparison | null | undefined;
  /** nickName. */
  nickName?: StringComparison | null | undefined;
  /** This filter does not match. */
  not?: UserWhere | null | undefined;
  /** At least one of these filters matches. */
  or?: Array<UserWhere> | null | undefined;
  /** Enterprise organization. */
  organization?: StringComparison | null | undefined;
  /** How the user arrived: SCIM, an upload or an admin. */
  origin?: UserOriginComparison | null | undefined;
  /** personId of the custom extension. */
  personId?: StringComparison | null | undefined;
  /** preferredLanguage. */
  preferredLanguage?: StringComparison | null | undefined;
  /** timezone. */
  timezone?: StringComparison | null | undefined;
  /** title. */
  title?: StringComparison | null | undefined;
  /** When the user last changed (SCIM meta.lastModified). */
  updatedAt?: DateTimeComparison | null | undefined;
  /** userName (caseExact false, RFC 7643 §4.1.1). */
  userName?: StringComparison | null | undefined;
  /** userType (employee type). */
  userType?: StringComparison | null | undefined;
};

export type ScimGroupFragment = { id: string, displayName: string, externalId: string | null, version: number, createdAt: string, updatedAt: string };

export type ScimGroupMemberPageFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ userId: string, userName: string, userDisplayName: string | null }> };

export type ScimGetGroupQueryVariables = Exact<{
  id: string;
  withMembers: boolean;
  membersPage?: PageInput | null | undefined;
}>;


export type ScimGetGroupQuery = { customerRole: { id: string, displayName: string, externalId: string | null, version: number, createdAt: string, updatedAt: string, members?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ userId: string, userName: string, userDisplayName: string | null }> } } };

export type ScimGroupMembersQueryVariables = Exact<{
  id: string;
  membersPage: PageInput;
}>;


export type ScimGroupMembersQuery = { customerRole: { id: string, members: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ userId: string, userName: string, userDisplayName: string | null }> } } };

export type ScimListGroupsQueryVariables = Exact<{
  where?: CustomerRoleWhere | null | undefined;
  orderBy?: CustomerRoleOrderBy | null | undefined;
  page?: PageInput | null | undefined;
  withMembers: boolean;
  membersPage?: PageInput | null | undefined;
}>;


export type ScimListGroupsQuery = { customerRoles: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, displayName: string, externalId: string | null, version: number, createdAt: string, updatedAt: string, members?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ userId: string, userName: string, userDisplayName: string | null }> } }> } };

export type ScimCreateGroupMutationVariables = Exact<{
  input: CreateCustomerRoleInput;
  withMembers: boolean;
  membersPage?: PageInput | null | undefined;
}>;


export type ScimCreateGroupMutation = { createCustomerRole: { id: string, displayName: string, externalId: string | null, version: number, createdAt: string, updatedAt: string, members?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ userId: string, userName: string, userDisplayName: string | null }> } } };

export type ScimPatchGroupMutationVariables = Exact<{
  id: string;
  input: PatchCustomerRoleInput;
  expectedVersion?: number | null | undefined;
  withMembers: boolean;
  membersPage?: PageInput | null | undefined;
}>;


export type ScimPatchGroupMutation = { patchCustomerRole: { id: string, displayName: string, externalId: string | null, version: number, createdAt: string, updatedAt: string, members?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ userId: string, userName: string, userDisplayName: string | null }> } } };

export type ScimDeleteGroupMutationVariables = Exact<{
  id: string;
  expectedVersion?: number | null | undefined;
}>;


export type ScimDeleteGroupMutation = { deleteCustomerRole: string };

export type ScimUserFragment = { id: string, userName: string, externalId: string | null, displayName: string | null, nickName: string | null, title: string | null, userType: string | null, preferredLanguage: string | null, locale: string | null, timezone: string | null, active: boolean, isServiceAccount: boolean, personId: string | null, extensionAttributes: Record<string, unknown>, version: number, createdAt: string, updatedAt: string, name: { formatted: string | null, familyName: string | null, givenName: string | null, middleName: string | null, honorificPrefix: string | null, honorificSuffix: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean, display: string | null }>, customerRoles?: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }>, enterprise: { employeeNumber: string | null, costCenter: string | null, organization: string | null, division: string | null, department: string | null, managerId: string | null, managerDisplayName: string | null } };

export type ScimGetUserQueryVariables = Exact<{
  id: string;
  withRoles: boolean;
}>;


export type ScimGetUserQuery = { user: { id: string, userName: string, externalId: string | null, displayName: string | null, nickName: string | null, title: string | null, userType: string | null, preferredLanguage: string | null, locale: string | null, timezone: string | null, active: boolean, isServiceAccount: boolean, personId: string | null, extensionAttributes: Record<string, unknown>, version: number, createdAt: string, updatedAt: string, name: { formatted: string | null, familyName: string | null, givenName: string | null, middleName: string | null, honorificPrefix: string | null, honorificSuffix: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean, display: string | null }>, customerRoles?: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }>, enterprise: { employeeNumber: string | null, costCenter: string | null, organization: string | null, division: string | null, department: string | null, managerId: string | null, managerDisplayName: string | null } } };

export type ScimListUsersQueryVariables = Exact<{
  where?: UserWhere | null | undefined;
  orderBy?: UserOrderBy | null | undefined;
  page?: PageInput | null | undefined;
  withRoles: boolean;
}>;


export type ScimListUsersQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, userName: string, externalId: string | null, displayName: string | null, nickName: string | null, title: string | null, userType: string | null, preferredLanguage: string | null, locale: string | null, timezone: string | null, active: boolean, isServiceAccount: boolean, personId: string | null, extensionAttributes: Record<string, unknown>, version: number, createdAt: string, updatedAt: string, name: { formatted: string | null, familyName: string | null, givenName: string | null, middleName: string | null, honorificPrefix: string | null, honorificSuffix: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean, display: string | null }>, customerRoles?: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }>, enterprise: { employeeNumber: string | null, costCenter: string | null, organization: string | null, division: string | null, department: string | null, managerId: string | null, managerDisplayName: string | null } }> } };

export type ScimCreateUserMutationVariables = Exact<{
  input: UserInput;
  withRoles: boolean;
}>;


export type ScimCreateUserMutation = { createUser: { id: string, userName: string, externalId: string | null, displayName: string | null, nickName: string | null, title: string | null, userType: string | null, preferredLanguage: string | null, locale: string | null, timezone: string | null, active: boolean, isServiceAccount: boolean, personId: string | null, extensionAttributes: Record<string, unknown>, version: number, createdAt: string, updatedAt: string, name: { formatted: string | null, familyName: string | null, givenName: string | null, middleName: string | null, honorificPrefix: string | null, honorificSuffix: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean, display: string | null }>, customerRoles?: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }>, enterprise: { employeeNumber: string | null, costCenter: string | null, organization: string | null, division: string | null, department: string | null, managerId: string | null, managerDisplayName: string | null } } };

export type ScimUpdateUserMutationVariables = Exact<{
  id: string;
  input: UserInput;
  expectedVersion?: number | null | undefined;
  withRoles: boolean;
}>;


export type ScimUpdateUserMutation = { updateUser: { id: string, userName: string, externalId: string | null, displayName: string | null, nickName: string | null, title: string | null, userType: string | null, preferredLanguage: string | null, locale: string | null, timezone: string | null, active: boolean, isServiceAccount: boolean, personId: string | null, extensionAttributes: Record<string, unknown>, version: number, createdAt: string, updatedAt: string, name: { formatted: string | null, familyName: string | null, givenName: string | null, middleName: string | null, honorificPrefix: string | null, honorificSuffix: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean, display: string | null }>, customerRoles?: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }>, enterprise: { employeeNumber: string | null, costCenter: string | null, organization: string | null, division: string | null, department: string | null, managerId: string | null, managerDisplayName: string | null } } };

export type ScimPatchUserMutationVariables = Exact<{
  id: string;
  patch: unknown;
  expectedVersion?: number | null | undefined;
  withRoles: boolean;
}>;


export type ScimPatchUserMutation = { patchUser: { id: string, userName: string, externalId: string | null, displayName: string | null, nickName: string | null, title: string | null, userType: string | null, preferredLanguage: string | null, locale: string | null, timezone: string | null, active: boolean, isServiceAccount: boolean, personId: string | null, extensionAttributes: Record<string, unknown>, version: number, createdAt: string, updatedAt: string, name: { formatted: string | null, familyName: string | null, givenName: string | null, middleName: string | null, honorificPrefix: string | null, honorificSuffix: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean, display: string | null }>, customerRoles?: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }>, enterprise: { employeeNumber: string | null, costCenter: string | null, organization: string | null, division: string | null, department: string | null, managerId: string | null, managerDisplayName: string | null } } };

export type ScimDeprovisionUserMutationVariables = Exact<{
  id: string;
  expectedVersion?: number | null | undefined;
}>;


export type ScimDeprovisionUserMutation = { deprovisionUser: { deleted: boolean } };

export const ScimGroupFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroup"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerRole"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<ScimGroupFragment, unknown>;
export const ScimGroupMemberPageFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroupMemberPage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"userDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimGroupMemberPageFragment, unknown>;
export const ScimUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nickName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"userType"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"isServiceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"extensionAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"honorificPrefix"}},{"kind":"Field","name":{"kind":"Name","value":"honorificSuffix"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}},{"kind":"Field","name":{"kind":"Name","value":"display"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerRoles"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"customerRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeNumber"}},{"kind":"Field","name":{"kind":"Name","value":"costCenter"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"division"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"managerDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimUserFragment, unknown>;
export const ScimGetGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScimGetGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withMembers"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PageInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroup"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"EnumValue","value":"SCIM_GROUP"}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withMembers"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroupMemberPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroup"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerRole"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroupMemberPage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"userDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimGetGroupQuery, ScimGetGroupQueryVariables>;
export const ScimGroupMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScimGroupMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"EnumValue","value":"SCIM_GROUP"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroupMemberPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroupMemberPage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"userDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimGroupMembersQuery, ScimGroupMembersQueryVariables>;
export const ScimListGroupsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScimListGroups"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerRoleWhere"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerRoleOrderBy"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"page"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PageInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withMembers"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PageInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerRoles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"page"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroup"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"EnumValue","value":"SCIM_GROUP"}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withMembers"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroupMemberPage"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroup"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerRole"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroupMemberPage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"userDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimListGroupsQuery, ScimListGroupsQueryVariables>;
export const ScimCreateGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScimCreateGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerRoleInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withMembers"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PageInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomerRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroup"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"EnumValue","value":"SCIM_GROUP"}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withMembers"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroupMemberPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroup"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerRole"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroupMemberPage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"userDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimCreateGroupMutation, ScimCreateGroupMutationVariables>;
export const ScimPatchGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScimPatchGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatchCustomerRoleInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withMembers"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PageInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patchCustomerRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroup"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"membersPage"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"EnumValue","value":"SCIM_GROUP"}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withMembers"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimGroupMemberPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroup"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerRole"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimGroupMemberPage"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"userDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimPatchGroupMutation, ScimPatchGroupMutationVariables>;
export const ScimDeleteGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScimDeleteGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCustomerRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}]}]}}]} as unknown as DocumentNode<ScimDeleteGroupMutation, ScimDeleteGroupMutationVariables>;
export const ScimGetUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScimGetUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nickName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"userType"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"isServiceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"extensionAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"honorificPrefix"}},{"kind":"Field","name":{"kind":"Name","value":"honorificSuffix"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}},{"kind":"Field","name":{"kind":"Name","value":"display"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerRoles"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"customerRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeNumber"}},{"kind":"Field","name":{"kind":"Name","value":"costCenter"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"division"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"managerDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimGetUserQuery, ScimGetUserQueryVariables>;
export const ScimListUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScimListUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserWhere"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserOrderBy"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"page"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PageInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"page"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nickName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"userType"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"isServiceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"extensionAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"honorificPrefix"}},{"kind":"Field","name":{"kind":"Name","value":"honorificSuffix"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}},{"kind":"Field","name":{"kind":"Name","value":"display"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerRoles"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"customerRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeNumber"}},{"kind":"Field","name":{"kind":"Name","value":"costCenter"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"division"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"managerDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimListUsersQuery, ScimListUsersQueryVariables>;
export const ScimCreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScimCreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nickName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"userType"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"isServiceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"extensionAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"honorificPrefix"}},{"kind":"Field","name":{"kind":"Name","value":"honorificSuffix"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}},{"kind":"Field","name":{"kind":"Name","value":"display"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerRoles"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"customerRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeNumber"}},{"kind":"Field","name":{"kind":"Name","value":"costCenter"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"division"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"managerDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimCreateUserMutation, ScimCreateUserMutationVariables>;
export const ScimUpdateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScimUpdateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nickName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"userType"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"isServiceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"extensionAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"honorificPrefix"}},{"kind":"Field","name":{"kind":"Name","value":"honorificSuffix"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}},{"kind":"Field","name":{"kind":"Name","value":"display"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerRoles"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"customerRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeNumber"}},{"kind":"Field","name":{"kind":"Name","value":"costCenter"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"division"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"managerDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimUpdateUserMutation, ScimUpdateUserMutationVariables>;
export const ScimPatchUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScimPatchUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patch"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patchUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"patch"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patch"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScimUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScimUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"nickName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"userType"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"isServiceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"extensionAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"honorificPrefix"}},{"kind":"Field","name":{"kind":"Name","value":"honorificSuffix"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}},{"kind":"Field","name":{"kind":"Name","value":"display"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerRoles"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withRoles"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"customerRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeNumber"}},{"kind":"Field","name":{"kind":"Name","value":"costCenter"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"division"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"managerDisplayName"}}]}}]}}]} as unknown as DocumentNode<ScimPatchUserMutation, ScimPatchUserMutationVariables>;
export const ScimDeprovisionUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScimDeprovisionUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deprovisionUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<ScimDeprovisionUserMutation, ScimDeprovisionUserMutationVariables>;