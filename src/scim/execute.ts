import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { Request } from "express";
import { fromGraphQLError, type GraphQLErrorLike } from "./errors.js";

/** The caller the authentication middleware put on the request; the facade only passes it on. */
export type RequestPrincipal = NonNullable<Request["principal"]>;

/**
 * What the facade tells the core about the request a mutation serves, so the change writes its
 * ProvisioningEvent in its own transaction: how the request arrived, and the status the facade
 * answers with when the change succeeds.
 */
export interface ScimProvisioning {
  requestId: string;
  method: string;
  path: string;
  appPasswordId?: string;
  /** IdP dialect normalisations applied (entra-capitalised-op, sailpoint-bare-array…). */
  normalizations: readonly string[];
  startedAt: number;
  status: number;
}

export interface ScimExecutionContext {
  principal: RequestPrincipal;
  requestId: string;
  /** Set for mutations only: reads record nothing in a transaction. */
  provisioning?: ScimProvisioning;
}

export interface ExecutionOutcome<TData> {
  data?: TData | null;
  errors?: readonly GraphQLErrorLike[];
}

/**
 * Runs one typed operation against the executable schema, in process. The composition root
 * injects the implementation (src/graphql/execute-in-process.ts), so the facade depends on neither
 * src/graphql nor the ORM.
 */
export type GraphQLExecutor = <TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  context: ScimExecutionContext,
) => Promise<ExecutionOutcome<TData>>;

/** How the request being served arrived, for the provisioning descriptor of its mutation. */
export interface ScimRequestInfo {
  requestId: string;
  method: string;
  path: string;
  startedAt: number;
  /** Normalisations of IdP dialects applied while reading the request, as they are noted. */
  normalizations: ReadonlySet<string>;
}

/**
 * The executor bound to one SCIM request; a GraphQL error becomes the matching ScimError (one
 * mapping, in errors.ts). Knows whether a mutation of this request committed, since a committed
 * change has written its ProvisioningEvent in its own transaction.
 */
export class OperationRunner {
  private committed = false;

  constructor(
    private readonly executor: GraphQLExecutor,
    private readonly principal: RequestPrincipal,
    private readonly request: ScimRequestInfo,
  ) {}

  /** Whether a mutation of this request succeeded (and so recorded the request in its transaction). */
  get changeCommitted(): boolean {
    return this.committed;
  }

  /** Runs a query. */
  async read<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
    return this.outcome(await this.executor(document, variables, { principal: this.principal, requestId: this.request.requestId }));
  }

  /**
   * Runs a mutation; `status` is what the facade answers with if it succeeds, recorded with the
   * change. `fieldNames` maps GraphQL input paths to SCIM attribute names for error details.
   */
  async change<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    options: { status: number; fieldNames?: Record<string, string> },
  ): Promise<TData> {
    const provisioning: ScimProvisioning = {
      requestId: this.request.requestId,
      method: this.request.method,
      path: this.request.path,
      appPasswordId: this.principal.credential.appPasswordId,
      normalizations: [...this.request.normalizations],
      startedAt: this.request.startedAt,
      status: options.status,
    };
    const data = this.outcome(await this.executor(document, variables, { principal: this.principal, requestId: this.request.requestId, provisioning }), options.fieldNames);
    this.committed = true;
    return data;
  }

  private outcome<TData>(outcome: ExecutionOutcome<TData>, fieldNames?: Record<string, string>): TData {
    const error = outcome.errors?.[0];
    if (error) throw fromGraphQLError(error, fieldNames);
    if (!outcome.data) throw fromGraphQLError({ message: "no data", extensions: { code: "INTERNAL" } });
    return outcome.data;
  }
}
