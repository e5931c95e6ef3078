import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLContext } from "./context.js";

/**
 * graphql-js ends the error on a misspelt field, argument, type or enum value with
 * `Did you mean "…"?`, naming parts of the schema. A developer writing a query against their own
 * development server wants that hint; nobody else may have it, since the hints let an anonymous
 * caller map a schema whose introspection is closed to them. So the suggestions stay for
 * authenticated callers of a development server and are cut for anonymous callers and in
 * production.
 *
 * Apollo's own ApolloServerPluginDisableSuggestions (behind `hideSchemaDetailsFromClientErrors`)
 * cuts them from validation errors only, and graphql-armor's blockFieldSuggestion misses the
 * `Did you mean the enum value "…"?` form; a misspelt enum value in the variables is reported
 * after validation, in exactly that form. So the hint is cut here from every error, with
 * Apollo's pattern (graphql-js's didYouMean always ends the message with it).
 */
export function suggestionsForAuthenticatedDevelopers(development: boolean): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (development && contextValue.principal) return;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = error.message.replace(SUGGESTION, "");
        },
      };
    },
  };
}

const SUGGESTION = / ?Did you mean(.+?)\?$/;
