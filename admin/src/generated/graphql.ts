/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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