import type { ScimUserFragment } from "../../../src/scim/generated/graphql.js";

/** The GraphQL User of RFC 7643 §8.2's Barbara Jensen, as the facade's ScimUser fragment returns it. */
export function barbara(overrides: Partial<ScimUserFragment> = {}): ScimUserFragment {
  return {
    id: "2819c223-7f76-453a-919d-413861904646",
    userName: "bjensen@example.com",
    externalId: "bjensen",
    displayName: "Babs",
    nickName: null,
    title: "Tour Guide",
    userType: "Employee",
    preferredLanguage: null,
    locale: "en-US",
    timezone: null,
    active: true,
    isServiceAccount: false,
    personId: null,
    extensionAttributes: {},
    version: 3,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-02T00:00:00.000Z",
    name: { formatted: null, familyName: "Jensen", givenName: "Barbara", middleName: null, honorificPrefix: null, honorificSuffix: null },
    emails: [{ value: "barbara@example.com", type: "work", primary: true, display: null }],
    customerRoles: [],
    enterprise: { employeeNumber: null, costCenter: null, organization: null, division: null, department: "Tours", managerId: "26118915-6090-4610-87e4-49d8ca9f808d", managerDisplayName: "John Smith" },
    ...overrides,
  };
}
