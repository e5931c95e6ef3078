import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql, type GraphQLResponse } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * graphql-js answers a misspelt field, argument or enum value with "Did you mean …?", naming parts
 * of the schema. A developer signed in to a development server keeps that hint; an anonymous
 * caller, and every caller of a production server, gets the error without it.
 */
let development: TestApp;
let production: TestApp;
let a: TestCompany;

beforeAll(async () => {
  development = await startTestApp({ env: { NODE_ENV: "development" } });
  production = await startTestApp({ databaseUrl: development.databaseUrl, env: { NODE_ENV: "production" } });
  a = await createTestCompany(development);
});
afterAll(async () => {
  await production?.close();
  await development?.close();
});

const MISSPELT_FIELD = "{ me { userNme } }";
const MISSPELT_ARGUMENT = "{ users(ordrBy: { field: USER_NAME }) { totalCount } }";
const MISSPELT_ENUM_VALUE = "{ users(orderBy: { field: USER_NAM }) { totalCount } }";
/** Variables are checked after validation, and their enum hint reads "Did you mean the enum value …". */
const MISSPELT_ENUM_VARIABLE = ["query($o: UserOrderBy) { users(orderBy: $o) { totalCount } }", { o: { field: "USER_NAM" } }] as const;

function messages(res: GraphQLResponse): string {
  return (res.errors ?? []).map((e) => e.message).join("\n");
}

describe("in development", () => {
  it("an authenticated caller's misspelt field, argument or enum value is answered with Did you mean …", async () => {
    const field = await gql(development.url, MISSPELT_FIELD, {}, a.adminToken);
    expect(errorCode(field)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(messages(field)).toMatch(/^Cannot query field "userNme" on type "User". Did you mean "userName"/);
    expect(messages(await gql(development.url, MISSPELT_ARGUMENT, {}, a.adminToken))).toContain('Did you mean "orderBy"?');
    expect(messages(await gql(development.url, MISSPELT_ENUM_VALUE, {}, a.adminToken))).toMatch(/Did you mean the enum value "USER_NAME"/);
    const variable = await gql(development.url, ...MISSPELT_ENUM_VARIABLE, a.adminToken);
    expect(errorCode(variable)).toBe("BAD_USER_INPUT");
    expect(messages(variable)).toMatch(/Did you mean the enum value "USER_NAME"\?$/);
  });

  it("an anonymous caller gets the same errors without the suggestions", async () => {
    const field = await gql(development.url, MISSPELT_FIELD);
    expect(errorCode(field)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(messages(field)).toBe('Cannot query field "userNme" on type "User".');
    for (const query of [MISSPELT_ARGUMENT, MISSPELT_ENUM_VALUE]) {
      const res = await gql(development.url, query);
      expect(errorCode(res)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(messages(res)).not.toMatch(/Did you mean|userName|orderBy|USER_NAME/);
    }
    const variable = await gql(development.url, ...MISSPELT_ENUM_VARIABLE);
    expect(errorCode(variable)).toBe("BAD_USER_INPUT");
    expect(messages(variable)).toBe('Variable "$o" got invalid value "USER_NAM" at "o.field"; Value "USER_NAM" does not exist in "UserSortField" enum.');
  });

  it("a caller whose token is not valid counts as anonymous", async () => {
    const res = await gql(development.url, MISSPELT_FIELD, {}, "not-a-token");
    expect(messages(res)).not.toContain("Did you mean");
  });
});

describe("in production", () => {
  it("nobody gets suggestions, authenticated or not", async () => {
    for (const token of [a.adminToken, undefined]) {
      for (const query of [MISSPELT_FIELD, MISSPELT_ARGUMENT, MISSPELT_ENUM_VALUE]) {
        const res = await gql(production.url, query, {}, token);
        expect(errorCode(res)).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(messages(res)).not.toMatch(/Did you mean|userName|orderBy|USER_NAME/);
      }
      const variable = await gql(production.url, ...MISSPELT_ENUM_VARIABLE, token);
      expect(errorCode(variable)).toBe("BAD_USER_INPUT");
      expect(messages(variable)).not.toContain("Did you mean");
    }
  });
});
