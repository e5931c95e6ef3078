import { attribute, type SchemaDefinition } from "./schema-definition.js";

export const CUSTOM_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

/**
 * The custom User extension that carries `personId`, used for contextual security
 * (One Model's SCIM guide has IdP admins add it under this URN).
 * Admins report that some IdPs change the case of `personId`; it is matched ignoring case.
 */
export const customUserSchema: SchemaDefinition = {
  id: CUSTOM_USER_SCHEMA,
  name: "CustomUser",
  description: "rolebridge custom User attributes",
  attributes: [attribute("personId", "The person's identifier in the customer's HR data, used for contextual security.")],
};
