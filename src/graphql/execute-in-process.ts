import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { execute, getNamedType, type GraphQLInputType, isInputObjectType, isInputType, Kind, type NamedTypeNode, typeFromAST, validate, type DocumentNode, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { compileQuery, type CompiledQuery, isCompiledQuery } from "graphql-jit";
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

/** A facade document, validated and (where graphql-jit can) compiled once. */
type Prepared = { errors: readonly GraphQLError[] } | { query: CompiledQuery } | { document: DocumentNode };

/**
 * Runs typed operation documents against the executable schema inside the process: no HTTP hop
 * and no Apollo request pipeline. Each document is validated once, the first time it is run, and
 * compiled by graphql-jit into a function of its own (the facade's documents are module
 * constants, cached by identity): on a SCIM read graphql-js's generic execution of the ~45 fields
 * of a User cost about as much CPU as the statement that read it, the compiled one a third of that.
 * graphql-jit cannot compile variables of recursive input types (its variable parser inlines the
 * type until the stack overflows), so the list documents, whose `where` is such a tree, run on
 * graphql-js.
 * Errors go through the same formatError as /graphql, so callers see only `extensions.code`,
 * `field` and `reason`, never a stack or SQL.
 */
export function createInProcessExecutor(schema: GraphQLSchema, services: Services, log?: (err: unknown) => void) {
  const documents = new WeakMap<DocumentNode, Prepared>();
  const prepare = (document: DocumentNode): Prepared => {
    const errors = validate(schema, document);
    if (errors.length) return { errors };
    if (hasRecursiveInput(schema, document)) return { document };
    const compiled = compileQuery(schema, document);
    return isCompiledQuery(compiled) ? { query: compiled } : { document };
  };
  return async function executeInProcess<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    context: InProcessContext,
  ): Promise<InProcessResult<TData>> {
    let prepared = documents.get(document);
    if (!prepared) documents.set(document, (prepared = prepare(document)));
    if ("errors" in prepared) return { errors: prepared.errors.map((e) => formatError(e.toJSON(), e, log)) };
    const contextValue = createContext(services, context.principal, { requestId: context.requestId, provisioning: context.provisioning });
    const result =
      "query" in prepared
        ? await prepared.query.query(undefined, contextValue, variables)
        : await execute({ schema, document: prepared.document, variableValues: variables, contextValue });
    return {
      data: result.data as TData | null | undefined,
      ...(result.errors?.length ? { errors: result.errors.map((e) => formatError(e.toJSON(), e, log)) } : {}),
    };
  };
}

/** Whether a variable of the document has an input type that contains itself (a where-tree's and/or/not). */
function hasRecursiveInput(schema: GraphQLSchema, document: DocumentNode): boolean {
  const recursive = (type: GraphQLInputType, path: Set<string>): boolean => {
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return false;
    if (path.has(named.name)) return true;
    const next = new Set(path).add(named.name);
    return Object.values(named.getFields()).some((field) => recursive(field.type, next));
  };
  return document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (definition.variableDefinitions ?? []).some((variable) => {
        const type = typeFromAST(schema, variable.type as NamedTypeNode);
        return type !== undefined && isInputType(type) && recursive(type, new Set());
      }),
  );
}
