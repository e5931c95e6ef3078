import { attribute, type SchemaDefinition } from "./schema-definition.js";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

/**
 * The core User schema (RFC 7643 §4.1, representation §8.7.1) as far as rolebridge models it,
 * with the common attribute externalId (RFC 7643 §3.1), which strict validators look for here.
 * Other core attributes an IdP sends (phoneNumbers, addresses…) are kept as sent and returned,
 * but not described, so clients are not told they can be filtered on.
 */
export const userSchema: SchemaDefinition = {
  id: USER_SCHEMA,
  name: "User",
  description: "User Account",
  attributes: [
    attribute("userName", "Unique identifier for the User, typically the work email; unique per company ignoring case.", {
      required: true,
      uniqueness: "server",
    }),
    attribute("externalId", "The IdP's own identifier of the User (RFC 7643 §3.1).", { caseExact: true }),
    attribute("name", "The components of the user's real name.", {
      type: "complex",
      subAttributes: [
        attribute("formatted", "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display."),
        attribute("familyName", "The family name of the User, or last name."),
        attribute("givenName", "The given name of the User, or first name."),
        attribute("middleName", "The middle name(s) of the User."),
        attribute("honorificPrefix", "The honorific prefix(es) of the User, such as 'Ms.'."),
        attribute("honorificSuffix", "The honorific suffix(es) of the User, such as 'III'."),
      ],
    }),
    attribute("displayName", "The name of the User, suitable for display to end-users."),
    attribute("nickName", "The casual way to address the user."),
    attribute("title", "The user's title, such as 'Vice President'."),
    attribute("userType", "The relationship between the organization and the user, such as 'Employee' or 'Contractor'."),
    attribute("preferredLanguage", "The User's preferred written or spoken language (RFC 7231 language tag)."),
    attribute("locale", "The User's default location for localizing items such as currency and dates, such as 'en-US'."),
    attribute("timezone", "The User's time zone in the 'Olson' time zone database format, such as 'America/Los_Angeles'."),
    attribute("active", "Whether the user may sign in. DELETE sets it false when the company keeps deprovisioned users.", {
      type: "boolean",
    }),
    attribute("password", "The User's cleartext password, checked against the company's password policy. Never returned.", {
      mutability: "writeOnly",
      returned: "never",
    }),
    attribute("emails", "Email addresses for the user. The work email (type 'work') is the primary communication email.", {
      type: "complex",
      multiValued: true,
      subAttributes: [
        attribute("value", "Email address for the User."),
        attribute("display", "A human-readable name, primarily used for display purposes."),
        attribute("type", "A label indicating the attribute's function, such as 'work' or 'home'.", {
          canonicalValues: ["work", "home", "other"],
        }),
        attribute("primary", "Whether this is the preferred address. At most one address is primary.", { type: "boolean" }),
      ],
    }),
    attribute(
      "groups",
      "The SCIM Groups the User is a member of, as the Groups' members list it; memberships an admin or an upload made in rolebridge are not listed.",
      {
        type: "complex",
        multiValued: true,
        mutability: "readOnly",
        subAttributes: [
          attribute("value", "The id of the Group.", { mutability: "readOnly" }),
          attribute("$ref", "The URI of the Group.", { type: "reference", mutability: "readOnly", referenceTypes: ["Group"] }),
          attribute("display", "The Group's displayName.", { mutability: "readOnly" }),
          attribute("type", "How the User is a member: always 'direct' (groups do not nest).", { mutability: "readOnly", canonicalValues: ["direct"] }),
        ],
      },
    ),
    attribute(
      "roles",
      "Customer-supplied roles named by the IdP in this attribute, each by its displayName (created when missing); a Group of the same name is the same role.",
      {
        type: "complex",
        multiValued: true,
        subAttributes: [attribute("value", "The role's displayName; matched ignoring case.")],
      },
    ),
  ],
};
