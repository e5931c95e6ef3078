import { describe, expect, it } from "vitest";
import { parseRoleMappingDocument } from "../../../src/domain/access-roles/role-mapping-document.js";
import { DomainError } from "../../../src/domain/errors.js";

const good = { format: "rolebridge.role-mappings", version: 1, exportedAt: "2026-01-01T00:00:00.000Z", mappings: [], unmappedCustomerRoles: [] };
const one = (m: Record<string, unknown>) => ({ ...good, mappings: [{ customerRole: "Sales", dataAccessRoles: [], appAccessRoles: [], ...m }] });

function refusal(document: unknown): { code: string; field?: string; message: string } {
  try {
    parseRoleMappingDocument(document);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, field: err.field, message: err.message };
    throw err;
  }
  throw new Error("the document was accepted");
}

describe("a role-mapping backup document is read", () => {
  it("as exported: names kept as spelt, a name listed twice ignoring case counts once", () => {
    const doc = parseRoleMappingDocument(one({ dataAccessRoles: ["EMEA", "emea", "APAC"], appAccessRoles: ["Agent"] }));
    expect(doc.mappings).toEqual([{ customerRole: "Sales", dataAccessRoles: ["emea", "APAC"], appAccessRoles: ["Agent"] }]);
  });

  it("with what is only for the reader left aside: an exportedAt that is not a string, unmappedCustomerRoles of any shape", () => {
    const doc = parseRoleMappingDocument({ ...good, exportedAt: 42, unmappedCustomerRoles: "Legacy", extra: true });
    expect(doc.exportedAt).toBe("");
    expect(doc.mappings).toEqual([]);
  });
});

describe("a malformed backup is BAD_USER_INPUT whose field is the JSON path of the problem", () => {
  const cases: [string, unknown, string, RegExp][] = [
    ["not an object", [good], "document", /JSON object/],
    ["null", null, "document", /JSON object/],
    ["no version", { ...good, version: undefined }, "document.version", /version undefined is not supported/],
    ["a mapping that is not an object", { ...good, mappings: ["Sales"] }, "document.mappings[0]", /must be an object/],
    ["a customer role that is not a string", one({ customerRole: 7 }), "document.mappings[0].customerRole", /non-empty name/],
    ["a blank customer role", one({ customerRole: "  " }), "document.mappings[0].customerRole", /non-empty name/],
    ["a name of 257 characters", one({ appAccessRoles: ["x".repeat(257)] }), "document.mappings[0].appAccessRoles[0]", /at most 256 characters/],
    ["a NUL in a name", one({ dataAccessRoles: ["EMEA", "a\u0000b"] }), "document.mappings[0].dataAccessRoles[1]", /NUL/],
    ["1,001 roles in one list", one({ dataAccessRoles: Array.from({ length: 1001 }, (_, i) => `r${i}`) }), "document.mappings[0].dataAccessRoles", /at most 1000 roles/],
    [
      "10,001 mappings",
      { ...good, mappings: Array.from({ length: 10_001 }, (_, i) => ({ customerRole: `c${i}`, dataAccessRoles: [], appAccessRoles: [] })) },
      "document.mappings",
      /at most 10000 mappings/,
    ],
    [
      "a role mapped twice before a later entry's bad name",
      {
        ...good,
        mappings: ["Sales", "sales", ""].map((customerRole) => ({ customerRole, dataAccessRoles: [], appAccessRoles: [] })),
      },
      "document.mappings[1].customerRole",
      /"sales" is mapped twice \(also at document.mappings\[0\]\)/,
    ],
  ];
  it.each(cases)("%s", (_name, document, field, message) => {
    const e = refusal(document);
    expect(e.code).toBe("BAD_USER_INPUT");
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });
});
