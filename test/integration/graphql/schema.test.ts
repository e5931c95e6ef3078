import { readFile } from "node:fs/promises";
import { type GraphQLNamedType, isInputObjectType, isIntrospectionType, isObjectType, isEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { buildRolebridgeSchema, printRolebridgeSchema } from "../../../src/graphql/schema.js";

describe("schema/schema.graphql", () => {
  it("is the schema the code builds (run `npm run schema:emit` after changing types)", async () => {
    const schema = await buildRolebridgeSchema();
    const checkedIn = await readFile("schema/schema.graphql", "utf8");
    expect(checkedIn).toBe(printRolebridgeSchema(schema));
  });

  it("describes every type, field, argument and enum value", async () => {
    const schema = await buildRolebridgeSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
      if (isIntrospectionType(type) || type.name.startsWith("__")) continue;
      if (["String", "Boolean", "Int", "Float", "ID"].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) {
            if (!arg.description && !["id", "input", "expectedVersion", "page", "where", "orderBy"].includes(arg.name)) {
              missing.push(`${type.name}.${field.name}(${arg.name})`);
            }
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
