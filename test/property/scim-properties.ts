import fc from "fast-check";
import { expect } from "vitest";
import type { ScimResponse } from "../setup/scim-client.js";

/** RFC 7644 §3.12 Table 9: every scimType keyword the protocol defines. */
export const RFC_SCIM_TYPES = ["invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive"];

/**
 * What every answer to arbitrary input must be: never a 5xx, and, when it is an error, an RFC 7644
 * §3.12 error body (the Error schema, `status` as the HTTP status in a string, a `scimType` from the
 * RFC's list or none, a `detail` string) in the SCIM media type.
 */
export function expectNoServerErrorAndScimErrorShape(res: ScimResponse, input: unknown): void {
  const context = `${String(JSON.stringify(input)).slice(0, 500)} → ${res.status} ${String(JSON.stringify(res.body)).slice(0, 300)}`;
  expect(res.status, context).toBeLessThan(500);
  // 204 No Content (a Group PATCH, RFC 7644 §3.5.2) has no body to type.
  if (res.status === 204) return;
  expect(res.contentType, context).toMatch(/^application\/scim\+json/);
  if (res.status < 400) return;
  expect(res.body.schemas, context).toContain("urn:ietf:params:scim:api:messages:2.0:Error");
  expect(res.body.status, context).toBe(String(res.status));
  if (res.body.scimType !== undefined) expect(RFC_SCIM_TYPES, context).toContain(res.body.scimType);
  expect(typeof res.body.detail, context).toBe("string");
}

const USER_ATTRIBUTE_PATHS = [
  "userName",
  "USERNAME",
  "displayName",
  "name.givenName",
  "Name.FamilyName",
  "name",
  "emails",
  "emails.value",
  "emails.type",
  "emails.primary",
  "active",
  "externalId",
  "id",
  "meta.created",
  "meta.lastModified",
  "meta",
  "title",
  "groups",
  "roles",
  "phoneNumbers.value",
  "urn:ietf:params:scim:schemas:core:2.0:User:userName",
  "urn:ietf:params:scim:schemas:core:2.0:User:",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
  "urn:ietf:params:scim:schemas:extension:custom:2.0:User:personId",
  "urn:x:y",
  "__proto__",
  "constructor",
  "emails.__proto__",
  "toString",
  "x",
  "",
];

const OPERATORS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ", "Sw", "PR", "xx", "=", "in"];

/** Literals of every JSON kind and of none: quoted strings (with escapes), numbers, true/false/null, dates, broken quotes. */
const literal = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: "binary", maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.constantFrom("true", "false", "null", "True", "FALSE", "42", "-1.5e3", "1e400", '"2024-01-01T00:00:00Z"', '"not a date"', '"\\u0000"', '"\\""', '"\\', '"', "'single'", "[1]"),
  fc.integer().map(String),
);

const multiValued = fc.constantFrom("emails", "Emails", "groups", "name", "userName", "x", "members");

/** Filters built by the grammar of RFC 7644 §3.4.2.2, over valid and invalid attributes, operators and literals. */
export const grammarFilter: fc.Arbitrary<string> = fc.letrec<{ filter: string; comparison: string }>((tie) => ({
  comparison: fc
    .tuple(fc.constantFrom(...USER_ATTRIBUTE_PATHS), fc.constantFrom(...OPERATORS), literal)
    .map(([attr, op, value]) => (op.toLowerCase() === "pr" ? `${attr} ${op}` : `${attr} ${op} ${value}`)),
  filter: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    tie("comparison"),
    fc.tuple(multiValued, tie("filter")).map(([attr, inner]) => `${attr}[${inner}]`),
    tie("filter").map((f) => `(${f})`),
    tie("filter").map((f) => `not (${f})`),
    fc.tuple(tie("filter"), fc.constantFrom("and", "or", "AND", "Or"), tie("filter")).map(([a, op, b]) => `${a} ${op} ${b}`),
  ),
})).filter;

/** Raw junk, and grammar filters with characters deleted or inserted. */
export const anyFilter: fc.Arbitrary<string> = fc.oneof(
  grammarFilter,
  fc.string({ maxLength: 60 }),
  fc.string({ unit: fc.constantFrom("(", ")", "[", "]", '"', " ", "and", "or", "not", "eq", "pr", ".", ":", "\\", "userName", "emails", "'"), maxLength: 30 }),
  fc.tuple(grammarFilter, fc.nat(), fc.string({ maxLength: 3 })).map(([f, at, insert]) => {
    const i = f.length ? at % f.length : 0;
    return f.slice(0, i) + insert + f.slice(i + 1);
  }),
);
