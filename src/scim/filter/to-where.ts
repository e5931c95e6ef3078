import { ScimError } from "../errors.js";
import { attributeKey, own, type FilterTarget, type FilterValueType, type ResourceFilterMap } from "./attribute-map.js";
import type { Filter } from "./parse.js";

/** A GraphQL where-input node (UserWhere, UserEmailWhere…): comparisons plus and/or/not. */
export type WhereInput = { [field: string]: unknown; and?: WhereInput[]; or?: WhereInput[]; not?: WhereInput };

const OPERATORS_BY_TYPE: Record<FilterValueType, readonly string[]> = {
  string: ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"],
  boolean: ["eq", "ne"],
  dateTime: ["eq", "ne", "gt", "ge", "lt", "le"],
  id: ["eq", "ne"],
  presence: [],
};

/**
 * Walks a parsed filter into the GraphQL where-input, so filtering happens in SQL, as Zitadel's
 * `filter_query_builder.go` walks its AST into SQL: nested and/or are flattened, and each failure
 * has its own invalidFilter detail (unknown attribute, operator not defined for the type, wrong
 * literal type).
 */
export function filterToWhere(filter: Filter, map: ResourceFilterMap): WhereInput {
  return visit(filter, map.attributes, map, undefined);
}

function visit(f: Filter, attributes: Record<string, FilterTarget>, map: ResourceFilterMap, parent: string | undefined): WhereInput {
  switch (f.op) {
    case "and":
    case "or": {
      const op = f.op;
      const children = (f as { filters: Filter[] }).filters.flatMap((child) => {
        const where = visit(child, attributes, map, parent);
        // (a and b) and c → and: [a, b, c]
        const keys = Object.keys(where);
        return keys.length === 1 && keys[0] === op ? (where[op] as WhereInput[]) : [where];
      });
      return { [op]: children };
    }
    case "not":
      return { not: visit((f as { filter: Filter }).filter, attributes, map, parent) };
    case "[]": {
      const { attrPath, valFilter } = f as { attrPath: string; valFilter: Filter };
      if (parent) throw ScimError.invalidFilter(`value filters cannot be nested: ${parent}[…${attrPath}[…]]`);
      const target = resolve(attrPath, attributes, map);
      if (target.kind !== "multi") throw ScimError.invalidFilter(`${attrPath} is not a multi-valued attribute, so it takes no [value filter]`);
      return { [target.field]: ownedRows(target, visit(valFilter, target.attributes, map, attrPath)) };
    }
    default: {
      const { attrPath, op } = f as { attrPath: string; op: string };
      const compValue = (f as { compValue?: unknown }).compValue;
      const key = attributeKey(map, attrPath);
      // `emails.value co "x"` and `emails co "x"` match one email row, like emails[value co "x"].
      if (!parent && key !== undefined) {
        const dot = key.indexOf(".");
        const head = dot < 0 ? key : key.slice(0, dot);
        const multi = own(attributes, head);
        if (multi?.kind === "multi") {
          const sub = dot < 0 ? multi.defaultSubAttribute : key.slice(dot + 1);
          const subTarget = own(multi.attributes, sub);
          if (!subTarget || subTarget.kind !== "scalar") throw unknownAttribute(attrPath);
          return { [multi.field]: ownedRows(multi, comparison(subTarget, op, compValue, attrPath)) };
        }
      }
      const target = resolve(attrPath, attributes, map);
      if (target.kind !== "scalar") {
        const sub = target.attributes[target.defaultSubAttribute] as Extract<FilterTarget, { kind: "scalar" }>;
        return { [target.field]: ownedRows(target, comparison(sub, op, compValue, attrPath)) };
      }
      return comparison(target, op, compValue, attrPath);
    }
  }
}

/** The row condition, narrowed to the rows the attribute lists (`rowScope`), in the same EXISTS. */
function ownedRows(target: Extract<FilterTarget, { kind: "multi" }>, where: WhereInput): WhereInput {
  return target.rowScope ? { and: [where, target.rowScope] } : where;
}

function resolve(attrPath: string, attributes: Record<string, FilterTarget>, map: ResourceFilterMap): FilterTarget {
  const key = attributeKey(map, attrPath);
  const target = key === undefined ? undefined : own(attributes, key);
  if (!target) throw unknownAttribute(attrPath);
  return target;
}

function unknownAttribute(attrPath: string): ScimError {
  return ScimError.invalidFilter(`unknown attribute '${attrPath}' in filter`);
}

function comparison(target: Extract<FilterTarget, { kind: "scalar" }>, op: string, compValue: unknown, attrPath: string): WhereInput {
  if (op === "pr") return { [target.field]: { pr: true } };
  if (target.type === "presence" && op !== "pr") throw ScimError.invalidFilter(`${attrPath} can only be tested for presence (${attrPath} pr)`);
  if (!OPERATORS_BY_TYPE[target.type].includes(op)) {
    throw ScimError.invalidFilter(`operator '${op}' is not defined for ${attrPath}, which is a ${target.type} attribute`);
  }
  // `attr eq null` asks for an unassigned attribute (RFC 7643 §2.5: null is equivalent to unassigned).
  if (compValue === null) {
    if (op === "eq") return { [target.field]: { pr: false } };
    if (op === "ne") return { [target.field]: { pr: true } };
    throw ScimError.invalidFilter(`operator '${op}' cannot compare ${attrPath} with null`);
  }
  return { [target.field]: { [op]: literal(target.type, compValue, attrPath) } };
}

function literal(type: FilterValueType, value: unknown, attrPath: string): unknown {
  switch (type) {
    case "string":
    case "id":
      if (typeof value !== "string") throw ScimError.invalidFilter(`${attrPath} is a string attribute; quote the value: "${String(value)}"`);
      return value;
    case "boolean":
      if (typeof value === "boolean") return value;
      // Entra sends booleans as "True"/"False" strings in PATCH and sometimes in filters.
      if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      throw ScimError.invalidFilter(`${attrPath} is a boolean attribute; compare it with true or false`);
    case "dateTime": {
      if (typeof value !== "string" || Number.isNaN(Date.parse(value))) {
        throw ScimError.invalidFilter(`${attrPath} is a dateTime attribute; compare it with an xsd:dateTime such as "2024-01-31T12:00:00Z"`);
      }
      return new Date(value).toISOString();
    }
  }
}
