import { COMMON_ATTRIBUTES, type ResourceType } from "../schemas/resource-type.js";
import { groupSchema } from "../schemas/group.schema.js";

/** The Group resource type (RFC 7643 §4.2): a customer-supplied role; the core schema alone, no extensions. */
export const groupResourceType: ResourceType = {
  name: "Group",
  endpoint: "/Groups",
  description: "Group: a customer-supplied role",
  core: groupSchema,
  extensions: [],
  unqualified: {},
  common: COMMON_ATTRIBUTES,
};
