import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basic, generateAppPassword, type ServiceAccountSetup, setUpServiceAccount } from "./auth-helpers.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * Passwords (issue 5 §5): set through GraphQL or SCIM, checked against the company policy with a
 * message naming the rule, stored as argon2id, and usable to log in to GraphQL.
 */
let app: TestApp;
let s: ServiceAccountSetup;
let scimAuth: string;

const CREATE = `mutation($i: UserInput!) { createUser(input: $i) { id } }`;
const LOGIN = `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token expiresAt user { id userName } } }`;

beforeAll(async () => {
  app = await startTestApp({ env: { AUTH_FAILURE_LIMIT: "1000" } });
  s = await setUpServiceAccount(app);
  const cred = await generateAppPassword(app, s.serviceToken);
  scimAuth = basic(cred.clientId, cred.secret);
  // Every rule on: the default policy plus a required symbol.
  const res = await gql(app.url, `mutation { updateCompanySettings(input: { passwordPolicy: { requireSymbol: true } }) { id } }`, {}, s.co.adminToken);
  expect(res.errors).toBeUndefined();
});
afterAll(() => app?.close());

async function scimCreate(userName: string, password: string) {
  const res = await fetch(`${app.url}/scim/v2/Users`, {
    method: "POST",
    headers: { authorization: scimAuth, "content-type": "application/scim+json" },
    body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, password }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const RULES: [string, string, RegExp][] = [
  ["too short", "Ab1!xyz", /at least 12 characters long/],
  ["no lowercase", "NO-LOWERCASE-1234", /must contain a lowercase letter/],
  ["no uppercase", "no-uppercase-1234", /must contain an uppercase letter/],
  ["no digit", "No-Digits-At-All-Here", /must contain a digit/],
  ["no symbol", "NoSymbolsHere1234", /must contain a symbol/],
  ["contains the userName", "x-Jane.Doe@Example.com-1", /must not contain the userName/],
  ["contains the userName's local part, in another case", "Secret-JANE.DOE-99", /must not contain the userName/],
];

describe("password policy", () => {
  for (const [name, password, rule] of RULES) {
    it(`refuses a password that is ${name}, naming the rule, on GraphQL and on SCIM`, async () => {
      const res = await gql(app.url, CREATE, { i: { userName: "jane.doe@example.com", password } }, s.co.adminToken);
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0]!.extensions).toMatchObject({ field: "password", reason: "PASSWORD_POLICY" });
      expect(res.errors![0]!.message).toMatch(/^password does not satisfy the company password policy: /);
      expect(res.errors![0]!.message).toMatch(rule);

      const scim = await scimCreate("jane.doe@example.com", password);
      expect(scim.status).toBe(400);
      expect(scim.body).toMatchObject({ status: "400", scimType: "invalidValue" });
      expect(scim.body.detail).toMatch(rule);
    });
  }

  it("accepts a password meeting every rule", async () => {
    const res = await gql(app.url, CREATE, { i: { userName: "ok@example.com", password: "Correct-Horse-42!" } }, s.co.adminToken);
    expect(res.errors).toBeUndefined();
  });
});

describe("login with a password", () => {
  it("works for a user whose password was set through GraphQL, ignoring the userName's case, and stores argon2id", async () => {
    const created = await gql(app.url, CREATE, { i: { userName: "gql-user@example.com", password: "Blue-Lagoon-Pass-1!" } }, s.co.adminToken);
    const id = created.data!.createUser.id;
    const [row] = await app.orm.em.fork().getConnection().execute("select password_hash from user_account where id = ?", [id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const res = await gql(app.url, LOGIN, { c: s.co.company.slug.toUpperCase(), u: "GQL-User@example.com", p: "Blue-Lagoon-Pass-1!" });
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.user).toEqual({ id, userName: "gql-user@example.com" });
    const me = await gql(app.url, `{ me { id } }`, {}, res.data!.login.token);
    expect(me.data!.me.id).toBe(id);
  });

  it("works for a user whose password was set through SCIM", async () => {
    const created = await scimCreate("scim-user@example.com", "Red-Canyon-Pass-2!");
    expect(created.status).toBe(201);
    const res = await gql(app.url, LOGIN, { c: s.co.company.slug, u: "scim-user@example.com", p: "Red-Canyon-Pass-2!" });
    expect(res.data!.login.user.id).toBe(created.body.id);
  });

  it("refuses a wrong password, an unknown user, an unknown company and an inactive user with one message", async () => {
    await gql(app.url, CREATE, { i: { userName: "inactive@example.com", password: "Inactive-Pass-3!", active: false } }, s.co.adminToken);
    const attempts = [
      { c: s.co.company.slug, u: "gql-user@example.com", p: "Wrong-Pass-9!" },
      { c: s.co.company.slug, u: "nobody@example.com", p: "Blue-Lagoon-Pass-1!" },
      { c: "no-such-company", u: "gql-user@example.com", p: "Blue-Lagoon-Pass-1!" },
      { c: s.co.company.slug, u: "inactive@example.com", p: "Inactive-Pass-3!" },
      // An account without a password (SCIM-provisioned SSO users) cannot log in with any.
      { c: s.co.company.slug, u: s.service.userName, p: "" },
    ];
    const messages = new Set<string>();
    for (const vars of attempts) {
      const res = await gql(app.url, LOGIN, vars);
      expect(errorCode(res), JSON.stringify(vars)).toBe("UNAUTHENTICATED");
      expect(res.data).toBeNull();
      messages.add(res.errors![0]!.message);
    }
    expect([...messages]).toEqual(["unknown company, userName or password"]);
  });
});
