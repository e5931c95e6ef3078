import { customUserSchema } from "../schemas/custom-user.schema.js";
import { enterpriseUserSchema } from "../schemas/enterprise-user.schema.js";
import { groupSchema } from "../schemas/group.schema.js";
import type { SchemaDefinition } from "../schemas/schema-definition.js";
import { userSchema } from "../schemas/user.schema.js";

export const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

const SCHEMAS_BY_RESOURCE_TYPE: Record<string, SchemaDefinition[]> = {
  User: [userSchema, enterpriseUserSchema, customUserSchema],
  Group: [groupSchema],
};

/** RFC 7643 §7: the schemas of the resource types served, with their attributes' characteristics. */
export function schemaResources(baseUrl: string, served: ReadonlySet<string>): Record<string, unknown>[] {
  return [...served].flatMap((type) => SCHEMAS_BY_RESOURCE_TYPE[type] ?? []).map((s) => ({
    schemas: [SCHEMA_SCHEMA],
    ...s,
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${s.id}` },
  }));
}
