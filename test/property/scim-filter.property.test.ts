import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, type ScimTenant } from "../setup/scim-client.js";
import { startTestApp, type TestApp } from "../setup/server.js";
import { anyFilter, expectNoServerErrorAndScimErrorShape } from "./scim-properties.js";

/**
 * Issue 7 §7, filters: arbitrary filter strings never produce a 5xx and every error is an RFC 7644
 * §3.12 body; and random valid filters over ~50 seeded users select exactly the users that
 * evaluating the filter in this file selects, with the caseExact rules of RFC 7643 (userName,
 * displayName, name and emails ignore case; externalId does not, §3.1).
 */
let app: TestApp;
let t: ScimTenant;

interface Seeded {
  id: string;
  userName: string;
  displayName?: string;
  givenName?: string;
  emails: { value: string; type: string }[];
  active: boolean;
  externalId?: string;
}
const seeded: Seeded[] = [];
/** Whether the database orders strings by code point (C collation), as JavaScript's < does. */
let codePointCollation = true;

// Small alphabets, so generated literals hit values, prefixes and suffixes often. Letters and
// digits only in ordered comparisons' values: their order is the same under every collation.
const NAMES = ["ann", "Ann", "bob", "BOB", "cat", "Dan", "anna", "bo"];
const DISPLAY = ["Alpha", "alpha", "beta", "GAMMA", "Alphabet", "delta"];
const GIVEN = ["Ann", "ann", "Bo", "Cy", "ANNE"];
const LOCALS = ["ann", "Bob", "x", "annx"];
const DOMAINS = ["a.example", "B.example", "c.example"];
const EXTERNAL = ["Ext1", "ext1", "EXT2", "x9", "Ext10"];

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  const [{ collate }] = await app.orm.em.fork().getConnection().execute("select datcollate as collate from pg_database where datname = current_database()");
  codePointCollation = /^(C|POSIX|C\.UTF-?8)$/i.test(collate);
  // A fixed pseudo-random seed data set: reproducible, varied, with missing values and case variants.
  const rand = mulberry32(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  for (let i = 0; i < 50; i++) {
    const user: Omit<Seeded, "id"> = {
      userName: `${pick(NAMES)}${i}`,
      displayName: rand() < 0.8 ? `${pick(DISPLAY)}${i % 7}` : undefined,
      givenName: rand() < 0.7 ? pick(GIVEN) : undefined,
      emails: Array.from({ length: Math.floor(rand() * 3) }, (_, k) => ({ value: `${pick(LOCALS)}${i}${k}@${pick(DOMAINS)}`, type: k === 0 ? "work" : "home" })),
      active: rand() < 0.6,
      externalId: rand() < 0.7 ? `${pick(EXTERNAL)}${i % 5}` : undefined,
    };
    const res = await t.client.post("/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: user.userName,
      ...(user.displayName ? { displayName: user.displayName } : {}),
      ...(user.givenName ? { name: { givenName: user.givenName } } : {}),
      emails: user.emails.map((e, k) => ({ ...e, primary: k === 0 })),
      active: user.active,
      ...(user.externalId ? { externalId: user.externalId } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    seeded.push({ ...user, id: res.body.id });
  }
});
afterAll(async () => app?.close());

describe("arbitrary filters", () => {
  it("never give a 5xx over GET or POST .search, and every error is a SCIM error body", async () => {
    await fc.assert(
      fc.asyncProperty(anyFilter, fc.boolean(), async (filter, search) => {
        const res = search
          ? await t.client.post("/Users/.search", { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter, count: 5 })
          : await t.client.get(`/Users?count=5&filter=${percentEncode(filter)}`);
        expectNoServerErrorAndScimErrorShape(res, filter);
        if (res.status >= 400) expect(res.status, filter).toBe(400);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});

// ---- valid filters over the seeded attributes, and their meaning evaluated here ----

type Node =
  | { kind: "cmp"; attr: Attr; op: string; value: string | boolean | null }
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; inner: Node }
  | { kind: "emails"; inner: EmailNode };
type EmailNode = { kind: "cmp"; attr: "value" | "type"; op: string; value: string } | { kind: "and" | "or"; left: EmailNode; right: EmailNode } | { kind: "not"; inner: EmailNode };
type Attr = "userName" | "displayName" | "name.givenName" | "emails.value" | "emails" | "active" | "externalId";

const STRING_OPS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"];
const allValues = [...NAMES, ...DISPLAY, ...GIVEN, ...LOCALS, ...DOMAINS, ...EXTERNAL, "0", "1", "2", "1@", "@a", ".example", "nobody"];
/** Literals drawn from the data (whole values, pieces, case variants) and a few random ones. */
const stringLiteral = fc.oneof(
  fc.constantFrom(...allValues),
  fc.tuple(fc.constantFrom(...allValues), fc.nat(), fc.nat()).map(([v, a, b]) => v.slice(Math.min(a, b) % (v.length + 1), Math.max(a, b) % (v.length + 1) || undefined)),
  fc.tuple(fc.constantFrom(...allValues), fc.nat(49)).map(([v, i]) => `${v}${i}`),
  fc.string({ unit: fc.constantFrom("a", "n", "B", "o", "1", "x", "e"), minLength: 1, maxLength: 4 }),
);
const caseVariant = (s: string, mode: number) => (mode === 0 ? s : mode === 1 ? s.toUpperCase() : s.toLowerCase());

const cmp: fc.Arbitrary<Node> = fc.oneof(
  fc
    .tuple(fc.constantFrom<Attr>("userName", "displayName", "name.givenName", "emails.value", "emails", "externalId"), fc.constantFrom(...STRING_OPS), stringLiteral, fc.nat(2))
    .map(([attr, op, value, mode]) => ({ kind: "cmp" as const, attr, op, value: op === "pr" ? null : caseVariant(value, mode) })),
  fc.tuple(fc.constantFrom("eq", "ne", "pr"), fc.boolean()).map(([op, value]) => ({ kind: "cmp" as const, attr: "active" as const, op, value: op === "pr" ? null : value })),
);
const emailCmp: fc.Arbitrary<EmailNode> = fc.oneof(
  fc.tuple(fc.constantFrom(...STRING_OPS), stringLiteral).map(([op, value]) => ({ kind: "cmp" as const, attr: "value" as const, op, value })),
  fc.tuple(fc.constantFrom("eq", "ne"), fc.constantFrom("work", "home", "WORK")).map(([op, value]) => ({ kind: "cmp" as const, attr: "type" as const, op, value })),
);
const emailNode: fc.Arbitrary<EmailNode> = fc.oneof(
  emailCmp,
  fc.tuple(fc.constantFrom("and" as const, "or" as const), emailCmp, emailCmp).map(([kind, left, right]) => ({ kind, left, right })),
  emailCmp.map((inner) => ({ kind: "not" as const, inner })),
);
const validFilter: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    cmp,
    emailNode.map((inner) => ({ kind: "emails" as const, inner })),
    tie("node").map((inner) => ({ kind: "not" as const, inner })),
    fc.tuple(fc.constantFrom("and" as const, "or" as const), tie("node"), tie("node")).map(([kind, left, right]) => ({ kind, left, right })),
  ),
})).node;

/** The filter as a client writes it, with attribute names and operators in random case (RFC 7644 §3.4.2.2: both are case-insensitive). */
function render(node: Node | EmailNode, shout: boolean): string {
  const name = (s: string) => (shout ? s.toUpperCase() : s);
  switch (node.kind) {
    case "cmp":
      return node.op === "pr" ? `${name(node.attr)} ${name(node.op)}` : `${name(node.attr)} ${name(node.op)} ${JSON.stringify(node.value)}`;
    case "and":
    case "or":
      return `(${render(node.left, shout)}) ${node.kind} (${render(node.right, !shout)})`;
    case "not":
      return `not (${render(node.inner, shout)})`;
    case "emails":
      return `${name("emails")}[${render(node.inner, shout)}]`;
  }
}

/** RFC 7643 §2.2 caseExact: case-insensitive attributes compare lower-cased; externalId (§3.1) exactly. */
function compareString(actual: string | undefined, op: string, literal: string, caseExact: boolean): boolean {
  if (op === "pr") return actual !== undefined && actual !== "";
  const a = actual === undefined ? undefined : caseExact ? actual : actual.toLowerCase();
  const b = caseExact ? literal : literal.toLowerCase();
  // `ne` is "not identical": an unassigned attribute is not identical to any value.
  if (op === "ne") return a !== b;
  if (a === undefined) return false;
  switch (op) {
    case "eq":
      return a === b;
    case "co":
      return a.includes(b);
    case "sw":
      return a.startsWith(b);
    case "ew":
      return a.endsWith(b);
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
  }
  throw new Error(`operator ${op}`);
}

function evaluateEmail(node: EmailNode, email: { value: string; type: string }): boolean {
  switch (node.kind) {
    case "cmp":
      return compareString(email[node.attr], node.op, node.value, false);
    case "and":
      return evaluateEmail(node.left, email) && evaluateEmail(node.right, email);
    case "or":
      return evaluateEmail(node.left, email) || evaluateEmail(node.right, email);
    case "not":
      return !evaluateEmail(node.inner, email);
  }
}

function evaluate(node: Node, u: Seeded): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, u) && evaluate(node.right, u);
    case "or":
      return evaluate(node.left, u) || evaluate(node.right, u);
    case "not":
      return !evaluate(node.inner, u);
    // A value filter matches when ONE email satisfies all of it (RFC 7644 §3.4.2.2).
    case "emails":
      return u.emails.some((e) => evaluateEmail(node.inner, e));
    case "cmp": {
      const { attr, op, value } = node;
      if (attr === "active") return op === "pr" ? true : op === "eq" ? u.active === value : u.active !== value;
      // A multi-valued attribute matches when any of its values does (RFC 7644 §3.4.2.2).
      if (attr === "emails" || attr === "emails.value") return u.emails.some((e) => compareString(e.value, op, value as string, false));
      const actual = attr === "userName" ? u.userName : attr === "displayName" ? u.displayName : attr === "name.givenName" ? u.givenName : u.externalId;
      return compareString(actual, op, (value ?? "") as string, attr === "externalId");
    }
  }
}

describe("valid filters", () => {
  it("select the same users as evaluating the filter over the seeded data", async () => {
    const seededIds = new Set(seeded.map((u) => u.id));
    let runs = 0;
    let selective = 0;
    await fc.assert(
      fc.asyncProperty(validFilter, fc.boolean(), async (node, shout) => {
        // Under a linguistic collation (en_US…) '@', '.' and letter case order differently from
        // code points: there only case-folded letters-and-digits attributes are compared by order.
        fc.pre(codePointCollation || !hasLinguisticOrdering(node));
        const filter = render(node, shout);
        const res = await t.client.get(`/Users?count=1000&attributes=id&filter=${encodeURIComponent(filter)}`);
        expect(res.status, `${filter}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
        const got = (res.body.Resources as { id: string }[]).map((r) => r.id).filter((id) => seededIds.has(id)).sort();
        const expected = seeded.filter((u) => evaluate(node, u)).map((u) => u.id).sort();
        expect(got, filter).toEqual(expected);
        runs++;
        if (expected.length > 0 && expected.length < seeded.length) selective++;
      }),
      { numRuns: 200 },
    );
    // The generator is worth something only if many filters select some users but not all.
    expect(selective).toBeGreaterThan(runs / 3);
  }, 120_000);
});

const ORDERED = ["gt", "ge", "lt", "le"];
function hasLinguisticOrdering(node: Node | EmailNode): boolean {
  switch (node.kind) {
    case "cmp":
      return ORDERED.includes(node.op) && ["externalId", "emails", "emails.value", "value"].includes(node.attr);
    case "and":
    case "or":
      return hasLinguisticOrdering(node.left) || hasLinguisticOrdering(node.right);
    case "not":
    case "emails":
      return hasLinguisticOrdering(node.inner);
  }
}

/** Every UTF-8 byte percent-encoded (encodeURIComponent throws on a lone surrogate; the bytes carry U+FFFD then). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
}

/** A small seeded PRNG, so the data set is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
