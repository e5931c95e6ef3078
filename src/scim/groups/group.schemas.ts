import type { ResourceSchemas } from "../schemas/canonicalize.js";
import { groupSchema } from "../schemas/group.schema.js";

/** The schemas of the Group resource (RFC 7643 §4.2): the core schema alone, no extensions. */
export const groupSchemas: ResourceSchemas = {
  core: groupSchema,
  extensions: [],
  unqualified: {},
  common: ["schemas", "id", "externalId", "meta"],
};
