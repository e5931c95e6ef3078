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
  let sets: SelectionSetNode[] = [];
  for (const node of info.fieldNodes) if (node.selectionSet) sets.push(node.selectionSet);
  for (const name of path) {
    const found: FieldNode[] = [];
    for (const set of sets) collectNamed(set, name, info, found);
    if (found.length === 0) return false;
    sets = [];
    for (const field of found) if (field.selectionSet) sets.push(field.selectionSet);
  }
  return true;
}

/** Adds to `found` the fields named `name` that `set` selects, through fragments. */
function collectNamed(set: SelectionSetNode, name: string, info: GraphQLResolveInfo, found: FieldNode[]): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name && included(selection, info)) found.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (included(selection, info)) collectNamed(selection.selectionSet, name, info, found);
    } else {
      const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
      if (fragment && included(selection, info)) collectNamed(fragment.selectionSet, name, info, found);
    }
  }
}

/** GraphQL's @skip(if:) and @include(if:) (spec §3.13), evaluated with the operation's variables. */
function included(node: Parameters<typeof getDirectiveValues>[1], info: GraphQLResolveInfo): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}
