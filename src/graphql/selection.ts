import type { GraphQLResolveInfo } from "graphql";
import { parseResolveInfo, type ResolveTree } from "graphql-parse-resolve-info";

/**
 * Whether the operation asks, below the field being resolved, for the field at `path` (names, not
 * aliases; fragments and @skip/@include with their variables honoured). Lets a resolver read in
 * its own statement what a nested field will need, instead of that field costing one more
 * (a user's roles, when `customerRoles` is selected).
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let level = parseResolveInfo(info) as ResolveTree | null;
  for (const name of path) {
    if (!level) return false;
    level = childNamed(level, name);
  }
  return level !== null;
}

function childNamed(tree: ResolveTree, name: string): ResolveTree | null {
  for (const fields of Object.values(tree.fieldsByTypeName)) {
    for (const child of Object.values(fields)) if (child.name === name) return child;
  }
  return null;
}
