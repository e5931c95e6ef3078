import { CUSTOM_USER_SCHEMA } from "../schemas/custom-user.schema.js";
import { ENTERPRISE_USER_SCHEMA } from "../schemas/enterprise-user.schema.js";
import { GROUP_SCHEMA } from "../schemas/group.schema.js";
import { USER_SCHEMA } from "../schemas/user.schema.js";

export const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

/** RFC 7643 §6: the resource types served (only those with a handler). Groups are customer-supplied roles. */
export function resourceTypes(baseUrl: string, served: ReadonlySet<string>): Record<string, unknown>[] {
  const all = [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "User Account",
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA, required: false },
        { schema: CUSTOM_USER_SCHEMA, required: false },
      ],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Group: a customer-supplied role",
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
  return all.filter((r) => served.has(r.id));
}
