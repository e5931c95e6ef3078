/**
 * The deepest nesting a JSON request body may have, on every surface. A SCIM BulkRequest holding
 * a User with an extension's complex attribute is about eight levels deep, a GraphQL request's
 * variables about as much; an attribute rolebridge does not model is kept as sent, and thousands of
 * levels of it would overflow the stack of a recursive step after the parser (canonicalisation,
 * PATCH, GraphQL input coercion, the jsonb column) and end in a 500 instead of a client error.
 */
export const MAX_BODY_DEPTH = 64;

/** Whether `value` nests objects or arrays more than `limit` levels deep, found without recursion. */
export function depthOver(value: unknown, limit = MAX_BODY_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
