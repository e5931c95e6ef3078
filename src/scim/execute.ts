import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { Principal } from "../auth/principal.js";
import { fromGraphQLError, type GraphQLErrorLike } from "./errors.js";

/**
 * What the facade tells the core about the request it serves, so a mutation can write the
 * ProvisioningEvent in its own transaction (DESIGN rule 6, STYLE §3.6). Structurally the domain's
 * ProvisioningDescriptor; declared here because src/scim may not import src/domain (STYLE §3.1).
 */
export interface ScimProvisioning {
  requestId: string;
  method: string;
  path: string;
  appPasswordId?: string;
  /** IdP dialect normalisations applied (entra-capitalised-op, sailpoint-bare-array…). */
  normalizations: string[];
  startedAt: number;
  /** The status the facade will answer with, when it differs from the operation's own (204 for a Group PATCH without attributes). */
  status?: number;
  /** Set by the core once it has recorded the event, so the HTTP layer does not record it again. */
  recorded?: boolean;
}

export interface ScimExecutionContext {
  principal: Principal;
  provisioning: ScimProvisioning;
  requestId: string;
}

export interface ExecutionOutcome<TData> {
  data?: TData | null;
  errors?: readonly GraphQLErrorLike[];
}

/**
 * Runs one typed operation against the executable schema, in process (STYLE §3.8). main.ts /
 * http/app.ts inject the implementation (src/graphql/execute-in-process.ts), so the facade
 * depends on neither src/graphql nor the ORM.
 */
export type GraphQLExecutor = <TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  context: ScimExecutionContext,
) => Promise<ExecutionOutcome<TData>>;

/** The executor bound to one SCIM request; a GraphQL error becomes the matching ScimError (STYLE §4). */
export class OperationRunner {
  constructor(
    private readonly executor: GraphQLExecutor,
    readonly context: ScimExecutionContext,
  ) {}

  async run<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    fieldNames?: Record<string, string>,
  ): Promise<TData> {
    const outcome = await this.executor(document, variables, this.context);
    const error = outcome.errors?.[0];
    if (error) throw fromGraphQLError(error, fieldNames);
    if (!outcome.data) throw fromGraphQLError({ message: "no data", extensions: { code: "INTERNAL" } });
    return outcome.data;
  }
}
