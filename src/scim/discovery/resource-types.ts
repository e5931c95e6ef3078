import { groupResourceType } from "../groups/group.resource-type.js";
import type { ResourceType } from "../schemas/resource-type.js";
import { userResourceType } from "../users/user.resource-type.js";

export const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

const ALL: readonly ResourceType[] = [userResourceType, groupResourceType];

/** RFC 7643 §6: the resource types served (only those with a handler). Groups are customer-supplied roles. */
export function resourceTypes(baseUrl: string, served: ReadonlySet<string>): Record<string, unknown>[] {
  return ALL.filter((type) => served.has(type.name)).map((type) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.core.id,
    schemaExtensions: type.extensions.map((extension) => ({ schema: extension.id, required: false })),
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${type.name}` },
  }));
}
