import { describe, expect, it } from "vitest";
import { groupResourceType } from "../../../../src/scim/groups/group.resource-type.js";
import { groupPatchInput } from "../../../../src/scim/patch/group-member-ops.js";
import { normalizePatch } from "../../../../src/scim/messages/patch-op.js";
import cases from "./group-member-ops.cases.json" with { type: "json" };
import { expectThrownScimError } from "../expect-thrown-scim-error.js";

/** The group whose PATCH the cases describe (Okta repeats it in its rename value object). */
const GROUP_ID = "e9e30dba-f08f-4109-8486-d5c6a331660a";

type Case = { name: string; body: unknown; input?: unknown; error?: string; notes?: string[] };

describe.each(Object.entries(cases as Record<string, Case[]>))("SCIM PATCH of a group as one patchCustomerRole input: %s", (_group, list) => {
  it.each(list.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const notes = new Set<string>();
    const run = () => groupPatchInput(normalizePatch(c.body, groupResourceType, { notes }), GROUP_ID, notes);
    if (c.error) {
      expectThrownScimError(run, c.error);
    } else {
      expect(run()).toEqual(c.input);
      for (const note of c.notes ?? []) expect([...notes]).toContain(note);
    }
  });
});
