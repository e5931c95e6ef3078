import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { execute, validate, type DocumentNode, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { Principal } from "../domain/principal.js";
import type { ProvisioningDescriptor } from "../domain/scope.js";
import type { Services } from "../services.js";
import { createContext } from "./context.js";
import { formatError } from "./errors.js";

export interface InProcessContext {
  principal: Principal;
  provisioning?: ProvisioningDescriptor;
  requestId: string;
}

export interface InProcessResult<TData> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Runs typed operation documents against the executable schema inside the process (STYLE §3.8):
 * no HTTP hop and no Apollo request pipeline. Each document is validated once, the first time it
 * is run, and the result cached by document identity (the facade's documents are module constants).
 * Errors go through the same formatError as /graphql, so callers see only `extensions.code`,
 * `field` and `reason`, never a stack or SQL.
 */
export function createInProcessExecutor(schema: GraphQLSchema, services: Services, log?: (err: unknown) => void) {
  const validated = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  return async function executeInProcess<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    context: InProcessContext,
  ): Promise<InProcessResult<TData>> {
    let problems = validated.get(document);
    if (!problems) {
      problems = validate(schema, document);
      validated.set(document, problems);
    }
    if (problems.length) return { errors: problems.map((e) => formatError(e.toJSON(), e, log)) };
    const contextValue = createContext(services, context.principal, { requestId: context.requestId, provisioning: context.provisioning });
    const result = await execute({ schema, document, variableValues: variables, contextValue });
    return {
      data: result.data as TData | null | undefined,
      ...(result.errors?.length ? { errors: result.errors.map((e) => formatError(e.toJSON(), e, log)) } : {}),
    };
  };
}
