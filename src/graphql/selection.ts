import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, GraphQLIncludeDirective, GraphQLSkipDirective, getDirectiveValues, Kind, type SelectionSetNode } from "graphql";

/**
 * Whether the operation asks, below the field being resolved, for the field at `path` (field
 * names, not aliases; named and inline fragments and @skip/@include with their variables
 * honoured). Lets a resolver read in its own statement what a nested field will need, instead of
 * that field costing one more (a user's roles, when `customerRoles` is selected).
 *
 * Written here rather than taken from graphql-parse-resolve-info, which answers the same question
 * by building the resolve tree of every selected field (with debug logging per field): on the
 * SCIM read path, which asks this once per request, that cost 3% of the server's CPU.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    const fields = sets.flatMap((set) => fieldsNamed(set, name, info));
    if (fields.length === 0) return false;
    sets = fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return true;
}

function fieldsNamed(set: SelectionSetNode, name: string, info: GraphQLResolveInfo): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of set.selections) {
    if (!included(selection, info)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      found.push(...fieldsNamed(selection.selectionSet, name, info));
    } else {
      const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
      if (fragment) found.push(...fieldsNamed(fragment.selectionSet, name, info));
    }
  }
  return found;
}

/** GraphQL's @skip(if:) and @include(if:) (spec §3.13), evaluated with the operation's variables. */
function included(node: Parameters<typeof getDirectiveValues>[1], info: GraphQLResolveInfo): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}
