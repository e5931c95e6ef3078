import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GraphQLContext } from "./context.js";

/**
 * Limits that reject abusive documents before execution, via graphql-armor:
 * depth, aliases, tokens, directives and a cost budget. The numbers allow every query the UIs
 * and audit scripts make while keeping a single request's work bounded.
 */
export function armor() {
  const armored = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 30 },
    // graphql-armor's token limit throws from Apollo's parsingDidStart hook, which Apollo answers
    // with HTTP 500, and it parses first, so even a malformed document became a 500, though no
    // client input should give a 5xx. graphql-js enforces the same limit while parsing instead
    // (parseOptions below), and Apollo answers that as a parse failure: 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 20_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
    // "Did you mean …" hints are removed per caller instead (src/graphql/suggestions.ts): a developer
    // signed in to a development server keeps them.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { ...armored, parseOptions: { maxTokens: MAX_TOKENS } };
}

/** Lexical tokens a document may have; parsing stops at the first one beyond. */
export const MAX_TOKENS = 5_000;

/** In production, introspection is for authenticated callers only. */
export function introspectionForAuthenticatedOnly(production: boolean): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document }) {
          if (!production || contextValue.principal) return;
          const text = JSON.stringify(document);
          if (text.includes('"__schema"') || text.includes('"__type"')) {
            throw new GraphQLError("introspection requires authentication", { extensions: { code: "UNAUTHENTICATED", http: { status: 200 } } });
          }
        },
      };
    },
  };
}
