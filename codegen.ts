/**
 * Types the GraphQL operations of the SCIM facade (schema/operations/*.graphql) and of the admin
 * console (admin/src/operations/*.graphql) against the emitted schema (schema/schema.graphql).
 * Output is checked in; `npm run codegen` regenerates it and
 * test/architecture/generated-code.test.ts fails when it is stale.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

export const SCIM_GENERATED_FILE = "src/scim/generated/graphql.ts";
export const ADMIN_GENERATED_FILE = "admin/src/generated/graphql.ts";

const operationTypes = {
  onlyOperationTypes: true,
  enumsAsTypes: true,
  useTypeImports: true,
  avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
  scalars: { DateTimeISO: "string", JSONObject: "Record<string, unknown>", ID: "string" },
  dedupeFragments: true,
};

const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  silent: true,
  generates: {
    [SCIM_GENERATED_FILE]: {
      documents: ["schema/operations/*.graphql"],
      plugins: ["typescript-operations", "typed-document-node"],
      config: operationTypes,
    },
    // The console sends documents as strings over fetch: no graphql-js parser in the browser bundle.
    [ADMIN_GENERATED_FILE]: {
      documents: ["admin/src/operations/*.graphql"],
      plugins: ["typescript-operations", "typed-document-node"],
      config: { ...operationTypes, documentMode: "string" },
    },
  },
};

export default config;
