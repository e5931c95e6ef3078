/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How a user came to hold an access role. */
export type AccessGrantKind =
  /** Assigned to the user directly (setUserDirectRoles). */
  | 'DIRECT'
  /** Mapped from a customer-supplied role the user holds (only for users with autoAssignRoles). */
  | 'MAPPING';

/** Which kind of platform role. */
export type AccessRoleKind =
  /** An app-access role. */
  | 'APP'
  /** A data-access role. */
  | 'DATA';

/** Comparisons of a boolean attribute. */
export type BooleanComparison = {
  /** Equal. */
  eq?: boolean | null | undefined;
  /** Not equal. */
  ne?: boolean | null | undefined;
  /** Present: true matches a set value, false an absent one. */
  pr?: boolean | null | undefined;
};

/** A new app-access role. */
export type CreateAppAccessRoleInput = {
  /** What the role is for; at most 4096 characters. */
  description?: string | null | undefined;
  /** Unique per company ignoring case; not empty, at most 256 characters (surrounding spaces are trimmed). */
  name: string;
  /** The permissions the role carries. */
  permissions?: Array<Permission>;
};

/** A new data-access role. */
export type CreateDataAccessRoleInput = {
  /** What the role is for; at most 4096 characters. */
  description?: string | null | undefined;
  /** Unique per company ignoring case; not empty, at most 256 characters (surrounding spaces are trimmed). */
  name: string;
};

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

/** An application permission carried by app-access roles. */
export type Permission =
  /** Change company settings, access roles and the role mapping. */
  | 'CanConfigureCompany'
  /** Generate and revoke one's own app passwords. */
  | 'CanCreateAppPasswords'
  /** Create, change and delete users and customer-supplied roles. */
  | 'CanManageUsers'
  /** Call the SCIM API (the IdP's service account). */
  | 'CanProvisionUsersAsSCIM'
  /** Read the provisioning log and the audit history. */
  | 'CanViewAuditLog'
  /** Read users, customer-supplied roles and effective access. */
  | 'CanViewUsers';

/** Whether a SCIM request succeeded (status below 400) or failed. */
export type ProvisioningOutcome =
  /** Answered with a status of 400 or more. */
  | 'FAILURE'
  /** Answered with a status below 400. */
  | 'SUCCESS';

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

/** Changes to an app-access role; fields left out are kept. Holders get changed permissions on their next request. */
export type UpdateAppAccessRoleInput = {
  /** New description; null clears it. */
  description?: string | null | undefined;
  /** New name (unique per company ignoring case). */
  name?: string | null | undefined;
  /** The complete new list of permissions. */
  permissions?: Array<Permission> | null | undefined;
};

/** Changes to a data-access role; fields left out are kept. */
export type UpdateDataAccessRoleInput = {
  /** New description; null clears it. */
  description?: string | null | undefined;
  /** New name (unique per company ignoring case). */
  name?: string | null | undefined;
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

export type ConsoleAccessRolesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAccessRolesQuery = { dataAccessRoles: Array<{ id: string, name: string, description: string | null }>, appAccessRoles: Array<{ id: string, name: string, description: string | null, permissions: Array<Permission> }> };

export type ConsoleCreateDataAccessRoleMutationVariables = Exact<{
  input: CreateDataAccessRoleInput;
}>;


export type ConsoleCreateDataAccessRoleMutation = { createDataAccessRole: { id: string } };

export type ConsoleUpdateDataAccessRoleMutationVariables = Exact<{
  id: string;
  input: UpdateDataAccessRoleInput;
}>;


export type ConsoleUpdateDataAccessRoleMutation = { updateDataAccessRole: { id: string } };

export type ConsoleDeleteDataAccessRoleMutationVariables = Exact<{
  id: string;
}>;


export type ConsoleDeleteDataAccessRoleMutation = { deleteDataAccessRole: string };

export type ConsoleCreateAppAccessRoleMutationVariables = Exact<{
  input: CreateAppAccessRoleInput;
}>;


export type ConsoleCreateAppAccessRoleMutation = { createAppAccessRole: { id: string } };

export type ConsoleUpdateAppAccessRoleMutationVariables = Exact<{
  id: string;
  input: UpdateAppAccessRoleInput;
}>;


export type ConsoleUpdateAppAccessRoleMutation = { updateAppAccessRole: { id: string } };

export type ConsoleDeleteAppAccessRoleMutationVariables = Exact<{
  id: string;
}>;


export type ConsoleDeleteAppAccessRoleMutation = { deleteAppAccessRole: string };

export type ConsoleAppPasswordFragment = { id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, owner: { userName: string } };

export type ConsoleAppPasswordsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAppPasswordsQuery = { appPasswords: Array<{ id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, owner: { userName: string } }> };

export type ConsoleGenerateAppPasswordMutationVariables = Exact<{
  name: string;
}>;


export type ConsoleGenerateAppPasswordMutation = { generateAppPassword: { clientSecret: string, bearerToken: string, appPassword: { id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, owner: { userName: string } } } };

export type ConsoleRevokeAppPasswordMutationVariables = Exact<{
  id: string;
}>;


export type ConsoleRevokeAppPasswordMutation = { revokeAppPassword: { id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, owner: { userName: string } } };

export type ConsoleCustomerRolesQueryVariables = Exact<{
  where?: CustomerRoleWhere | null | undefined;
  page?: PageInput | null | undefined;
  withMapping: boolean;
}>;


export type ConsoleCustomerRolesQuery = { customerRoles: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, displayName: string, externalId: string | null, memberCount: number, mapping?: { dataAccessRoles: Array<{ id: string, name: string }>, appAccessRoles: Array<{ id: string, name: string }> } | null }> } };

export type ConsoleCustomerRoleQueryVariables = Exact<{
  id: string;
  page?: PageInput | null | undefined;
  withMapping: boolean;
}>;


export type ConsoleCustomerRoleQuery = { customerRole: { id: string, displayName: string, externalId: string | null, memberCount: number, mapping?: { version: number, updatedAt: string, dataAccessRoles: Array<{ id: string, name: string }>, appAccessRoles: Array<{ id: string, name: string }> } | null, members: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ userId: string, userName: string, userDisplayName: string | null, source: MembershipSource, createdAt: string }> } }, dataAccessRoles?: Array<{ id: string, name: string, description: string | null }>, appAccessRoles?: Array<{ id: string, name: string, permissions: Array<Permission> }> };

export type ConsoleSetRoleMappingMutationVariables = Exact<{
  customerRoleId: string;
  dataAccessRoleIds: Array<string> | string;
  appAccessRoleIds: Array<string> | string;
  dryRun: boolean;
}>;


export type ConsoleSetRoleMappingMutation = { setRoleMapping: { version: number, diff: { applied: boolean, dryRun: boolean, accessChanges: Array<{ kind: AccessRoleKind, roleId: string, roleName: string, gainedCount: number, lostCount: number, gained: Array<{ id: string, userName: string }>, lost: Array<{ id: string, userName: string }> }> } | null } };

export type ConsoleUnmappedCustomerRolesQueryVariables = Exact<{
  page?: PageInput | null | undefined;
}>;


export type ConsoleUnmappedCustomerRolesQuery = { unmappedCustomerRoles: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, displayName: string, externalId: string | null, memberCount: number }> } };

export type ConsoleImpersonationCompaniesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleImpersonationCompaniesQuery = { companies: Array<{ id: string, slug: string, name: string }> };

export type ConsoleMeQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMeQuery = { me: { id: string, userName: string, displayName: string | null, isServiceAccount: boolean }, principal: { permissions: Array<Permission>, isPlatformOperator: boolean, impersonator: { id: string, userName: string } | null } };

export type ConsoleUserRowFragment = { id: string, userName: string, displayName: string | null, active: boolean, origin: UserOrigin, isServiceAccount: boolean, name: { givenName: string | null, familyName: string | null }, customerRoles: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }> };

export type ConsoleUsersQueryVariables = Exact<{
  where?: UserWhere | null | undefined;
  page?: PageInput | null | undefined;
}>;


export type ConsoleUsersQuery = { users: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, userName: string, displayName: string | null, active: boolean, origin: UserOrigin, isServiceAccount: boolean, name: { givenName: string | null, familyName: string | null }, customerRoles: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }> }> } };

export type ConsoleCustomerRoleChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCustomerRoleChoicesQuery = { customerRoles: { nodes: Array<{ id: string, displayName: string }> } };

export type ConsoleGrantFragment = { kind: AccessGrantKind, membershipSource: MembershipSource | null, customerRole: { id: string, displayName: string } | null };

export type ConsoleUserQueryVariables = Exact<{
  id: string;
  target: string;
  withLogs: boolean;
}>;


export type ConsoleUserQuery = { user: { id: string, userName: string, externalId: string | null, displayName: string | null, title: string | null, active: boolean, origin: UserOrigin, isServiceAccount: boolean, hasPassword: boolean, autoAssignRoles: boolean, allowSsoLogin: boolean, version: number, createdAt: string, updatedAt: string, name: { formatted: string | null, givenName: string | null, familyName: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }>, enterprise: { department: string | null, employeeNumber: string | null }, customerRoles: Array<{ sources: Array<MembershipSource>, customerRole: { id: string, displayName: string } }>, effectiveAccess: { permissions: Array<Permission>, dataAccessRoles: Array<{ role: { id: string, name: string }, grants: Array<{ kind: AccessGrantKind, membershipSource: MembershipSource | null, customerRole: { id: string, displayName: string } | null }> }>, appAccessRoles: Array<{ role: { id: string, name: string, permissions: Array<Permission> }, grants: Array<{ kind: AccessGrantKind, membershipSource: MembershipSource | null, customerRole: { id: string, displayName: string } | null }> }> } }, auditEvents?: { totalCount: number, nodes: Array<{ id: string, action: string, actorUserName: string | null, impersonatorUserId: string | null, createdAt: string }> }, provisioningEvents?: { totalCount: number, nodes: Array<{ id: string, createdAt: string, method: string, path: string, status: number, outcome: ProvisioningOutcome, detail: string | null }> } };

export type ConsoleSetUserActiveMutationVariables = Exact<{
  id: string;
  active: boolean;
  expectedVersion?: number | null | undefined;
}>;


export type ConsoleSetUserActiveMutation = { setUserActive: { id: string, active: boolean, version: number } };

export type ConsoleResetPasswordMutationVariables = Exact<{
  id: string;
  password: string;
  expectedVersion?: number | null | undefined;
}>;


export type ConsoleResetPasswordMutation = { updateUser: { id: string, version: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConsoleAppPasswordFragmentDoc = new TypedDocumentString(`
    fragment ConsoleAppPassword on AppPassword {
  id
  name
  clientId
  active
  createdAt
  lastUsedAt
  revokedAt
  owner {
    userName
  }
}
    `, {"fragmentName":"ConsoleAppPassword"}) as unknown as TypedDocumentString<ConsoleAppPasswordFragment, unknown>;
export const ConsoleUserRowFragmentDoc = new TypedDocumentString(`
    fragment ConsoleUserRow on User {
  id
  userName
  displayName
  name {
    givenName
    familyName
  }
  active
  origin
  isServiceAccount
  customerRoles {
    customerRole {
      id
      displayName
    }
    sources
  }
}
    `, {"fragmentName":"ConsoleUserRow"}) as unknown as TypedDocumentString<ConsoleUserRowFragment, unknown>;
export const ConsoleGrantFragmentDoc = new TypedDocumentString(`
    fragment ConsoleGrant on AccessGrant {
  kind
  membershipSource
  customerRole {
    id
    displayName
  }
}
    `, {"fragmentName":"ConsoleGrant"}) as unknown as TypedDocumentString<ConsoleGrantFragment, unknown>;
export const ConsoleAccessRolesDocument = new TypedDocumentString(`
    query ConsoleAccessRoles {
  dataAccessRoles {
    id
    name
    description
  }
  appAccessRoles {
    id
    name
    description
    permissions
  }
}
    `) as unknown as TypedDocumentString<ConsoleAccessRolesQuery, ConsoleAccessRolesQueryVariables>;
export const ConsoleCreateDataAccessRoleDocument = new TypedDocumentString(`
    mutation ConsoleCreateDataAccessRole($input: CreateDataAccessRoleInput!) {
  createDataAccessRole(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateDataAccessRoleMutation, ConsoleCreateDataAccessRoleMutationVariables>;
export const ConsoleUpdateDataAccessRoleDocument = new TypedDocumentString(`
    mutation ConsoleUpdateDataAccessRole($id: ID!, $input: UpdateDataAccessRoleInput!) {
  updateDataAccessRole(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateDataAccessRoleMutation, ConsoleUpdateDataAccessRoleMutationVariables>;
export const ConsoleDeleteDataAccessRoleDocument = new TypedDocumentString(`
    mutation ConsoleDeleteDataAccessRole($id: ID!) {
  deleteDataAccessRole(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteDataAccessRoleMutation, ConsoleDeleteDataAccessRoleMutationVariables>;
export const ConsoleCreateAppAccessRoleDocument = new TypedDocumentString(`
    mutation ConsoleCreateAppAccessRole($input: CreateAppAccessRoleInput!) {
  createAppAccessRole(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateAppAccessRoleMutation, ConsoleCreateAppAccessRoleMutationVariables>;
export const ConsoleUpdateAppAccessRoleDocument = new TypedDocumentString(`
    mutation ConsoleUpdateAppAccessRole($id: ID!, $input: UpdateAppAccessRoleInput!) {
  updateAppAccessRole(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateAppAccessRoleMutation, ConsoleUpdateAppAccessRoleMutationVariables>;
export const ConsoleDeleteAppAccessRoleDocument = new TypedDocumentString(`
    mutation ConsoleDeleteAppAccessRole($id: ID!) {
  deleteAppAccessRole(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteAppAccessRoleMutation, ConsoleDeleteAppAccessRoleMutationVariables>;
export const ConsoleAppPasswordsDocument = new TypedDocumentString(`
    query ConsoleAppPasswords {
  appPasswords {
    ...ConsoleAppPassword
  }
}
    fragment ConsoleAppPassword on AppPassword {
  id
  name
  clientId
  active
  createdAt
  lastUsedAt
  revokedAt
  owner {
    userName
  }
}`) as unknown as TypedDocumentString<ConsoleAppPasswordsQuery, ConsoleAppPasswordsQueryVariables>;
export const ConsoleGenerateAppPasswordDocument = new TypedDocumentString(`
    mutation ConsoleGenerateAppPassword($name: String!) {
  generateAppPassword(name: $name) {
    clientSecret
    bearerToken
    appPassword {
      ...ConsoleAppPassword
    }
  }
}
    fragment ConsoleAppPassword on AppPassword {
  id
  name
  clientId
  active
  createdAt
  lastUsedAt
  revokedAt
  owner {
    userName
  }
}`) as unknown as TypedDocumentString<ConsoleGenerateAppPasswordMutation, ConsoleGenerateAppPasswordMutationVariables>;
export const ConsoleRevokeAppPasswordDocument = new TypedDocumentString(`
    mutation ConsoleRevokeAppPassword($id: ID!) {
  revokeAppPassword(id: $id) {
    ...ConsoleAppPassword
  }
}
    fragment ConsoleAppPassword on AppPassword {
  id
  name
  clientId
  active
  createdAt
  lastUsedAt
  revokedAt
  owner {
    userName
  }
}`) as unknown as TypedDocumentString<ConsoleRevokeAppPasswordMutation, ConsoleRevokeAppPasswordMutationVariables>;
export const ConsoleCustomerRolesDocument = new TypedDocumentString(`
    query ConsoleCustomerRoles($where: CustomerRoleWhere, $page: PageInput, $withMapping: Boolean!) {
  customerRoles(where: $where, orderBy: {field: DISPLAY_NAME}, page: $page) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      id
      displayName
      externalId
      memberCount
      mapping @include(if: $withMapping) {
        dataAccessRoles {
          id
          name
        }
        appAccessRoles {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCustomerRolesQuery, ConsoleCustomerRolesQueryVariables>;
export const ConsoleCustomerRoleDocument = new TypedDocumentString(`
    query ConsoleCustomerRole($id: ID!, $page: PageInput, $withMapping: Boolean!) {
  customerRole(id: $id) {
    id
    displayName
    externalId
    memberCount
    mapping @include(if: $withMapping) {
      version
      updatedAt
      dataAccessRoles {
        id
        name
      }
      appAccessRoles {
        id
        name
      }
    }
    members(page: $page) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        userId
        userName
        userDisplayName
        source
        createdAt
      }
    }
  }
  dataAccessRoles @include(if: $withMapping) {
    id
    name
    description
  }
  appAccessRoles @include(if: $withMapping) {
    id
    name
    permissions
  }
}
    `) as unknown as TypedDocumentString<ConsoleCustomerRoleQuery, ConsoleCustomerRoleQueryVariables>;
export const ConsoleSetRoleMappingDocument = new TypedDocumentString(`
    mutation ConsoleSetRoleMapping($customerRoleId: ID!, $dataAccessRoleIds: [ID!]!, $appAccessRoleIds: [ID!]!, $dryRun: Boolean!) {
  setRoleMapping(
    customerRoleId: $customerRoleId
    dataAccessRoleIds: $dataAccessRoleIds
    appAccessRoleIds: $appAccessRoleIds
    dryRun: $dryRun
  ) {
    version
    diff {
      applied
      dryRun
      accessChanges {
        kind
        roleId
        roleName
        gainedCount
        lostCount
        gained {
          id
          userName
        }
        lost {
          id
          userName
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetRoleMappingMutation, ConsoleSetRoleMappingMutationVariables>;
export const ConsoleUnmappedCustomerRolesDocument = new TypedDocumentString(`
    query ConsoleUnmappedCustomerRoles($page: PageInput) {
  unmappedCustomerRoles(page: $page) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      id
      displayName
      externalId
      memberCount
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUnmappedCustomerRolesQuery, ConsoleUnmappedCustomerRolesQueryVariables>;
export const ConsoleImpersonationCompaniesDocument = new TypedDocumentString(`
    query ConsoleImpersonationCompanies {
  companies {
    id
    slug
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleImpersonationCompaniesQuery, ConsoleImpersonationCompaniesQueryVariables>;
export const ConsoleMeDocument = new TypedDocumentString(`
    query ConsoleMe {
  me {
    id
    userName
    displayName
    isServiceAccount
  }
  principal {
    permissions
    isPlatformOperator
    impersonator {
      id
      userName
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeQuery, ConsoleMeQueryVariables>;
export const ConsoleUsersDocument = new TypedDocumentString(`
    query ConsoleUsers($where: UserWhere, $page: PageInput) {
  users(where: $where, orderBy: {field: USER_NAME}, page: $page) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      ...ConsoleUserRow
    }
  }
}
    fragment ConsoleUserRow on User {
  id
  userName
  displayName
  name {
    givenName
    familyName
  }
  active
  origin
  isServiceAccount
  customerRoles {
    customerRole {
      id
      displayName
    }
    sources
  }
}`) as unknown as TypedDocumentString<ConsoleUsersQuery, ConsoleUsersQueryVariables>;
export const ConsoleCustomerRoleChoicesDocument = new TypedDocumentString(`
    query ConsoleCustomerRoleChoices {
  customerRoles(orderBy: {field: DISPLAY_NAME}, page: {first: 1000}) {
    nodes {
      id
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCustomerRoleChoicesQuery, ConsoleCustomerRoleChoicesQueryVariables>;
export const ConsoleUserDocument = new TypedDocumentString(`
    query ConsoleUser($id: ID!, $target: String!, $withLogs: Boolean!) {
  user(id: $id) {
    id
    userName
    externalId
    displayName
    name {
      formatted
      givenName
      familyName
    }
    title
    emails {
      value
      type
      primary
    }
    active
    origin
    isServiceAccount
    hasPassword
    autoAssignRoles
    allowSsoLogin
    version
    createdAt
    updatedAt
    enterprise {
      department
      employeeNumber
    }
    customerRoles {
      customerRole {
        id
        displayName
      }
      sources
    }
    effectiveAccess {
      permissions
      dataAccessRoles {
        role {
          id
          name
        }
        grants {
          ...ConsoleGrant
        }
      }
      appAccessRoles {
        role {
          id
          name
          permissions
        }
        grants {
          ...ConsoleGrant
        }
      }
    }
  }
  auditEvents(where: {targetId: {eq: $target}}, page: {first: 20}) @include(if: $withLogs) {
    totalCount
    nodes {
      id
      action
      actorUserName
      impersonatorUserId
      createdAt
    }
  }
  provisioningEvents(where: {resourceId: {eq: $target}}, page: {first: 20}) @include(if: $withLogs) {
    totalCount
    nodes {
      id
      createdAt
      method
      path
      status
      outcome
      detail
    }
  }
}
    fragment ConsoleGrant on AccessGrant {
  kind
  membershipSource
  customerRole {
    id
    displayName
  }
}`) as unknown as TypedDocumentString<ConsoleUserQuery, ConsoleUserQueryVariables>;
export const ConsoleSetUserActiveDocument = new TypedDocumentString(`
    mutation ConsoleSetUserActive($id: ID!, $active: Boolean!, $expectedVersion: Int) {
  setUserActive(id: $id, active: $active, expectedVersion: $expectedVersion) {
    id
    active
    version
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetUserActiveMutation, ConsoleSetUserActiveMutationVariables>;
export const ConsoleResetPasswordDocument = new TypedDocumentString(`
    mutation ConsoleResetPassword($id: ID!, $password: String!, $expectedVersion: Int) {
  updateUser(
    id: $id
    input: {password: $password}
    expectedVersion: $expectedVersion
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<ConsoleResetPasswordMutation, ConsoleResetPasswordMutationVariables>;