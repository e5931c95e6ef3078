import { describe, expect, it } from "vitest";
import { ScimError } from "../../../../src/scim/errors.js";
import { userFilterMap } from "../../../../src/scim/filter/attribute-map.js";
import { parseFilter } from "../../../../src/scim/filter/parse.js";
import { filterToWhere } from "../../../../src/scim/filter/to-where.js";
import cases from "./to-where.cases.json" with { type: "json" };

type Case = { name: string; filter: string; expected?: unknown; error?: { scimType: string; detail: string } };

describe.each(Object.entries(cases as Record<string, Case[]>))("SCIM filter → UserWhere: %s", (_group, list) => {
  it.each(list.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const run = () => filterToWhere(parseFilter(c.filter), userFilterMap);
    if (c.error) {
      let caught: unknown;
      try {
        run();
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ScimError);
      const e = caught as ScimError;
      expect(e.status).toBe(400);
      expect(e.scimType).toBe(c.error.scimType);
      expect(e.detail).toContain(c.error.detail);
    } else {
      expect(run()).toEqual(c.expected);
    }
  });
});

describe("SCIM filter hostile input", () => {
  it("a filter longer than the limit is invalidFilter, not a hang", () => {
    expect(() => parseFilter(`userName eq "${"a".repeat(10_000)}"`)).toThrow(/longer than/);
  });
});
