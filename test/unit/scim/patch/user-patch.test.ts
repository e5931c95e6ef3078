import { describe, expect, it } from "vitest";
import type { ScimUserFragment } from "../../../../src/scim/generated/graphql.js";
import { normalizePatch } from "../../../../src/scim/messages/patch-op.js";
import { applyUserPatch } from "../../../../src/scim/patch/user-patch.js";
import { diffInput, toScimUser } from "../../../../src/scim/users/user.mapper.js";
import { userResourceType } from "../../../../src/scim/users/user.resource-type.js";
import { barbara } from "../user-fixture.js";
import cases from "./user-patch.cases.json" with { type: "json" };
import { expectThrownScimError } from "../expect-thrown-scim-error.js";

type Case = { name: string; body: unknown; before?: Partial<ScimUserFragment>; input?: unknown; error?: string; notes?: string[] };

describe.each(Object.entries(cases as Record<string, Case[]>))("SCIM PATCH of a user: %s", (_group, list) => {
  it.each(list.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const before = toScimUser(barbara(c.before), "https://rb.example/scim/v2");
    const notes = new Set<string>();
    const run = () => diffInput(before, applyUserPatch(before, normalizePatch(c.body, userResourceType, { notes })));
    if (c.error) {
      expectThrownScimError(run, c.error);
    } else {
      expect(run()).toEqual(c.input);
      for (const note of c.notes ?? []) expect([...notes]).toContain(note);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
