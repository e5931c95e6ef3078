import type { ResourceSchemas } from "../schemas/canonicalize.js";
import { customUserSchema } from "../schemas/custom-user.schema.js";
import { enterpriseUserSchema } from "../schemas/enterprise-user.schema.js";
import { userSchema } from "../schemas/user.schema.js";

/** The schemas of the User resource (RFC 7643 §4.1 and §4.3, plus the custom extension with personId). */
export const userSchemas: ResourceSchemas = {
  core: userSchema,
  extensions: [enterpriseUserSchema, customUserSchema],
  unqualified: {
    employeenumber: enterpriseUserSchema,
    costcenter: enterpriseUserSchema,
    organization: enterpriseUserSchema,
    division: enterpriseUserSchema,
    department: enterpriseUserSchema,
    manager: enterpriseUserSchema,
    personid: customUserSchema,
  },
  common: ["schemas", "id", "externalId", "meta"],
};
