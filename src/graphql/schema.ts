/** Builds the one executable GraphQL schema (type-graphql) that /graphql and the SCIM facade both run. */
import "reflect-metadata";
import "./enums.js";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth-checker.js";
import { resolvers } from "./resolvers.js";
import { DateTimeScalar } from "./scalars.js";

export async function buildRolebridgeSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: "error",
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    emitSchemaFile: false,
  });
  // type-graphql gives the root types no description; the schema is the API's documentation.
  const query = schema.getQueryType();
  if (query) query.description = "Reads. Every query runs as the caller and sees only the caller's company.";
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = "Changes. Each mutation is one transaction that also writes its audit or provisioning record.";
  return schema;
}

/** The SDL checked in at schema/schema.graphql (sorted, so it diffs cleanly). */
export function printRolebridgeSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
