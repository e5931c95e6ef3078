/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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
}
    `) as unknown as TypedDocumentString<ConsoleMeQuery, ConsoleMeQueryVariables>;