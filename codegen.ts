/**
 * Types the SCIM facade's GraphQL operations (schema/operations/*.graphql) against the emitted
 * schema (schema/schema.graphql). Output is checked in; `npm run codegen` regenerates it and
 * test/architecture/generated-code.test.ts fails when it is stale (DESIGN: generated files).
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

export const SCIM_GENERATED_FILE = "src/scim/generated/graphql.ts";

const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["schema/operations/*.graphql"],
  silent: true,
  generates: {
    [SCIM_GENERATED_FILE]: {
      plugins: [
        "typescript-operations",
        "typed-document-node",
      ],
      config: {
        onlyOperationTypes: true,
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { DateTimeISO: "string", JSONObject: "Record<string, unknown>", ID: "string" },
        dedupeFragments: true,
      },
    },
  },
};

export default config;
