import { describe, expect, it } from "vitest";
import { DomainError } from "../../../src/domain/errors.js";
import { USER_FIELDS } from "../../../src/domain/users/user.where.js";
import { compileWhere, type FieldMap } from "../../../src/domain/where.js";

const where = (node: Record<string, unknown> | null | undefined, fields: FieldMap = USER_FIELDS) => compileWhere(node, fields);

function refusal(node: Record<string, unknown>): { message: string; field?: string; reason?: string } {
  try {
    where(node);
  } catch (err) {
    if (err instanceof DomainError) return { message: err.message, field: err.field, reason: err.reason };
    throw err;
  }
  throw new Error(`${JSON.stringify(node)} compiled`);
}

describe("compileWhere: empty trees match every row", () => {
  it.each([
    ["no tree", undefined],
    ["null", null],
    ["an empty object", {}],
    ["empty and/or lists", { and: [], or: [] }],
    ["comparisons that are all null", { userName: null, active: { eq: null } }],
  ])("%s → true", (_name, node) => {
    expect(where(node as Record<string, unknown>)).toEqual({ sql: "true", params: [] });
  });
});

describe("compileWhere: strings (RFC 7644 §3.4.2.2)", () => {
  it("userName eq compares ignoring case on both sides, which the lower() index serves (RFC 7643 §4.1.1 caseExact false)", () => {
    expect(where({ userName: { eq: "Bjensen@Example.com" } })).toEqual({ sql: "lower(u.user_name) = lower(?)", params: ["Bjensen@Example.com"] });
  });

  it("externalId eq compares exactly (caseExact true, RFC 7643 §3.1)", () => {
    expect(where({ externalId: { eq: "Ab1" } })).toEqual({ sql: "u.external_id = ?", params: ["Ab1"] });
  });

  it("caseExact in the comparison overrides the attribute's own", () => {
    expect(where({ userName: { eq: "Ann", caseExact: true } }).sql).toBe("u.user_name = ?");
    expect(where({ externalId: { eq: "Ann", caseExact: false } }).sql).toBe("lower(u.external_id) = lower(?)");
  });

  it("co, sw and ew become LIKE patterns on lower() of both sides (a prefix can seek a text_pattern_ops index), whose %, _ and \\ are literal", () => {
    expect(where({ userName: { co: "50%_off\\" } })).toEqual({ sql: "lower(u.user_name) like lower(?)", params: ["%50\\%\\_off\\\\%"] });
    expect(where({ userName: { sw: "ann" } }).params).toEqual(["ann%"]);
    expect(where({ userName: { ew: "@a.example" } }).params).toEqual(["%@a.example"]);
    expect(where({ externalId: { sw: "X" } }).sql).toBe("u.external_id like ?");
  });

  it("ne keeps rows whose value is null (is distinct from), gt/ge/lt/le order ignoring case", () => {
    expect(where({ title: { ne: "CEO" } }).sql).toBe("lower(u.title) is distinct from lower(?)");
    expect(where({ familyName: { ge: "M", lt: "N" } })).toEqual({ sql: "(lower(u.family_name) >= lower(?) and lower(u.family_name) < lower(?))", params: ["M", "N"] });
  });

  it("pr means a non-empty value; pr false its absence", () => {
    expect(where({ title: { pr: true } }).sql).toBe("(u.title is not null and u.title <> '')");
    expect(where({ title: { pr: false } }).sql).toBe("not (u.title is not null and u.title <> '')");
  });

  it("a NUL in a literal is dropped, since PostgreSQL text cannot hold it", () => {
    expect(where({ userName: { eq: "a\u0000b" } }).params).toEqual(["ab"]);
  });
});

describe("compileWhere: booleans, date-times and ids", () => {
  it("active eq/ne are parameters, never SQL text", () => {
    expect(where({ active: { eq: false } })).toEqual({ sql: "u.active = ?", params: [false] });
    expect(where({ active: { ne: true } })).toEqual({ sql: "u.active is distinct from ?", params: [true] });
  });

  it("a date-time is normalised to ISO 8601 UTC and cast to timestamptz", () => {
    expect(where({ updatedAt: { gt: "2011-05-13T04:42:34+02:00" } })).toEqual({ sql: "u.updated_at > ?::timestamptz", params: ["2011-05-13T02:42:34.000Z"] });
    expect(where({ createdAt: { eq: new Date("2024-01-01T00:00:00Z"), ne: new Date("2024-01-02T00:00:00Z") } }).sql).toBe(
      "(u.created_at = ?::timestamptz and u.created_at <> ?::timestamptz)",
    );
  });

  it("an id that is not a UUID matches nothing (eq) or everything (ne) instead of failing the cast", () => {
    expect(where({ id: { eq: "not-a-uuid" } })).toEqual({ sql: "false", params: [] });
    expect(where({ id: { ne: "not-a-uuid" } })).toEqual({ sql: "true", params: [] });
    expect(where({ id: { eq: "2819c223-7f76-453a-919d-413861904646" } })).toEqual({ sql: "u.id = ?::uuid", params: ["2819c223-7f76-453a-919d-413861904646"] });
  });
});

describe("compileWhere: and/or/not trees", () => {
  it("comparisons of one node are ANDed, in the order written, with parameters in the same order", () => {
    expect(where({ userName: { sw: "a" }, active: { eq: true } })).toEqual({ sql: "(lower(u.user_name) like lower(?) and u.active = ?)", params: ["a%", true] });
  });

  it("or of ands, and not, nest with parentheses so precedence is the tree's", () => {
    const compiled = where({
      or: [{ and: [{ userName: { eq: "a" } }, { active: { eq: true } }] }, { not: { title: { pr: true } } }],
    });
    expect(compiled.sql).toBe("((lower(u.user_name) = lower(?) and u.active = ?) or not coalesce((u.title is not null and u.title <> ''), false))");
    expect(compiled.params).toEqual(["a", true]);
  });

  it("not treats an unknown (null) comparison as false, so not(title eq x) keeps users without a title", () => {
    expect(where({ not: { title: { eq: "x" } } }).sql).toBe("not coalesce(lower(u.title) = lower(?), false)");
  });

  it("a multi-valued attribute is matched against ONE of its rows: emails[type eq \"work\" and value co \"@x\"]", () => {
    expect(where({ emails: { type: { eq: "work" }, value: { co: "@x" } } })).toEqual({
      sql: "exists (select 1 from user_email e where e.user_id = u.id and (lower(e.type) = lower(?) and lower(e.value) like lower(?)))",
      params: ["work", "%@x%"],
    });
  });

  it("an and-list inside an exists keeps its own parentheses", () => {
    expect(where({ emails: { or: [{ primary: { eq: true } }, { type: { eq: "work" } }] } }).sql).toBe(
      "exists (select 1 from user_email e where e.user_id = u.id and (e.primary = ? or lower(e.type) = lower(?)))",
    );
  });
});

describe("compileWhere: refusals are BAD_USER_INPUT / INVALID_FILTER naming where in the tree", () => {
  it.each([
    [{ shoeSize: { eq: "44" } }, "invalid filter at where.shoeSize: unknown attribute shoeSize", "where.shoeSize"],
    [{ or: [{ active: { co: "t" } }] }, "invalid filter at where.or[0].active: operator co is not defined for booleans", "where.or[0].active"],
    [{ active: { eq: "true" } }, "invalid filter at where.active: expected true or false", "where.active"],
    [{ userName: { eq: 5 } }, "invalid filter at where.userName: expected a string", "where.userName"],
    [{ updatedAt: { gt: "yesterday" } }, "invalid filter at where.updatedAt: expected an ISO 8601 date-time", "where.updatedAt"],
    [{ updatedAt: { sw: "2024" } }, "invalid filter at where.updatedAt: operator sw is not defined for dates", "where.updatedAt"],
    [{ id: { gt: "x" } }, "invalid filter at where.id: operator gt is not defined for ids", "where.id"],
    [{ and: { userName: { eq: "a" } } }, "invalid filter at where.and: expected a list", "where.and"],
    [{ emails: { shoe: { eq: "x" } } }, "invalid filter at where.emails.shoe: unknown attribute shoe", "where.emails.shoe"],
    [{ userName: { eq: "x".repeat(4097) } }, "invalid filter at where.userName: a literal is longer than 4096 characters", "where.userName"],
  ])("%j", (node, message, field) => {
    expect(refusal(node as Record<string, unknown>)).toEqual({ message, field, reason: "INVALID_FILTER" });
  });

  it("a tree nested more than 32 levels deep", () => {
    let node: Record<string, unknown> = { active: { eq: true } };
    for (let i = 0; i < 33; i++) node = { not: node };
    expect(refusal(node).message).toMatch(/nested more than 32 levels deep$/);
    let ok: Record<string, unknown> = { active: { eq: true } };
    for (let i = 0; i < 32; i++) ok = { not: ok };
    expect(where(ok).params).toEqual([true]);
  });

  it("more than 200 comparisons in the whole tree", () => {
    const or = Array.from({ length: 201 }, (_, i) => ({ userName: { eq: `u${i}` } }));
    expect(refusal({ or }).message).toBe("invalid filter at where.or[200].userName: the filter has more than 200 comparisons");
    expect(where({ or: or.slice(0, 200) }).params).toHaveLength(200);
  });
});
