/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type ConsoleMeQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMeQuery = { me: { id: string, userName: string, displayName: string | null, isServiceAccount: boolean } };

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
export const ConsoleMeDocument = new TypedDocumentString(`
    query ConsoleMe {
  me {
    id
    userName
    displayName
    isServiceAccount
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeQuery, ConsoleMeQueryVariables>;