import { COMMON_ATTRIBUTES, type ResourceType } from "../schemas/resource-type.js";
import { customUserSchema } from "../schemas/custom-user.schema.js";
import { enterpriseUserSchema } from "../schemas/enterprise-user.schema.js";
import { userSchema } from "../schemas/user.schema.js";

/** The User resource type (RFC 7643 §4.1 and §4.3, plus the custom extension with personId). */
export const userResourceType: ResourceType = {
  name: "User",
  endpoint: "/Users",
  description: "User Account",
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
  common: COMMON_ATTRIBUTES,
};
