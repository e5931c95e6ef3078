import { stringify, type Filter } from "scim2-parse-filter";
import { ScimError } from "../errors.js";
import { parseFilter } from "../filter/parse.js";
import { canonicalPath, coerceBoolean, definitionAt, isUnsafeKey, type CanonicalizeOptions, type ResourceSchemas } from "../schemas/canonicalize.js";
import { findAttribute, type AttributeDefinition } from "../schemas/schema-definition.js";

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath / valuePath [subAttr]`, where attrPath may carry a
 * schema URN (`urn:…:enterprise:2.0:User:department`) and valuePath a filter in brackets
 * (`emails[type eq "work"].value`, Entra's `[primary eq true]`).
 */
export interface CanonicalPatchPath {
  /** The path in canonical attribute names, in the form scim-patch reads. */
  text: string;
  /** Canonical attribute path without the filter, e.g. ["emails", "value"] or [<enterprise URN>, "manager"]. */
  target: string[];
  /** Whether the path selects values of a multi-valued attribute with a filter. */
  filtered: boolean;
}

const PATH = /^((?:urn:[^[\]]*:)?)([^[\]:.]+(?:\.[^[\].]+)?)(?:\[(.*)\](?:\.([^[\].]+))?)?$/is;

export function canonicalPatchPath(schemas: ResourceSchemas, raw: string, options: CanonicalizeOptions = {}): CanonicalPatchPath {
  const text = raw.trim();
  if (text === "") throw ScimError.invalidPath("the path is empty");
  if (text.length > 1024) throw ScimError.invalidPath("the path is longer than 1024 characters");
  const m = PATH.exec(text);
  if (!m) throw ScimError.invalidPath(`'${raw.slice(0, 200)}' is not a valid attribute path (RFC 7644 §3.5.2)`);
  const [, urnPart = "", attrPart = "", filterText, subAfter] = m;
  if (filterText !== undefined && attrPart.includes(".")) {
    throw ScimError.invalidPath(`'${raw.slice(0, 200)}': a value filter applies to a multi-valued attribute, not to a sub-attribute`);
  }
  // scim-patch walks the path through plain objects: a segment such as __proto__ would reach Object.prototype.
  if ([attrPart, subAfter ?? ""].some((p) => p.split(".").some(isUnsafeKey))) {
    throw ScimError.invalidPath(`'${raw.slice(0, 200)}' is not an attribute path`);
  }
  const target = canonicalPath(schemas, `${urnPart}${attrPart}`, options);
  // A URN with a trailing colon (`urn:…:User:`) leaves an empty attribute name, which scim-patch
  // would try to write into the resource itself.
  if (target.length === 0 || target.includes("")) throw ScimError.invalidPath(`'${raw.slice(0, 200)}' names a schema, not an attribute`);
  const multi = definitionAt(schemas, target);
  let filter = "";
  if (filterText !== undefined) {
    if (multi && !multi.multiValued) throw ScimError.invalidPath(`${target.join(".")} is not multi-valued, so it takes no [value filter]`);
    filter = `[${canonicalFilter(parseFilter(filterText), multi?.subAttributes)}]`;
  }
  let sub = "";
  if (subAfter !== undefined) {
    const def = multi?.subAttributes ? findAttribute(multi.subAttributes, subAfter) : undefined;
    sub = `.${def?.name ?? subAfter}`;
    target.push(def?.name ?? subAfter);
  }
  const ext = schemas.extensions.find((e) => e.id === target[0]);
  const isUnknownUrn = !ext && target[0]!.toLowerCase().startsWith("urn:");
  // scim-patch reads `<urn>:<attr>` for extensions and a bare `<attr>` for the core schema.
  let head: string;
  if (ext || isUnknownUrn) {
    const attrs = target.slice(1, subAfter !== undefined ? -1 : undefined);
    head = attrs.length ? `${target[0]}:${attrs.join(".")}` : target[0]!;
  } else {
    head = target.slice(0, subAfter !== undefined ? -1 : undefined).join(".");
  }
  return { text: `${head}${filter}${sub}`, target, filtered: filterText !== undefined };
}

/** Attribute names in a value filter in canonical case; "True"/"False" for boolean sub-attributes become booleans. */
function canonicalFilter(f: Filter, subAttributes: AttributeDefinition[] | undefined): string {
  const walk = (node: Filter): Filter => {
    switch (node.op) {
      case "and":
      case "or":
        return { ...node, filters: (node as { filters: Filter[] }).filters.map(walk) } as Filter;
      case "not":
        return { ...node, filter: walk((node as { filter: Filter }).filter) } as Filter;
      case "[]":
        throw ScimError.invalidPath("value filters cannot be nested in a PATCH path");
      default: {
        const n = node as Filter & { attrPath: string; compValue?: unknown };
        const def = subAttributes ? findAttribute(subAttributes, n.attrPath) : undefined;
        const out = { ...n, attrPath: def?.name ?? n.attrPath } as Filter & { compValue?: unknown };
        if (def?.type === "boolean" && "compValue" in n) out.compValue = coerceBoolean(n.compValue);
        return out as Filter;
      }
    }
  };
  return stringify(walk(f));
}
