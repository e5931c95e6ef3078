/** Builds the one executable GraphQL schema (type-graphql) that /graphql and the SCIM facade both run. */
import "reflect-metadata";
import "./enums.js";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth-checker.js";
import { resolvers } from "./resolvers.js";
import { DateTimeScalar } from "./scalars.js";

export async function buildRolebridgeSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: "error",
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    emitSchemaFile: false,
  });
}

/** The SDL checked in at schema/schema.graphql (sorted, so it diffs cleanly). */
export function printRolebridgeSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
