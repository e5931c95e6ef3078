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

/** Which audit events: the comparisons of one node must all hold; and/or/not combine nodes. */
export type AuditEventWhere = {
  /** The action, e.g. { eq: "roleMapping.set" } or { sw: "roleMapping." } (case-sensitive). */
  action?: StringComparison | null | undefined;
  /** The acting user's id (case-sensitive). */
  actorUserId?: StringComparison | null | undefined;
  /** The acting user's userName (ignoring case). */
  actorUserName?: StringComparison | null | undefined;
  /** Every one of these must hold. */
  and?: Array<AuditEventWhere> | null | undefined;
  /** When the change was committed. */
  createdAt?: DateTimeComparison | null | undefined;
  /** The impersonating platform operator's id; { pr: true } lists every change made through an impersonated session. */
  impersonatorUserId?: StringComparison | null | undefined;
  /** This must not hold. */
  not?: AuditEventWhere | null | undefined;
  /** At least one of these must hold. */
  or?: Array<AuditEventWhere> | null | undefined;
  /** The target's id (case-sensitive). */
  targetId?: StringComparison | null | undefined;
  /** The target type, e.g. CustomerRole (case-sensitive). */
  targetType?: StringComparison | null | undefined;
};

/** Comparisons of a boolean attribute. */
export type BooleanComparison = {
  /** Equal. */
  eq?: boolean | null | undefined;
  /** Not equal. */
  ne?: boolean | null | undefined;
  /** Present: true matches a set value, false an absent one. */
  pr?: boolean | null | undefined;
};

/** Changes to company settings; fields left out are kept. */
export type CompanySettingsInput = {
  /** How long a password invitation's link stays valid, in hours (1 to 720). */
  invitationTtlHours?: number | null | undefined;
  /** Display name. */
  name?: string | null | undefined;
  /** Password policy changes. */
  passwordPolicy?: PasswordPolicyInput | null | undefined;
  /** What SCIM DELETE /Users/{id} does. */
  scimDeleteMode?: ScimDeleteMode | null | undefined;
  /** Allow a user only one SCIM-sourced customer-supplied role at a time. */
  singleCustomerRole?: boolean | null | undefined;
  /** Create customer-supplied roles for IdP groups at sign-in that name none yet. */
  ssoCreateUnknownGroups?: boolean | null | undefined;
  /** Make single sign-on the only way in, except for break-glass users. Turning it on is refused (BAD_USER_INPUT, reason NO_BREAK_GLASS_ADMINISTRATOR) unless an active holder of CanConfigureCompany with a password is break-glass. */
  ssoEnforced?: boolean | null | undefined;
  /** Create users who sign in with SSO and do not exist yet (just-in-time). */
  ssoJitProvisioning?: boolean | null | undefined;
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

/** A new company (platform operators). */
export type CreateCompanyInput = {
  /** Display name. */
  name: string;
  /** Switch SCIM identity management on at once (default false). */
  scimEnabled?: boolean | null | undefined;
  /** Short login name: 2-63 characters of a-z, 0-9 and '-'. */
  slug: string;
};

/** A new data-access role. */
export type CreateDataAccessRoleInput = {
  /** What the role is for; at most 4096 characters. */
  description?: string | null | undefined;
  /** Unique per company ignoring case; not empty, at most 256 characters (surrounding spaces are trimmed). */
  name: string;
};

/** A new OpenID Connect connection; it starts as DRAFT until a test sign-in succeeds. */
export type CreateOidcConnectionInput = {
  /** The client ID the IdP gave rolebridge's application. */
  clientId: string;
  /** The client secret; stored encrypted, never returned. */
  clientSecret: string;
  /** The claim carrying the user's groups (default: groups). */
  groupsClaim?: string | null | undefined;
  /** The issuer URL (https), e.g. https://acme.okta.com or https://login.microsoftonline.com/{tenant}/v2.0. */
  issuer: string;
  /** A name for admins, e.g. "Okta". */
  name: string;
  /** Scopes besides openid (default: email, profile). */
  scopes?: Array<string> | null | undefined;
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

/** Where a password invitation stands. */
export type InvitationState =
  /** The user set a password through it (each invitation is used once). */
  | 'ACCEPTED'
  /** Its links are past the company's invitationTtlHours; resend it for a new one. */
  | 'EXPIRED'
  /** Its link can still be used. */
  | 'PENDING'
  /** An administrator revoked it; its links no longer work. */
  | 'REVOKED';

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

/** Where an email of the outbox stands. */
export type OutboxStatus =
  /** Not sent: the invitation was resent, revoked, accepted or expired first. */
  | 'CANCELLED'
  /** Given up after the last retry; lastError says why. Resend the invitation to try again. */
  | 'FAILED'
  /** Not sent: no SMTP_URL is set, and in development its link was written to the server log. */
  | 'LOGGED'
  /** Waiting to be sent, or to be retried after a failed attempt (see nextAttemptAt and lastError). */
  | 'PENDING'
  /** Accepted by the SMTP server. */
  | 'SENT';

/** Which page: offset paging (offset + first) or cursor paging (after + first), not both. */
export type PageInput = {
  /** The endCursor of the previous page; the page seeks from that row (no rows are skipped) and keeps the same sort. A cursor this API did not issue, or one issued for another sort, is BAD_USER_INPUT with reason INVALID_CURSOR. */
  after?: string | null | undefined;
  /** Rows wanted (default 100, at most 1000). */
  first?: number | null | undefined;
  /** Rows to skip (0-based); SCIM startIndex - 1. */
  offset?: number | null | undefined;
};

/** Changes to the password policy; fields left out are kept. */
export type PasswordPolicyInput = {
  /** Forbid passwords containing the userName. */
  disallowUserName?: boolean | null | undefined;
  /** Minimum number of characters (8 to 256). */
  minLength?: number | null | undefined;
  /** Require a digit. */
  requireDigit?: boolean | null | undefined;
  /** Require a lowercase letter. */
  requireLowercase?: boolean | null | undefined;
  /** Require a symbol. */
  requireSymbol?: boolean | null | undefined;
  /** Require an uppercase letter. */
  requireUppercase?: boolean | null | undefined;
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

/** Which provisioning events: every condition given must hold. */
export type ProvisioningEventWhere = {
  /** The app password (credential) used, by id. */
  appPasswordId?: IdComparison | null | undefined;
  /** The credential's Client ID (compared case-sensitively). */
  clientId?: StringComparison | null | undefined;
  /** When the request was served, e.g. { ge: since, lt: until }. */
  createdAt?: DateTimeComparison | null | undefined;
  /** HTTP method. */
  method?: StringComparison | null | undefined;
  /** SUCCESS or FAILURE. */
  outcome?: ProvisioningOutcome | null | undefined;
  /** Request path below the SCIM base URL (case-sensitive). */
  path?: StringComparison | null | undefined;
  /** The resource's id (case-sensitive). */
  resourceId?: StringComparison | null | undefined;
  /** SCIM resource type: User or Group. */
  resourceType?: StringComparison | null | undefined;
  /** The error's scimType, e.g. uniqueness (pr: false for requests without one). */
  scimType?: StringComparison | null | undefined;
  /** The HTTP status answered. */
  status?: StatusComparison | null | undefined;
};

/** Whether a SCIM request succeeded (status below 400) or failed. */
export type ProvisioningOutcome =
  /** Answered with a status of 400 or more. */
  | 'FAILURE'
  /** Answered with a status below 400. */
  | 'SUCCESS';

/** A SAML 2.0 connection's settings. On create, give a name and the IdP's metadata (by URL or as XML); on update, fields left out are kept, and metadata given is read again. */
export type SamlConnectionInput = {
  /** The attribute carrying the email address (default email); empty clears it and the NameID is used when it is an email. */
  emailAttribute?: string | null | undefined;
  /** The attribute carrying the family name (default lastName); empty clears it. */
  familyNameAttribute?: string | null | undefined;
  /** The attribute carrying the given name (default firstName); empty clears it. */
  givenNameAttribute?: string | null | undefined;
  /** The attribute listing the user's groups (default groups); empty clears it, and sign-in then assigns no groups. */
  groupsAttribute?: string | null | undefined;
  /** The IdP's metadata URL (https), fetched by rolebridge now and at every update that gives it: Okta's "Metadata URL", Entra ID's "App Federation Metadata Url". Not together with idpMetadataXml. */
  idpMetadataUrl?: string | null | undefined;
  /** The IdP's metadata document itself (an EntityDescriptor with an IDPSSODescriptor), at most 1 MB. Not together with idpMetadataUrl. */
  idpMetadataXml?: string | null | undefined;
  /** A name for admins, e.g. the IdP's (required on create). */
  name?: string | null | undefined;
  /** Refuse assertions that are not signed themselves (default true). */
  wantAssertionsSigned?: boolean | null | undefined;
  /** Refuse Responses whose <Response> element is not signed (default false). At least one of the two signatures is always required. */
  wantResponseSigned?: boolean | null | undefined;
};

/** What SCIM DELETE /Users/{id} does. */
export type ScimDeleteMode =
  /** Set active to false and keep the user for audit (default). */
  | 'DEACTIVATE'
  /** Remove the user. */
  | 'DELETE';

/** Where a single sign-on connection is in its life. */
export type SsoConnectionStatus =
  /** Tested successfully: users sign in through it. */
  | 'ACTIVE'
  /** Switched off: every sign-in is refused; a successful test sign-in activates it again. */
  | 'DISABLED'
  /** Configured, never tested successfully: only test sign-ins run through it. */
  | 'DRAFT';

/** The protocol of a single sign-on connection. */
export type SsoProtocol =
  /** OpenID Connect 1.0 (authorization code flow with PKCE). */
  | 'OIDC'
  /** SAML 2.0 Web Browser SSO, rolebridge as the service provider. */
  | 'SAML';

/** Comparisons of an HTTP status code; several operators in one object must all hold. */
export type StatusComparison = {
  /** Equal. */
  eq?: number | null | undefined;
  /** Greater than or equal, e.g. 400 for every failure. */
  ge?: number | null | undefined;
  /** Greater than. */
  gt?: number | null | undefined;
  /** Any of these statuses. */
  in?: Array<number> | null | undefined;
  /** Less than or equal. */
  le?: number | null | undefined;
  /** Less than. */
  lt?: number | null | undefined;
  /** Not equal. */
  ne?: number | null | undefined;
};

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

/** Changes to an OpenID Connect connection; fields left out are kept. A new issuer or client ID makes an active connection DRAFT again. */
export type UpdateOidcConnectionInput = {
  /** The client ID. */
  clientId?: string | null | undefined;
  /** A new client secret (a rotation keeps the connection active). */
  clientSecret?: string | null | undefined;
  /** The claim carrying the user's groups; empty for none. */
  groupsClaim?: string | null | undefined;
  /** The issuer URL. */
  issuer?: string | null | undefined;
  /** A name for admins. */
  name?: string | null | undefined;
  /** Scopes besides openid. */
  scopes?: Array<string> | null | undefined;
};

/** What an upload did with one line's user. */
export type UploadAction =
  /** A new user was created. */
  | 'CREATED'
  /** The existing user already matched the line. */
  | 'UNCHANGED'
  /** The existing user, or its upload-owned roles, changed. */
  | 'UPDATED';

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

export type ConsoleAppPasswordFragment = { id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, supersededAt: string | null, predecessorId: string | null, lastFailureAt: string | null, lastFailureReason: string | null, owner: { userName: string } };

export type ConsoleAppPasswordsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAppPasswordsQuery = { appPasswords: Array<{ id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, supersededAt: string | null, predecessorId: string | null, lastFailureAt: string | null, lastFailureReason: string | null, owner: { userName: string } }> };

export type ConsoleGenerateAppPasswordMutationVariables = Exact<{
  name: string;
}>;


export type ConsoleGenerateAppPasswordMutation = { generateAppPassword: { clientSecret: string, bearerToken: string, appPassword: { id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, supersededAt: string | null, predecessorId: string | null, lastFailureAt: string | null, lastFailureReason: string | null, owner: { userName: string } } } };

export type ConsoleRevokeAppPasswordMutationVariables = Exact<{
  id: string;
}>;


export type ConsoleRevokeAppPasswordMutation = { revokeAppPassword: { id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, supersededAt: string | null, predecessorId: string | null, lastFailureAt: string | null, lastFailureReason: string | null, owner: { userName: string } } };

export type ConsoleRotateAppPasswordMutationVariables = Exact<{
  id: string;
}>;


export type ConsoleRotateAppPasswordMutation = { rotateAppPassword: { clientSecret: string, bearerToken: string, appPassword: { id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, supersededAt: string | null, predecessorId: string | null, lastFailureAt: string | null, lastFailureReason: string | null, owner: { userName: string } }, predecessor: { id: string, name: string, clientId: string, active: boolean, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, supersededAt: string | null, predecessorId: string | null, lastFailureAt: string | null, lastFailureReason: string | null, owner: { userName: string } } } };

export type ConsoleAuditEventsQueryVariables = Exact<{
  where?: AuditEventWhere | null | undefined;
  page?: PageInput | null | undefined;
}>;


export type ConsoleAuditEventsQuery = { auditEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, createdAt: string, action: string, actorUserName: string | null, impersonatorUserId: string | null, targetType: string, targetId: string | null, before: unknown, after: unknown }> } };

export type ConsoleCompanyFragment = { id: string, slug: string, name: string, scimEnabled: boolean, scimDeleteMode: ScimDeleteMode, singleCustomerRole: boolean, passwordPolicy: { minLength: number, requireLowercase: boolean, requireUppercase: boolean, requireDigit: boolean, requireSymbol: boolean, disallowUserName: boolean } };

export type ConsoleCompanySettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCompanySettingsQuery = { company: { id: string, slug: string, name: string, scimEnabled: boolean, scimDeleteMode: ScimDeleteMode, singleCustomerRole: boolean, passwordPolicy: { minLength: number, requireLowercase: boolean, requireUppercase: boolean, requireDigit: boolean, requireSymbol: boolean, disallowUserName: boolean } } };

export type ConsoleUpdateCompanySettingsMutationVariables = Exact<{
  input: CompanySettingsInput;
}>;


export type ConsoleUpdateCompanySettingsMutation = { updateCompanySettings: { id: string, slug: string, name: string, scimEnabled: boolean, scimDeleteMode: ScimDeleteMode, singleCustomerRole: boolean, passwordPolicy: { minLength: number, requireLowercase: boolean, requireUppercase: boolean, requireDigit: boolean, requireSymbol: boolean, disallowUserName: boolean } } };

export type ConsoleCompaniesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCompaniesQuery = { companies: Array<{ id: string, slug: string, name: string, scimEnabled: boolean, createdAt: string }> };

export type ConsoleCreateCompanyMutationVariables = Exact<{
  input: CreateCompanyInput;
}>;


export type ConsoleCreateCompanyMutation = { createCompany: { id: string, slug: string, name: string, scimEnabled: boolean, createdAt: string } };

export type ConsoleSetScimEnabledMutationVariables = Exact<{
  companyId: string;
  enabled: boolean;
}>;


export type ConsoleSetScimEnabledMutation = { setScimEnabled: { id: string, scimEnabled: boolean } };

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

export type ConsoleInvitationFragment = { id: string, userId: string, userName: string, email: string, state: InvitationState, createdAt: string, expiresAt: string, acceptedAt: string | null, revokedAt: string | null, message: { status: OutboxStatus, attempts: number, lastError: string | null, createdAt: string, sentAt: string | null, nextAttemptAt: string } | null };

export type ConsoleInvitationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleInvitationsQuery = { invitations: Array<{ id: string, userId: string, userName: string, email: string, state: InvitationState, createdAt: string, expiresAt: string, acceptedAt: string | null, revokedAt: string | null, message: { status: OutboxStatus, attempts: number, lastError: string | null, createdAt: string, sentAt: string | null, nextAttemptAt: string } | null }> };

export type ConsoleInviteUserMutationVariables = Exact<{
  input: UserInput;
}>;


export type ConsoleInviteUserMutation = { createUser: { id: string, userName: string } };

export type ConsoleResendInvitationMutationVariables = Exact<{
  userId: string;
}>;


export type ConsoleResendInvitationMutation = { resendInvitation: { id: string, userId: string, userName: string, email: string, state: InvitationState, createdAt: string, expiresAt: string, acceptedAt: string | null, revokedAt: string | null, message: { status: OutboxStatus, attempts: number, lastError: string | null, createdAt: string, sentAt: string | null, nextAttemptAt: string } | null } };

export type ConsoleRevokeInvitationMutationVariables = Exact<{
  id: string;
}>;


export type ConsoleRevokeInvitationMutation = { revokeInvitation: { id: string, userId: string, userName: string, email: string, state: InvitationState, createdAt: string, expiresAt: string, acceptedAt: string | null, revokedAt: string | null, message: { status: OutboxStatus, attempts: number, lastError: string | null, createdAt: string, sentAt: string | null, nextAttemptAt: string } | null } };

export type ConsoleAcceptInvitationMutationVariables = Exact<{
  token: string;
  password: string;
}>;


export type ConsoleAcceptInvitationMutation = { acceptInvitation: { companySlug: string, userName: string } };

export type ConsoleMyAccessQueryVariables = Exact<{
  userId: string;
}>;


export type ConsoleMyAccessQuery = { effectiveAccess: { permissions: Array<Permission>, dataAccessRoles: Array<{ role: { id: string, name: string }, grants: Array<{ kind: AccessGrantKind, membershipSource: MembershipSource | null, customerRole: { displayName: string } | null }> }>, appAccessRoles: Array<{ role: { id: string, name: string }, grants: Array<{ kind: AccessGrantKind, membershipSource: MembershipSource | null, customerRole: { displayName: string } | null }> }> } };

export type ConsoleProvisioningEventFragment = { id: string, createdAt: string, method: string, path: string, resourceType: string | null, resourceId: string | null, outcome: ProvisioningOutcome, status: number, scimType: string | null, detail: string | null, durationMs: number, normalizations: Array<string>, credential: { name: string, clientId: string, revokedAt: string | null } | null };

export type ConsoleProvisioningSummaryQueryVariables = Exact<{
  since?: string | null | undefined;
}>;


export type ConsoleProvisioningSummaryQuery = { provisioningSummary: { since: string, until: string, totalRequests: number, successCount: number, failureCount: number, revokedCredentialRequests: number, wrongSecretRequests: number, usersCreatedWithoutNameCount: number, countsByStatus: Array<{ status: number, count: number }>, lastSuccess: { id: string, createdAt: string, method: string, path: string, resourceType: string | null, resourceId: string | null, outcome: ProvisioningOutcome, status: number, scimType: string | null, detail: string | null, durationMs: number, normalizations: Array<string>, credential: { name: string, clientId: string, revokedAt: string | null } | null } | null, lastFailure: { id: string, createdAt: string, method: string, path: string, resourceType: string | null, resourceId: string | null, outcome: ProvisioningOutcome, status: number, scimType: string | null, detail: string | null, durationMs: number, normalizations: Array<string>, credential: { name: string, clientId: string, revokedAt: string | null } | null } | null, usersCreatedWithoutName: Array<{ id: string, userName: string }> } };

export type ConsoleProvisioningEventsQueryVariables = Exact<{
  where?: ProvisioningEventWhere | null | undefined;
  page?: PageInput | null | undefined;
}>;


export type ConsoleProvisioningEventsQuery = { provisioningEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, createdAt: string, method: string, path: string, resourceType: string | null, resourceId: string | null, outcome: ProvisioningOutcome, status: number, scimType: string | null, detail: string | null, durationMs: number, normalizations: Array<string>, credential: { name: string, clientId: string, revokedAt: string | null } | null }> } };

export type ConsoleProvisioningEventQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleProvisioningEventQuery = { provisioningEvent: { id: string, createdAt: string, method: string, path: string, resourceType: string | null, resourceId: string | null, outcome: ProvisioningOutcome, status: number, scimType: string | null, detail: string | null, durationMs: number, normalizations: Array<string>, credential: { name: string, clientId: string, revokedAt: string | null } | null } };

export type ConsoleExportRoleMappingsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleExportRoleMappingsQuery = { exportRoleMappings: unknown };

export type ConsoleImportRoleMappingsMutationVariables = Exact<{
  document: unknown;
  dryRun: boolean;
}>;


export type ConsoleImportRoleMappingsMutation = { importRoleMappings: { dryRun: boolean, applied: boolean, unchangedCount: number, createdCustomerRoles: Array<string>, changes: Array<{ customerRole: string, mappedBefore: boolean, mappedAfter: boolean, dataAccessRolesBefore: Array<string>, dataAccessRolesAfter: Array<string>, appAccessRolesBefore: Array<string>, appAccessRolesAfter: Array<string> }>, accessChanges: Array<{ kind: AccessRoleKind, roleName: string, gainedCount: number, lostCount: number }> } };

export type ConsoleUploadUsersMutationVariables = Exact<{
  csv: string;
  dryRun: boolean;
}>;


export type ConsoleUploadUsersMutation = { uploadUsers: { dryRun: boolean, applied: boolean, created: number, updated: number, unchanged: number, membershipsAdded: number, membershipsRemoved: number, createdCustomerRoles: Array<string>, lines: Array<{ line: number, userName: string, action: UploadAction, customerRolesAdded: Array<string>, customerRolesRemoved: Array<string> }> } };

export type ConsoleClearUploadedCustomerRolesMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleClearUploadedCustomerRolesMutation = { clearUploadedCustomerRoles: number };

export type ConsoleSamlConnectionFragment = { id: string, name: string, version: number, idpMetadataUrl: string | null, idpEntityId: string | null, idpSsoUrl: string | null, wantAssertionsSigned: boolean, wantResponseSigned: boolean, emailAttribute: string | null, givenNameAttribute: string | null, familyNameAttribute: string | null, groupsAttribute: string | null, idpCertificates: Array<{ subject: string, notAfter: string, sha256Fingerprint: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } };

export type ConsoleSamlServiceProviderQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSamlServiceProviderQuery = { samlServiceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } };

export type ConsoleCreateSamlConnectionMutationVariables = Exact<{
  input: SamlConnectionInput;
}>;


export type ConsoleCreateSamlConnectionMutation = { createSamlConnection: { id: string, name: string, version: number, idpMetadataUrl: string | null, idpEntityId: string | null, idpSsoUrl: string | null, wantAssertionsSigned: boolean, wantResponseSigned: boolean, emailAttribute: string | null, givenNameAttribute: string | null, familyNameAttribute: string | null, groupsAttribute: string | null, idpCertificates: Array<{ subject: string, notAfter: string, sha256Fingerprint: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } } };

export type ConsoleUpdateSamlConnectionMutationVariables = Exact<{
  id: string;
  input: SamlConnectionInput;
  expectedVersion?: number | null | undefined;
}>;


export type ConsoleUpdateSamlConnectionMutation = { updateSamlConnection: { id: string, name: string, version: number, idpMetadataUrl: string | null, idpEntityId: string | null, idpSsoUrl: string | null, wantAssertionsSigned: boolean, wantResponseSigned: boolean, emailAttribute: string | null, givenNameAttribute: string | null, familyNameAttribute: string | null, groupsAttribute: string | null, idpCertificates: Array<{ subject: string, notAfter: string, sha256Fingerprint: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } } };

export type ConsoleMeQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMeQuery = { me: { id: string, userName: string, displayName: string | null, isServiceAccount: boolean }, principal: { permissions: Array<Permission>, isPlatformOperator: boolean, impersonator: { id: string, userName: string } | null } };

export type ConsoleSsoSignInRouteQueryVariables = Exact<{
  email: string;
}>;


export type ConsoleSsoSignInRouteQuery = { ssoSignInRoute: { company: string, signInUrl: string } | null };

export type ConsoleSsoConnectionFragment = { id: string, protocol: SsoProtocol, name: string, status: SsoConnectionStatus, testedAt: string | null, version: number, issuer: string | null, clientId: string | null, clientSecretSet: boolean, scopes: Array<string>, groupsClaim: string | null, signInUrl: string, testSignInUrl: string, callbackUrl: string | null, domains: Array<string>, lastTestResult: unknown, saml: { id: string, name: string, version: number, idpMetadataUrl: string | null, idpEntityId: string | null, idpSsoUrl: string | null, wantAssertionsSigned: boolean, wantResponseSigned: boolean, emailAttribute: string | null, givenNameAttribute: string | null, familyNameAttribute: string | null, groupsAttribute: string | null, idpCertificates: Array<{ subject: string, notAfter: string, sha256Fingerprint: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } } | null };

export type ConsoleSsoConnectionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSsoConnectionsQuery = { ssoConnections: Array<{ id: string, protocol: SsoProtocol, name: string, status: SsoConnectionStatus, testedAt: string | null, version: number, issuer: string | null, clientId: string | null, clientSecretSet: boolean, scopes: Array<string>, groupsClaim: string | null, signInUrl: string, testSignInUrl: string, callbackUrl: string | null, domains: Array<string>, lastTestResult: unknown, saml: { id: string, name: string, version: number, idpMetadataUrl: string | null, idpEntityId: string | null, idpSsoUrl: string | null, wantAssertionsSigned: boolean, wantResponseSigned: boolean, emailAttribute: string | null, givenNameAttribute: string | null, familyNameAttribute: string | null, groupsAttribute: string | null, idpCertificates: Array<{ subject: string, notAfter: string, sha256Fingerprint: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } } | null }>, company: { id: string, slug: string, ssoJitProvisioning: boolean, ssoCreateUnknownGroups: boolean } };

export type ConsoleCreateOidcConnectionMutationVariables = Exact<{
  input: CreateOidcConnectionInput;
}>;


export type ConsoleCreateOidcConnectionMutation = { createOidcConnection: { id: string, protocol: SsoProtocol, name: string, status: SsoConnectionStatus, testedAt: string | null, version: number, issuer: string | null, clientId: string | null, clientSecretSet: boolean, scopes: Array<string>, groupsClaim: string | null, signInUrl: string, testSignInUrl: string, callbackUrl: string | null, domains: Array<string>, lastTestResult: unknown, saml: { id: string, name: string, version: number, idpMetadataUrl: string | null, idpEntityId: string | null, idpSsoUrl: string | null, wantAssertionsSigned: boolean, wantResponseSigned: boolean, emailAttribute: string | null, givenNameAttribute: string | null, familyNameAttribute: string | null, groupsAttribute: string | null, idpCertificates: Array<{ subject: string, notAfter: string, sha256Fingerprint: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } } | null } };

export type ConsoleUpdateOidcConnectionMutationVariables = Exact<{
  id: string;
  input: UpdateOidcConnectionInput;
  expectedVersion?: number | null | undefined;
}>;


export type ConsoleUpdateOidcConnectionMutation = { updateOidcConnection: { id: string, protocol: SsoProtocol, name: string, status: SsoConnectionStatus, testedAt: string | null, version: number, issuer: string | null, clientId: string | null, clientSecretSet: boolean, scopes: Array<string>, groupsClaim: string | null, signInUrl: string, testSignInUrl: string, callbackUrl: string | null, domains: Array<string>, lastTestResult: unknown, saml: { id: string, name: string, version: number, idpMetadataUrl: string | null, idpEntityId: string | null, idpSsoUrl: string | null, wantAssertionsSigned: boolean, wantResponseSigned: boolean, emailAttribute: string | null, givenNameAttribute: string | null, familyNameAttribute: string | null, groupsAttribute: string | null, idpCertificates: Array<{ subject: string, notAfter: string, sha256Fingerprint: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } } | null } };

export type ConsoleDisableSsoConnectionMutationVariables = Exact<{
  id: string;
}>;


export type ConsoleDisableSsoConnectionMutation = { disableSsoConnection: { id: string, protocol: SsoProtocol, name: string, status: SsoConnectionStatus, testedAt: string | null, version: number, issuer: string | null, clientId: string | null, clientSecretSet: boolean, scopes: Array<string>, groupsClaim: string | null, signInUrl: string, testSignInUrl: string, callbackUrl: string | null, domains: Array<string>, lastTestResult: unknown, saml: { id: string, name: string, version: number, idpMetadataUrl: string | null, idpEntityId: string | null, idpSsoUrl: string | null, wantAssertionsSigned: boolean, wantResponseSigned: boolean, emailAttribute: string | null, givenNameAttribute: string | null, familyNameAttribute: string | null, groupsAttribute: string | null, idpCertificates: Array<{ subject: string, notAfter: string, sha256Fingerprint: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, signInUrl: string } } | null } };

export type ConsoleDeleteSsoConnectionMutationVariables = Exact<{
  id: string;
}>;


export type ConsoleDeleteSsoConnectionMutation = { deleteSsoConnection: string };

export type ConsoleClaimSsoDomainMutationVariables = Exact<{
  connectionId: string;
  domain: string;
}>;


export type ConsoleClaimSsoDomainMutation = { claimSsoDomain: { domain: string } };

export type ConsoleReleaseSsoDomainMutationVariables = Exact<{
  domain: string;
}>;


export type ConsoleReleaseSsoDomainMutation = { releaseSsoDomain: string };

export type ConsoleSsoSettingsMutationVariables = Exact<{
  input: CompanySettingsInput;
}>;


export type ConsoleSsoSettingsMutation = { updateCompanySettings: { id: string, ssoJitProvisioning: boolean, ssoCreateUnknownGroups: boolean } };

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
  supersededAt
  predecessorId
  lastFailureAt
  lastFailureReason
  owner {
    userName
  }
}
    `, {"fragmentName":"ConsoleAppPassword"}) as unknown as TypedDocumentString<ConsoleAppPasswordFragment, unknown>;
export const ConsoleCompanyFragmentDoc = new TypedDocumentString(`
    fragment ConsoleCompany on Company {
  id
  slug
  name
  scimEnabled
  scimDeleteMode
  singleCustomerRole
  passwordPolicy {
    minLength
    requireLowercase
    requireUppercase
    requireDigit
    requireSymbol
    disallowUserName
  }
}
    `, {"fragmentName":"ConsoleCompany"}) as unknown as TypedDocumentString<ConsoleCompanyFragment, unknown>;
export const ConsoleInvitationFragmentDoc = new TypedDocumentString(`
    fragment ConsoleInvitation on Invitation {
  id
  userId
  userName
  email
  state
  createdAt
  expiresAt
  acceptedAt
  revokedAt
  message {
    status
    attempts
    lastError
    createdAt
    sentAt
    nextAttemptAt
  }
}
    `, {"fragmentName":"ConsoleInvitation"}) as unknown as TypedDocumentString<ConsoleInvitationFragment, unknown>;
export const ConsoleProvisioningEventFragmentDoc = new TypedDocumentString(`
    fragment ConsoleProvisioningEvent on ProvisioningEvent {
  id
  createdAt
  method
  path
  resourceType
  resourceId
  outcome
  status
  scimType
  detail
  durationMs
  normalizations
  credential {
    name
    clientId
    revokedAt
  }
}
    `, {"fragmentName":"ConsoleProvisioningEvent"}) as unknown as TypedDocumentString<ConsoleProvisioningEventFragment, unknown>;
export const ConsoleSamlConnectionFragmentDoc = new TypedDocumentString(`
    fragment ConsoleSamlConnection on SamlConnection {
  id
  name
  version
  idpMetadataUrl
  idpEntityId
  idpSsoUrl
  idpCertificates {
    subject
    notAfter
    sha256Fingerprint
  }
  wantAssertionsSigned
  wantResponseSigned
  emailAttribute
  givenNameAttribute
  familyNameAttribute
  groupsAttribute
  serviceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}
    `, {"fragmentName":"ConsoleSamlConnection"}) as unknown as TypedDocumentString<ConsoleSamlConnectionFragment, unknown>;
export const ConsoleSsoConnectionFragmentDoc = new TypedDocumentString(`
    fragment ConsoleSsoConnection on SsoConnection {
  id
  protocol
  name
  status
  testedAt
  version
  issuer
  clientId
  clientSecretSet
  scopes
  groupsClaim
  signInUrl
  testSignInUrl
  callbackUrl
  domains
  lastTestResult
  saml {
    ...ConsoleSamlConnection
  }
}
    fragment ConsoleSamlConnection on SamlConnection {
  id
  name
  version
  idpMetadataUrl
  idpEntityId
  idpSsoUrl
  idpCertificates {
    subject
    notAfter
    sha256Fingerprint
  }
  wantAssertionsSigned
  wantResponseSigned
  emailAttribute
  givenNameAttribute
  familyNameAttribute
  groupsAttribute
  serviceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}`, {"fragmentName":"ConsoleSsoConnection"}) as unknown as TypedDocumentString<ConsoleSsoConnectionFragment, unknown>;
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
  supersededAt
  predecessorId
  lastFailureAt
  lastFailureReason
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
  supersededAt
  predecessorId
  lastFailureAt
  lastFailureReason
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
  supersededAt
  predecessorId
  lastFailureAt
  lastFailureReason
  owner {
    userName
  }
}`) as unknown as TypedDocumentString<ConsoleRevokeAppPasswordMutation, ConsoleRevokeAppPasswordMutationVariables>;
export const ConsoleRotateAppPasswordDocument = new TypedDocumentString(`
    mutation ConsoleRotateAppPassword($id: ID!) {
  rotateAppPassword(id: $id) {
    clientSecret
    bearerToken
    appPassword {
      ...ConsoleAppPassword
    }
    predecessor {
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
  supersededAt
  predecessorId
  lastFailureAt
  lastFailureReason
  owner {
    userName
  }
}`) as unknown as TypedDocumentString<ConsoleRotateAppPasswordMutation, ConsoleRotateAppPasswordMutationVariables>;
export const ConsoleAuditEventsDocument = new TypedDocumentString(`
    query ConsoleAuditEvents($where: AuditEventWhere, $page: PageInput) {
  auditEvents(where: $where, page: $page) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      createdAt
      action
      actorUserName
      impersonatorUserId
      targetType
      targetId
      before
      after
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditEventsQuery, ConsoleAuditEventsQueryVariables>;
export const ConsoleCompanySettingsDocument = new TypedDocumentString(`
    query ConsoleCompanySettings {
  company {
    ...ConsoleCompany
  }
}
    fragment ConsoleCompany on Company {
  id
  slug
  name
  scimEnabled
  scimDeleteMode
  singleCustomerRole
  passwordPolicy {
    minLength
    requireLowercase
    requireUppercase
    requireDigit
    requireSymbol
    disallowUserName
  }
}`) as unknown as TypedDocumentString<ConsoleCompanySettingsQuery, ConsoleCompanySettingsQueryVariables>;
export const ConsoleUpdateCompanySettingsDocument = new TypedDocumentString(`
    mutation ConsoleUpdateCompanySettings($input: CompanySettingsInput!) {
  updateCompanySettings(input: $input) {
    ...ConsoleCompany
  }
}
    fragment ConsoleCompany on Company {
  id
  slug
  name
  scimEnabled
  scimDeleteMode
  singleCustomerRole
  passwordPolicy {
    minLength
    requireLowercase
    requireUppercase
    requireDigit
    requireSymbol
    disallowUserName
  }
}`) as unknown as TypedDocumentString<ConsoleUpdateCompanySettingsMutation, ConsoleUpdateCompanySettingsMutationVariables>;
export const ConsoleCompaniesDocument = new TypedDocumentString(`
    query ConsoleCompanies {
  companies {
    id
    slug
    name
    scimEnabled
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleCompaniesQuery, ConsoleCompaniesQueryVariables>;
export const ConsoleCreateCompanyDocument = new TypedDocumentString(`
    mutation ConsoleCreateCompany($input: CreateCompanyInput!) {
  createCompany(input: $input) {
    id
    slug
    name
    scimEnabled
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateCompanyMutation, ConsoleCreateCompanyMutationVariables>;
export const ConsoleSetScimEnabledDocument = new TypedDocumentString(`
    mutation ConsoleSetScimEnabled($companyId: ID!, $enabled: Boolean!) {
  setScimEnabled(companyId: $companyId, enabled: $enabled) {
    id
    scimEnabled
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetScimEnabledMutation, ConsoleSetScimEnabledMutationVariables>;
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
export const ConsoleInvitationsDocument = new TypedDocumentString(`
    query ConsoleInvitations {
  invitations {
    ...ConsoleInvitation
  }
}
    fragment ConsoleInvitation on Invitation {
  id
  userId
  userName
  email
  state
  createdAt
  expiresAt
  acceptedAt
  revokedAt
  message {
    status
    attempts
    lastError
    createdAt
    sentAt
    nextAttemptAt
  }
}`) as unknown as TypedDocumentString<ConsoleInvitationsQuery, ConsoleInvitationsQueryVariables>;
export const ConsoleInviteUserDocument = new TypedDocumentString(`
    mutation ConsoleInviteUser($input: UserInput!) {
  createUser(input: $input) {
    id
    userName
  }
}
    `) as unknown as TypedDocumentString<ConsoleInviteUserMutation, ConsoleInviteUserMutationVariables>;
export const ConsoleResendInvitationDocument = new TypedDocumentString(`
    mutation ConsoleResendInvitation($userId: ID!) {
  resendInvitation(userId: $userId) {
    ...ConsoleInvitation
  }
}
    fragment ConsoleInvitation on Invitation {
  id
  userId
  userName
  email
  state
  createdAt
  expiresAt
  acceptedAt
  revokedAt
  message {
    status
    attempts
    lastError
    createdAt
    sentAt
    nextAttemptAt
  }
}`) as unknown as TypedDocumentString<ConsoleResendInvitationMutation, ConsoleResendInvitationMutationVariables>;
export const ConsoleRevokeInvitationDocument = new TypedDocumentString(`
    mutation ConsoleRevokeInvitation($id: ID!) {
  revokeInvitation(id: $id) {
    ...ConsoleInvitation
  }
}
    fragment ConsoleInvitation on Invitation {
  id
  userId
  userName
  email
  state
  createdAt
  expiresAt
  acceptedAt
  revokedAt
  message {
    status
    attempts
    lastError
    createdAt
    sentAt
    nextAttemptAt
  }
}`) as unknown as TypedDocumentString<ConsoleRevokeInvitationMutation, ConsoleRevokeInvitationMutationVariables>;
export const ConsoleAcceptInvitationDocument = new TypedDocumentString(`
    mutation ConsoleAcceptInvitation($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password) {
    companySlug
    userName
  }
}
    `) as unknown as TypedDocumentString<ConsoleAcceptInvitationMutation, ConsoleAcceptInvitationMutationVariables>;
export const ConsoleMyAccessDocument = new TypedDocumentString(`
    query ConsoleMyAccess($userId: ID!) {
  effectiveAccess(userId: $userId) {
    dataAccessRoles {
      role {
        id
        name
      }
      grants {
        kind
        membershipSource
        customerRole {
          displayName
        }
      }
    }
    appAccessRoles {
      role {
        id
        name
      }
      grants {
        kind
        membershipSource
        customerRole {
          displayName
        }
      }
    }
    permissions
  }
}
    `) as unknown as TypedDocumentString<ConsoleMyAccessQuery, ConsoleMyAccessQueryVariables>;
export const ConsoleProvisioningSummaryDocument = new TypedDocumentString(`
    query ConsoleProvisioningSummary($since: DateTimeISO) {
  provisioningSummary(since: $since) {
    since
    until
    totalRequests
    successCount
    failureCount
    countsByStatus {
      status
      count
    }
    lastSuccess {
      ...ConsoleProvisioningEvent
    }
    lastFailure {
      ...ConsoleProvisioningEvent
    }
    revokedCredentialRequests
    wrongSecretRequests
    usersCreatedWithoutNameCount
    usersCreatedWithoutName {
      id
      userName
    }
  }
}
    fragment ConsoleProvisioningEvent on ProvisioningEvent {
  id
  createdAt
  method
  path
  resourceType
  resourceId
  outcome
  status
  scimType
  detail
  durationMs
  normalizations
  credential {
    name
    clientId
    revokedAt
  }
}`) as unknown as TypedDocumentString<ConsoleProvisioningSummaryQuery, ConsoleProvisioningSummaryQueryVariables>;
export const ConsoleProvisioningEventsDocument = new TypedDocumentString(`
    query ConsoleProvisioningEvents($where: ProvisioningEventWhere, $page: PageInput) {
  provisioningEvents(where: $where, page: $page) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...ConsoleProvisioningEvent
    }
  }
}
    fragment ConsoleProvisioningEvent on ProvisioningEvent {
  id
  createdAt
  method
  path
  resourceType
  resourceId
  outcome
  status
  scimType
  detail
  durationMs
  normalizations
  credential {
    name
    clientId
    revokedAt
  }
}`) as unknown as TypedDocumentString<ConsoleProvisioningEventsQuery, ConsoleProvisioningEventsQueryVariables>;
export const ConsoleProvisioningEventDocument = new TypedDocumentString(`
    query ConsoleProvisioningEvent($id: ID!) {
  provisioningEvent(id: $id) {
    ...ConsoleProvisioningEvent
  }
}
    fragment ConsoleProvisioningEvent on ProvisioningEvent {
  id
  createdAt
  method
  path
  resourceType
  resourceId
  outcome
  status
  scimType
  detail
  durationMs
  normalizations
  credential {
    name
    clientId
    revokedAt
  }
}`) as unknown as TypedDocumentString<ConsoleProvisioningEventQuery, ConsoleProvisioningEventQueryVariables>;
export const ConsoleExportRoleMappingsDocument = new TypedDocumentString(`
    query ConsoleExportRoleMappings {
  exportRoleMappings
}
    `) as unknown as TypedDocumentString<ConsoleExportRoleMappingsQuery, ConsoleExportRoleMappingsQueryVariables>;
export const ConsoleImportRoleMappingsDocument = new TypedDocumentString(`
    mutation ConsoleImportRoleMappings($document: JSON!, $dryRun: Boolean!) {
  importRoleMappings(document: $document, dryRun: $dryRun) {
    dryRun
    applied
    unchangedCount
    createdCustomerRoles
    changes {
      customerRole
      mappedBefore
      mappedAfter
      dataAccessRolesBefore
      dataAccessRolesAfter
      appAccessRolesBefore
      appAccessRolesAfter
    }
    accessChanges {
      kind
      roleName
      gainedCount
      lostCount
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleImportRoleMappingsMutation, ConsoleImportRoleMappingsMutationVariables>;
export const ConsoleUploadUsersDocument = new TypedDocumentString(`
    mutation ConsoleUploadUsers($csv: String!, $dryRun: Boolean!) {
  uploadUsers(csv: $csv, dryRun: $dryRun) {
    dryRun
    applied
    created
    updated
    unchanged
    membershipsAdded
    membershipsRemoved
    createdCustomerRoles
    lines {
      line
      userName
      action
      customerRolesAdded
      customerRolesRemoved
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUploadUsersMutation, ConsoleUploadUsersMutationVariables>;
export const ConsoleClearUploadedCustomerRolesDocument = new TypedDocumentString(`
    mutation ConsoleClearUploadedCustomerRoles {
  clearUploadedCustomerRoles
}
    `) as unknown as TypedDocumentString<ConsoleClearUploadedCustomerRolesMutation, ConsoleClearUploadedCustomerRolesMutationVariables>;
export const ConsoleSamlServiceProviderDocument = new TypedDocumentString(`
    query ConsoleSamlServiceProvider {
  samlServiceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}
    `) as unknown as TypedDocumentString<ConsoleSamlServiceProviderQuery, ConsoleSamlServiceProviderQueryVariables>;
export const ConsoleCreateSamlConnectionDocument = new TypedDocumentString(`
    mutation ConsoleCreateSamlConnection($input: SamlConnectionInput!) {
  createSamlConnection(input: $input) {
    ...ConsoleSamlConnection
  }
}
    fragment ConsoleSamlConnection on SamlConnection {
  id
  name
  version
  idpMetadataUrl
  idpEntityId
  idpSsoUrl
  idpCertificates {
    subject
    notAfter
    sha256Fingerprint
  }
  wantAssertionsSigned
  wantResponseSigned
  emailAttribute
  givenNameAttribute
  familyNameAttribute
  groupsAttribute
  serviceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}`) as unknown as TypedDocumentString<ConsoleCreateSamlConnectionMutation, ConsoleCreateSamlConnectionMutationVariables>;
export const ConsoleUpdateSamlConnectionDocument = new TypedDocumentString(`
    mutation ConsoleUpdateSamlConnection($id: ID!, $input: SamlConnectionInput!, $expectedVersion: Int) {
  updateSamlConnection(id: $id, input: $input, expectedVersion: $expectedVersion) {
    ...ConsoleSamlConnection
  }
}
    fragment ConsoleSamlConnection on SamlConnection {
  id
  name
  version
  idpMetadataUrl
  idpEntityId
  idpSsoUrl
  idpCertificates {
    subject
    notAfter
    sha256Fingerprint
  }
  wantAssertionsSigned
  wantResponseSigned
  emailAttribute
  givenNameAttribute
  familyNameAttribute
  groupsAttribute
  serviceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}`) as unknown as TypedDocumentString<ConsoleUpdateSamlConnectionMutation, ConsoleUpdateSamlConnectionMutationVariables>;
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
export const ConsoleSsoSignInRouteDocument = new TypedDocumentString(`
    query ConsoleSsoSignInRoute($email: String!) {
  ssoSignInRoute(email: $email) {
    company
    signInUrl
  }
}
    `) as unknown as TypedDocumentString<ConsoleSsoSignInRouteQuery, ConsoleSsoSignInRouteQueryVariables>;
export const ConsoleSsoConnectionsDocument = new TypedDocumentString(`
    query ConsoleSsoConnections {
  ssoConnections {
    ...ConsoleSsoConnection
  }
  company {
    id
    slug
    ssoJitProvisioning
    ssoCreateUnknownGroups
  }
}
    fragment ConsoleSamlConnection on SamlConnection {
  id
  name
  version
  idpMetadataUrl
  idpEntityId
  idpSsoUrl
  idpCertificates {
    subject
    notAfter
    sha256Fingerprint
  }
  wantAssertionsSigned
  wantResponseSigned
  emailAttribute
  givenNameAttribute
  familyNameAttribute
  groupsAttribute
  serviceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}
fragment ConsoleSsoConnection on SsoConnection {
  id
  protocol
  name
  status
  testedAt
  version
  issuer
  clientId
  clientSecretSet
  scopes
  groupsClaim
  signInUrl
  testSignInUrl
  callbackUrl
  domains
  lastTestResult
  saml {
    ...ConsoleSamlConnection
  }
}`) as unknown as TypedDocumentString<ConsoleSsoConnectionsQuery, ConsoleSsoConnectionsQueryVariables>;
export const ConsoleCreateOidcConnectionDocument = new TypedDocumentString(`
    mutation ConsoleCreateOidcConnection($input: CreateOidcConnectionInput!) {
  createOidcConnection(input: $input) {
    ...ConsoleSsoConnection
  }
}
    fragment ConsoleSamlConnection on SamlConnection {
  id
  name
  version
  idpMetadataUrl
  idpEntityId
  idpSsoUrl
  idpCertificates {
    subject
    notAfter
    sha256Fingerprint
  }
  wantAssertionsSigned
  wantResponseSigned
  emailAttribute
  givenNameAttribute
  familyNameAttribute
  groupsAttribute
  serviceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}
fragment ConsoleSsoConnection on SsoConnection {
  id
  protocol
  name
  status
  testedAt
  version
  issuer
  clientId
  clientSecretSet
  scopes
  groupsClaim
  signInUrl
  testSignInUrl
  callbackUrl
  domains
  lastTestResult
  saml {
    ...ConsoleSamlConnection
  }
}`) as unknown as TypedDocumentString<ConsoleCreateOidcConnectionMutation, ConsoleCreateOidcConnectionMutationVariables>;
export const ConsoleUpdateOidcConnectionDocument = new TypedDocumentString(`
    mutation ConsoleUpdateOidcConnection($id: ID!, $input: UpdateOidcConnectionInput!, $expectedVersion: Int) {
  updateOidcConnection(id: $id, input: $input, expectedVersion: $expectedVersion) {
    ...ConsoleSsoConnection
  }
}
    fragment ConsoleSamlConnection on SamlConnection {
  id
  name
  version
  idpMetadataUrl
  idpEntityId
  idpSsoUrl
  idpCertificates {
    subject
    notAfter
    sha256Fingerprint
  }
  wantAssertionsSigned
  wantResponseSigned
  emailAttribute
  givenNameAttribute
  familyNameAttribute
  groupsAttribute
  serviceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}
fragment ConsoleSsoConnection on SsoConnection {
  id
  protocol
  name
  status
  testedAt
  version
  issuer
  clientId
  clientSecretSet
  scopes
  groupsClaim
  signInUrl
  testSignInUrl
  callbackUrl
  domains
  lastTestResult
  saml {
    ...ConsoleSamlConnection
  }
}`) as unknown as TypedDocumentString<ConsoleUpdateOidcConnectionMutation, ConsoleUpdateOidcConnectionMutationVariables>;
export const ConsoleDisableSsoConnectionDocument = new TypedDocumentString(`
    mutation ConsoleDisableSsoConnection($id: ID!) {
  disableSsoConnection(id: $id) {
    ...ConsoleSsoConnection
  }
}
    fragment ConsoleSamlConnection on SamlConnection {
  id
  name
  version
  idpMetadataUrl
  idpEntityId
  idpSsoUrl
  idpCertificates {
    subject
    notAfter
    sha256Fingerprint
  }
  wantAssertionsSigned
  wantResponseSigned
  emailAttribute
  givenNameAttribute
  familyNameAttribute
  groupsAttribute
  serviceProvider {
    entityId
    acsUrl
    metadataUrl
    signInUrl
  }
}
fragment ConsoleSsoConnection on SsoConnection {
  id
  protocol
  name
  status
  testedAt
  version
  issuer
  clientId
  clientSecretSet
  scopes
  groupsClaim
  signInUrl
  testSignInUrl
  callbackUrl
  domains
  lastTestResult
  saml {
    ...ConsoleSamlConnection
  }
}`) as unknown as TypedDocumentString<ConsoleDisableSsoConnectionMutation, ConsoleDisableSsoConnectionMutationVariables>;
export const ConsoleDeleteSsoConnectionDocument = new TypedDocumentString(`
    mutation ConsoleDeleteSsoConnection($id: ID!) {
  deleteSsoConnection(id: $id)
}
    `) as unknown as TypedDocumentString<ConsoleDeleteSsoConnectionMutation, ConsoleDeleteSsoConnectionMutationVariables>;
export const ConsoleClaimSsoDomainDocument = new TypedDocumentString(`
    mutation ConsoleClaimSsoDomain($connectionId: ID!, $domain: String!) {
  claimSsoDomain(connectionId: $connectionId, domain: $domain) {
    domain
  }
}
    `) as unknown as TypedDocumentString<ConsoleClaimSsoDomainMutation, ConsoleClaimSsoDomainMutationVariables>;
export const ConsoleReleaseSsoDomainDocument = new TypedDocumentString(`
    mutation ConsoleReleaseSsoDomain($domain: String!) {
  releaseSsoDomain(domain: $domain)
}
    `) as unknown as TypedDocumentString<ConsoleReleaseSsoDomainMutation, ConsoleReleaseSsoDomainMutationVariables>;
export const ConsoleSsoSettingsDocument = new TypedDocumentString(`
    mutation ConsoleSsoSettings($input: CompanySettingsInput!) {
  updateCompanySettings(input: $input) {
    id
    ssoJitProvisioning
    ssoCreateUnknownGroups
  }
}
    `) as unknown as TypedDocumentString<ConsoleSsoSettingsMutation, ConsoleSsoSettingsMutationVariables>;
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