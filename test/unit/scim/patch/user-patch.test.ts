import { describe, expect, it } from "vitest";
import { ScimError } from "../../../../src/scim/errors.js";
import type { ScimUserFragment } from "../../../../src/scim/generated/graphql.js";
import { normalizePatch } from "../../../../src/scim/patch/normalize.js";
import { applyUserPatch } from "../../../../src/scim/patch/user-patch.js";
import { diffInput, toScimUser } from "../../../../src/scim/users/user.mapper.js";
import { userSchemas } from "../../../../src/scim/users/user.schemas.js";
import cases from "./user-patch.cases.json" with { type: "json" };

type Case = { name: string; body: unknown; before?: Partial<ScimUserFragment>; input?: unknown; error?: string; notes?: string[] };

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
    personId: null,
    extensionAttributes: {},
    version: 3,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-02T00:00:00.000Z",
    name: { formatted: null, familyName: "Jensen", givenName: "Barbara", middleName: null, honorificPrefix: null, honorificSuffix: null },
    emails: [{ value: "barbara@example.com", type: "work", primary: true, display: null }],
    enterprise: { employeeNumber: null, costCenter: null, organization: null, division: null, department: "Tours", managerId: "26118915-6090-4610-87e4-49d8ca9f808d", managerDisplayName: "John Smith" },
    ...overrides,
  };
}

describe.each(Object.entries(cases as Record<string, Case[]>))("SCIM PATCH of a user: %s", (_group, list) => {
  it.each(list.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const before = toScimUser(barbara(c.before), "https://rb.example/scim/v2");
    const notes = new Set<string>();
    const run = () => diffInput(before, applyUserPatch(before, normalizePatch(c.body, userSchemas, { notes })));
    if (c.error) {
      let caught: unknown;
      try {
        run();
      } catch (err) {
        caught = err;
      }
      expect(caught, "expected a SCIM error").toBeInstanceOf(ScimError);
      expect((caught as ScimError).scimType).toBe(c.error);
      expect((caught as ScimError).status).toBe(400);
    } else {
      expect(run()).toEqual(c.input);
      for (const note of c.notes ?? []) expect([...notes]).toContain(note);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
