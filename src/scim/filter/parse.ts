import { parse as parseFilterString, type Filter } from "scim2-parse-filter";
import { ScimError } from "../errors.js";

export type { Filter } from "scim2-parse-filter";

/** Longer filters are refused before parsing, so a hostile one costs no more than a 400. */
export const MAX_FILTER_LENGTH = 8192;
const MAX_NESTING = 32;

const QUOTED = /"(?:[^"\\]|\\.)*"/g;
// RFC 7644 §3.4.2.2 spells the literals false, null and true in lower case; some clients
// capitalise them as they capitalise PATCH ops (Entra's "True"/"False").
const CAPITALISED_LITERAL = /\b(eq|ne|co|sw|ew|gt|ge|lt|le)(\s+)(true|false|null)\b/gi;

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into scim2-parse-filter's AST. Operators may be in any
 * case. Every failure is 400 invalidFilter with a detail that says what is wrong.
 */
export function parseFilter(text: string): Filter {
  if (typeof text !== "string" || text.trim() === "") throw ScimError.invalidFilter("the filter is empty");
  if (text.length > MAX_FILTER_LENGTH) throw ScimError.invalidFilter(`the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  const outside = text.replace(QUOTED, "");
  let depth = 0;
  for (const c of outside) {
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    if (depth > MAX_NESTING) throw ScimError.invalidFilter(`the filter nests more than ${MAX_NESTING} levels of parentheses`);
  }
  const normalised = mapOutsideQuotes(text, (part) => part.replace(CAPITALISED_LITERAL, (_m, op: string, sp: string, lit: string) => `${op}${sp}${lit.toLowerCase()}`));
  try {
    return parseFilterString(normalised);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw ScimError.invalidFilter(`the filter cannot be parsed (${message.slice(0, 200)}): ${text.slice(0, 200)}`);
  }
}

function mapOutsideQuotes(text: string, f: (part: string) => string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(QUOTED)) {
    out += f(text.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + f(text.slice(last));
}
