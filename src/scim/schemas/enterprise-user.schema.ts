import { attribute, type SchemaDefinition } from "./schema-definition.js";

export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** The enterprise User extension (RFC 7643 §4.3, representation §8.7.1). */
export const enterpriseUserSchema: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    attribute("employeeNumber", "Numeric or alphanumeric identifier assigned to a person by the organization."),
    attribute("costCenter", "Identifies the name of a cost center."),
    attribute("organization", "Identifies the name of an organization."),
    attribute("division", "Identifies the name of a division."),
    attribute("department", "Identifies the name of a department."),
    attribute("manager", "The User's manager. Entra may send the manager's id as a plain string.", {
      type: "complex",
      subAttributes: [
        attribute("value", "The id of the SCIM resource representing the User's manager."),
        attribute("$ref", "The URI of the SCIM resource representing the User's manager.", {
          type: "reference",
          referenceTypes: ["User"],
        }),
        attribute("displayName", "The displayName of the User's manager.", { mutability: "readOnly" }),
      ],
    }),
  ],
};
