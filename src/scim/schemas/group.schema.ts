import { attribute, type SchemaDefinition } from "./schema-definition.js";

export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

/** The core Group schema (RFC 7643 §4.2): a customer-supplied role and its members. */
export const groupSchema: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: "Group",
  description: "Group: a customer-supplied role",
  attributes: [
    // RFC 7643 §3.1 common attribute, listed because strict validators look for it in the schema.
    attribute("externalId", "The IdP's own identifier of the Group.", { caseExact: true }),
    attribute("displayName", "A human-readable name for the Group; unique per company ignoring case.", {
      required: true,
      uniqueness: "server",
    }),
    attribute(
      "members",
      "The users the IdP made members of the Group; memberships an admin made in rolebridge are not listed and SCIM never changes them. " +
        "Returned whole up to 100,000 members (a larger group is 400 tooMany: send excludedAttributes=members). " +
        "PATCH never reads the list and answers 204 unless attributes or excludedAttributes asks for the Group.",
      {
        type: "complex",
        multiValued: true,
        subAttributes: [
          attribute("value", "Identifier of the member of this Group.", { mutability: "immutable" }),
          attribute("$ref", "The URI corresponding to a SCIM resource that is a member of this Group.", {
            type: "reference",
            mutability: "immutable",
            referenceTypes: ["User"],
          }),
          attribute("display", "The member's display name.", { mutability: "readOnly" }),
          attribute("type", "The type of the member.", { mutability: "immutable", canonicalValues: ["User"] }),
        ],
      },
    ),
  ],
};
