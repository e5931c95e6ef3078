import { buildSchema, graphql, type GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import { selects } from "../../../src/graphql/selection.js";

/**
 * The look-ahead resolvers use to read nested data in their own statement: what it answers must
 * be what graphql-js then actually resolves, through fragments, aliases and @skip/@include.
 */
const schema = buildSchema(`
  type Role { id: ID }
  type User { id: ID, name: String, customerRoles: [Role] }
  type Page { nodes: [User], total: Int }
  type Query { user: User, users: Page }
`);

async function asked(query: string, path: string[], variables: Record<string, unknown> = {}): Promise<boolean> {
  let answer: boolean | undefined;
  const rootValue = {
    user: (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
      answer = selects(info, path);
      return { id: "1", customerRoles: [] };
    },
    users: (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
      answer = selects(info, path);
      return { nodes: [], total: 0 };
    },
  };
  const result = await graphql({ schema, source: query, rootValue, variableValues: variables, fieldResolver: (source: any, _a, _c, info) => {
    const value = source[info.fieldName];
    return typeof value === "function" ? value(_a, _c, info) : value;
  } });
  expect(result.errors).toBeUndefined();
  return answer!;
}

describe("selects (look-ahead of a resolver)", () => {
  it("sees a field selected directly or under an alias", async () => {
    expect(await asked(`{ user { id customerRoles { id } } }`, ["customerRoles"])).toBe(true);
    expect(await asked(`{ user { id roles: customerRoles { id } } }`, ["customerRoles"])).toBe(true);
    expect(await asked(`{ user { id name } }`, ["customerRoles"])).toBe(false);
  });

  it("sees through named and inline fragments", async () => {
    expect(await asked(`{ user { ...U } } fragment U on User { id customerRoles { id } }`, ["customerRoles"])).toBe(true);
    expect(await asked(`{ user { ... on User { customerRoles { id } } } }`, ["customerRoles"])).toBe(true);
    expect(await asked(`{ user { ...U } } fragment U on User { id }`, ["customerRoles"])).toBe(false);
  });

  it("follows a path into nested fields", async () => {
    expect(await asked(`{ users { total nodes { customerRoles { id } } } }`, ["nodes", "customerRoles"])).toBe(true);
    expect(await asked(`{ users { total nodes { id } } }`, ["nodes", "customerRoles"])).toBe(false);
    expect(await asked(`{ users { total } }`, ["nodes", "customerRoles"])).toBe(false);
  });

  it("honours @include and @skip with the operation's variables, on fields and fragments", async () => {
    const q = `query($r: Boolean!) { user { ...U } } fragment U on User { id customerRoles @include(if: $r) { id } }`;
    expect(await asked(q, ["customerRoles"], { r: true })).toBe(true);
    expect(await asked(q, ["customerRoles"], { r: false })).toBe(false);
    expect(await asked(`query($s: Boolean!) { user { ... @skip(if: $s) { customerRoles { id } } } }`, ["customerRoles"], { s: true })).toBe(false);
    expect(await asked(`query($s: Boolean!) { user { ... @skip(if: $s) { customerRoles { id } } } }`, ["customerRoles"], { s: false })).toBe(true);
  });
});
