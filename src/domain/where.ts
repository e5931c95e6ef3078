import { DomainError } from "./errors.js";
import { isUuid } from "./uuid.js";

/**
 * The comparison tree shared by every list query: a recursive and/or/not tree of
 * typed attribute comparisons, with the operators of RFC 7644 §3.4.2.2. The SCIM facade builds it
 * from a filter string; GraphQL callers write it directly. `compileWhere` turns it into one
 * parameterised SQL condition, so filtering, paging and sorting all happen in PostgreSQL.
 */

export interface StringComparison {
  eq?: string | null;
  ne?: string | null;
  /** contains */
  co?: string | null;
  /** starts with */
  sw?: string | null;
  /** ends with */
  ew?: string | null;
  gt?: string | null;
  ge?: string | null;
  lt?: string | null;
  le?: string | null;
  /** present (true: has a non-empty value; false: has none) */
  pr?: boolean | null;
  /** Compare case-sensitively; default: the attribute's own caseExact (RFC 7643 §2.2). */
  caseExact?: boolean | null;
}

export interface BooleanComparison {
  eq?: boolean | null;
  ne?: boolean | null;
  pr?: boolean | null;
}

export interface DateTimeComparison {
  eq?: Date | null;
  ne?: Date | null;
  gt?: Date | null;
  ge?: Date | null;
  lt?: Date | null;
  le?: Date | null;
  pr?: boolean | null;
}

export interface IdComparison {
  eq?: string | null;
  ne?: string | null;
  pr?: boolean | null;
}

/** A node of the tree: its own comparisons (ANDed) plus optional and/or/not children. */
export type WhereNode<F> = F & {
  and?: WhereNode<F>[] | null;
  or?: WhereNode<F>[] | null;
  not?: WhereNode<F> | null;
};

/** How one field of a where-input maps to SQL. */
export type FieldSpec =
  | { kind: "string"; column: string; caseExact?: boolean }
  | { kind: "boolean"; column: string }
  | { kind: "datetime"; column: string }
  | { kind: "id"; column: string }
  /**
   * A multi-valued attribute stored in its own table (emails, members): the nested node is
   * matched against ONE row of it, as `emails[type eq "work" and value co "x"]` requires (RFC 7644 §3.4.2.2).
   */
  | { kind: "exists"; from: string; correlate: string; fields: FieldMap };

export type FieldMap = Record<string, FieldSpec>;

export interface CompiledWhere {
  sql: string;
  params: unknown[];
}

/** Bounds that keep a hostile filter from costing more than a bad request. */
const MAX_DEPTH = 32;
const MAX_COMPARISONS = 200;
const MAX_LITERAL_LENGTH = 4096;


/** Compiles a where-tree into SQL over the columns named in `fields` (which must be trusted SQL). */
export function compileWhere(node: WhereNode<Record<string, unknown>> | null | undefined, fields: FieldMap): CompiledWhere {
  const params: unknown[] = [];
  const budget = { comparisons: 0 };
  const sql = node ? compileNode(node, fields, params, 0, budget, "where") : "true";
  return { sql, params };
}

function compileNode(
  node: WhereNode<Record<string, unknown>>,
  fields: FieldMap,
  params: unknown[],
  depth: number,
  budget: { comparisons: number },
  path: string,
): string {
  if (depth > MAX_DEPTH) throw invalidFilter(path, `the filter is nested more than ${MAX_DEPTH} levels deep`);
  if (typeof node !== "object" || node === null || Array.isArray(node)) throw invalidFilter(path, "expected an object");
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || value === null) continue;
    const here = `${path}.${key}`;
    if (key === "and" || key === "or") {
      if (!Array.isArray(value)) throw invalidFilter(here, "expected a list");
      if (value.length === 0) continue;
      const children = value.map((child, i) => compileNode(child, fields, params, depth + 1, budget, `${here}[${i}]`));
      parts.push(`(${children.join(key === "and" ? " and " : " or ")})`);
    } else if (key === "not") {
      parts.push(`not coalesce(${compileNode(value as WhereNode<Record<string, unknown>>, fields, params, depth + 1, budget, here)}, false)`);
    } else {
      const spec = fields[key];
      if (!spec) throw invalidFilter(here, `unknown attribute ${key}`);
      if (spec.kind === "exists") {
        const inner = compileNode(value as WhereNode<Record<string, unknown>>, spec.fields, params, depth + 1, budget, here);
        parts.push(`exists (select 1 from ${spec.from} where ${spec.correlate} and ${inner})`);
      } else {
        parts.push(...compileComparison(spec, value as Record<string, unknown>, params, budget, here));
      }
    }
  }
  return parts.length === 0 ? "true" : parts.length === 1 ? parts[0]! : `(${parts.join(" and ")})`;
}

const STRING_OPS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "caseExact"] as const;
const ORDER_SQL: Record<string, string> = { gt: ">", ge: ">=", lt: "<", le: "<=" };

function compileComparison(
  spec: Exclude<FieldSpec, { kind: "exists" }>,
  comparison: Record<string, unknown>,
  params: unknown[],
  budget: { comparisons: number },
  path: string,
): string[] {
  if (typeof comparison !== "object" || comparison === null) throw invalidFilter(path, "expected a comparison object");
  const out: string[] = [];
  const col = spec.column;
  const caseExact = spec.kind === "string" ? (comparison.caseExact as boolean | null | undefined) ?? spec.caseExact ?? false : true;
  // RFC 7644 §3.4.2.2: caseExact false compares ignoring case; lower() on both sides uses the
  // lower(...) expression indexes (userName, email value, displayName).
  const fold = (sql: string) => (caseExact ? sql : `lower(${sql})`);
  for (const [op, raw] of Object.entries(comparison)) {
    if (raw === undefined || raw === null || op === "caseExact") continue;
    if (++budget.comparisons > MAX_COMPARISONS) throw invalidFilter(path, `the filter has more than ${MAX_COMPARISONS} comparisons`);
    if (op === "pr") {
      const present = spec.kind === "string" ? `(${col} is not null and ${col} <> '')` : `${col} is not null`;
      out.push(raw === true ? present : `not ${present}`);
      continue;
    }
    switch (spec.kind) {
      case "string": {
        if (!(STRING_OPS as readonly string[]).includes(op)) throw invalidFilter(path, `operator ${op} is not defined for strings`);
        const value = stringLiteral(raw, path);
        if (op === "eq") out.push(`${fold(col)} = ${fold(param(params, value))}`);
        else if (op === "ne") out.push(`${fold(col)} is distinct from ${fold(param(params, value))}`);
        else if (op === "co" || op === "sw" || op === "ew") {
          const pattern = `${op === "sw" ? "" : "%"}${escapeLike(value)}${op === "ew" ? "" : "%"}`;
          // lower(col) like lower(pattern) rather than ilike: a prefix (sw) can then seek a
          // lower(col) text_pattern_ops index, which no btree can do for ilike.
          out.push(`${fold(col)} like ${fold(param(params, pattern))}`);
        } else out.push(`${fold(col)} ${ORDER_SQL[op]} ${fold(param(params, value))}`);
        break;
      }
      case "boolean": {
        if (op !== "eq" && op !== "ne") throw invalidFilter(path, `operator ${op} is not defined for booleans`);
        if (typeof raw !== "boolean") throw invalidFilter(path, "expected true or false");
        out.push(op === "eq" ? `${col} = ${param(params, raw)}` : `${col} is distinct from ${param(params, raw)}`);
        break;
      }
      case "datetime": {
        if (op === "co" || op === "sw" || op === "ew") throw invalidFilter(path, `operator ${op} is not defined for dates`);
        const date = raw instanceof Date ? raw : new Date(String(raw));
        if (Number.isNaN(date.getTime())) throw invalidFilter(path, "expected an ISO 8601 date-time");
        const sqlOp = op === "eq" ? "=" : op === "ne" ? "<>" : ORDER_SQL[op];
        if (!sqlOp) throw invalidFilter(path, `unknown operator ${op}`);
        out.push(`${col} ${sqlOp} ${param(params, date.toISOString())}::timestamptz`);
        break;
      }
      case "id": {
        if (op !== "eq" && op !== "ne") throw invalidFilter(path, `operator ${op} is not defined for ids`);
        const value = stringLiteral(raw, path);
        // A value that is not a UUID names no resource: it matches nothing rather than failing the cast.
        if (!isUuid(value)) out.push(op === "eq" ? "false" : "true");
        else out.push(`${col} ${op === "eq" ? "=" : "<>"} ${param(params, value)}::uuid`);
        break;
      }
    }
  }
  return out;
}

function stringLiteral(raw: unknown, path: string): string {
  if (typeof raw !== "string") throw invalidFilter(path, "expected a string");
  if (raw.length > MAX_LITERAL_LENGTH) throw invalidFilter(path, `a literal is longer than ${MAX_LITERAL_LENGTH} characters`);
  // PostgreSQL text cannot hold NUL; such a literal can match nothing.
  return raw.replace(/\u0000/g, "");
}

function param(params: unknown[], value: unknown): string {
  params.push(value);
  return "?";
}

/** A literal as a LIKE pattern that matches only itself (backslash is PostgreSQL's default escape). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function invalidFilter(path: string, message: string): DomainError {
  return new DomainError("BAD_USER_INPUT", `invalid filter at ${path}: ${message}`, { field: path, reason: "INVALID_FILTER" });
}
