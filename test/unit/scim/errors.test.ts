import { describe, expect, it } from "vitest";
import { ERROR_SCHEMA, fromGraphQLError, ROLEBRIDGE_ERROR_SCHEMA, ScimError } from "../../../src/scim/errors.js";
import cases from "./errors.cases.json" with { type: "json" };

type Case = { code: string; reason?: string; field?: string; status: number; scimType?: string; detail?: string; header?: string };

describe.each(Object.entries(cases as Record<string, Case[]>))("%s", (_group, list) => {
  it.each(list.map((c) => [`${c.code}${c.reason ? `+${c.reason}` : ""} → ${c.status} ${c.scimType ?? ""}`, c] as const))("%s", (_name, c) => {
    const e = fromGraphQLError({ message: "something is wrong", extensions: { code: c.code, reason: c.reason, field: c.field } });
    expect(e.status).toBe(c.status);
    expect(e.scimType).toBe(c.scimType);
    if (c.detail) expect(e.detail).toContain(c.detail);
    if (c.header) expect(Object.keys(e.headers)).toContain(c.header);
  });
});

describe("RFC 7644 §3.12 error bodies", () => {
  it("carry the Error schema, status as a string, scimType, detail and the request id", () => {
    expect(ScimError.invalidFilter("bad").body("req-1")).toEqual({
      schemas: [ERROR_SCHEMA, ROLEBRIDGE_ERROR_SCHEMA],
      status: "400",
      scimType: "invalidFilter",
      detail: "bad",
      [ROLEBRIDGE_ERROR_SCHEMA]: { requestId: "req-1" },
    });
  });
  it("a scimType that does not go with the status is refused at construction, as SCIMMY does", () => {
    expect(() => new ScimError(404, "uniqueness", "x")).toThrow(TypeError);
    expect(() => new ScimError(409, "invalidValue", "x")).toThrow(TypeError);
    expect(() => new ScimError(418, undefined, "x")).toThrow(TypeError);
  });
  it("an internal error says nothing about its cause", () => {
    expect(fromGraphQLError({ message: "relation user_account does not exist", extensions: { code: "INTERNAL" } }).detail).not.toContain("user_account");
  });
});
