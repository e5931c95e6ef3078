import type { GraphQLError, GraphQLFormattedError } from "graphql";
import { DomainError } from "../domain/errors.js";
import { isDatabaseUnavailable, isSerializationFailure } from "../db/database-errors.js";

/**
 * The one mapping from DomainError to GraphQL errors: `extensions.code` plus `field`
 * and `reason`. Anything else becomes INTERNAL with a generic message: no stack, no SQL.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log?: (err: unknown) => void): GraphQLFormattedError {
  const original = unwrap(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...(original.reason ? { reason: original.reason } : {}),
      },
    };
  }
  if (isDatabaseUnavailable(original)) {
    return { message: "the database is unavailable; retry shortly", path: formatted.path, extensions: { code: "SERVICE_UNAVAILABLE" } };
  }
  // Serialization failures and deadlocks are retried inside the unit of work; one that outlasts
  // its bounded retries is contention the client should retry, not an internal error.
  if (isSerializationFailure(original)) {
    return { message: "too many concurrent changes of the same data; retry shortly", path: formatted.path, extensions: { code: "SERVICE_UNAVAILABLE" } };
  }
  const code = formatted.extensions?.code;
  // Errors graphql-js itself raises for a bad document or bad variables are the client's to fix.
  if (!original || (typeof code === "string" && CLIENT_ERROR_CODES.has(code))) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: code ?? "BAD_USER_INPUT" } };
  }
  if (isGraphQLError(original)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: code ?? "BAD_USER_INPUT" } };
  }
  log?.(original);
  return { message: "internal error", path: formatted.path, extensions: { code: "INTERNAL" } };
}

/**
 * Codes Apollo gives requests the client must fix: a bad document or variables, and a bad HTTP
 * request (a GET without a query, a non-string query, several operations and no operationName).
 */
const CLIENT_ERROR_CODES = new Set([
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

// Duck-typed rather than instanceof: graphql ships CommonJS and ESM builds, and a GraphQLError
// made by one is not an instance of the other's class (the dual-package hazard).
function isGraphQLError(e: unknown): e is GraphQLError {
  return typeof e === "object" && e !== null && (e as Error).name === "GraphQLError";
}

function unwrap(error: unknown): unknown {
  let e = error;
  while (isGraphQLError(e) && e.originalError) e = e.originalError;
  return e;
}
