import { describe, expect, it } from "vitest";
import { planBulk, resolveData, resolveText } from "../../../../src/scim/bulk/bulk-ids.js";
import { parseBulkRequest } from "../../../../src/scim/messages/bulk-request.js";
import cases from "./bulk-ids.cases.json" with { type: "json" };

const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

type Case = { name: string; operations: unknown[]; order: number[]; circular: number[]; references: string[][] };

describe.each(Object.entries(cases as Record<string, Case[]>))("the order a BulkRequest's operations run in: %s", (_group, list) => {
  it.each(list.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const { operations } = parseBulkRequest({ schemas: [BULK_REQUEST], Operations: c.operations }, ["/Users", "/Groups"]);
    const plan = planBulk(operations);
    expect(plan.order).toEqual(c.order);
    expect([...plan.circular].sort()).toEqual(c.circular);
    expect(plan.references).toEqual(c.references);
  });
});

describe("resolving bulkId references (RFC 7644 §3.7.2)", () => {
  const ids = new Map([
    ["qwerty", "2819c223-7f76-453a-919d-413861904646"],
    ["ytrewq", "902c246b-6245-4190-8e05-00816be7344a"],
  ]);

  it("replaces whole-string references anywhere in the data, and quoted ones in filters; leaves everything else as sent", () => {
    const data = {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "bulkId is only a word here",
      members: [{ value: "bulkId:qwerty", type: "User" }, { value: "bulkId:unknown" }],
      Operations: [{ op: "remove", path: 'members[value eq "bulkId:ytrewq"]' }],
      nested: [[["bulkId:ytrewq"]]],
      count: 3,
      none: null,
    };
    expect(resolveData(data, ids)).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "bulkId is only a word here",
      members: [{ value: "2819c223-7f76-453a-919d-413861904646", type: "User" }, { value: "bulkId:unknown" }],
      Operations: [{ op: "remove", path: 'members[value eq "902c246b-6245-4190-8e05-00816be7344a"]' }],
      nested: [[["902c246b-6245-4190-8e05-00816be7344a"]]],
      count: 3,
      none: null,
    });
    expect(data.members[0]!.value).toBe("bulkId:qwerty");
  });

  it("copies a key named __proto__ as a plain own property, as JSON.parse made it", () => {
    const data = JSON.parse('{"__proto__": {"polluted": "bulkId:qwerty"}, "a": 1}');
    const resolved = resolveData(data, ids) as Record<string, unknown>;
    expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(resolved, "__proto__")?.value).toEqual({ polluted: "2819c223-7f76-453a-919d-413861904646" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("walks data nested deeper than the call stack", () => {
    const deep = JSON.parse("[".repeat(100_000) + '"bulkId:qwerty"' + "]".repeat(100_000));
    const { operations } = parseBulkRequest({ schemas: [BULK_REQUEST], Operations: [{ method: "POST", path: "/Groups", data: deep }] }, ["/Groups"]);
    expect(planBulk(operations).references).toEqual([["qwerty"]]);
    let inner: unknown = resolveData(deep, ids);
    for (let i = 0; i < 100_000; i++) inner = (inner as unknown[])[0];
    expect(inner).toBe("2819c223-7f76-453a-919d-413861904646");
  });

  it("walks a list of half a million values", () => {
    const wide = { members: Array.from({ length: 500_000 }, () => ({ value: "bulkId:qwerty" })) };
    const { operations } = parseBulkRequest({ schemas: [BULK_REQUEST], Operations: [{ method: "POST", path: "/Groups", data: wide }] }, ["/Groups"]);
    expect(planBulk(operations).references).toEqual([["qwerty"]]);
    const resolved = resolveData(wide, ids) as typeof wide;
    expect(resolved.members[499_999]!.value).toBe("2819c223-7f76-453a-919d-413861904646");
  });

  it("resolves a text only when it is a reference", () => {
    expect(resolveText("bulkId:qwerty", ids)).toBe("2819c223-7f76-453a-919d-413861904646");
    expect(resolveText("xbulkId:qwerty", ids)).toBe("xbulkId:qwerty");
  });
});
