import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { basic, type Credential, generateAppPassword, scimProbe, type ServiceAccountSetup, setUpServiceAccount, tokenRequest } from "./auth-helpers.js";

/**
 * No leaks (issue 5 §7): the app's own log, captured at trace level while every kind of
 * credential goes through it, never contains a secret, a password, a token or a hash; and no
 * response after creation carries a secret or a hash.
 */
const lines: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});

let app: TestApp;
let s: ServiceAccountSetup;
let cred: Credential;
const secrets: Record<string, string> = {};
const responses: string[] = [];

async function recorded(res: Response): Promise<string> {
  const text = await res.text();
  responses.push(text);
  return text;
}

beforeAll(async () => {
  app = await startTestApp({ env: { LOG_LEVEL: "trace" }, logDestination: capture });
  s = await setUpServiceAccount(app);
  secrets.serviceSession = s.serviceToken;
  secrets.adminSession = s.co.adminToken;

  // generateAppPassword: the one response that carries the secret.
  cred = await generateAppPassword(app, s.serviceToken);
  secrets.clientSecret = cred.secret;
  secrets.bearerToken = cred.bearer;
  secrets.secretHash = createHash("sha256").update(cred.secret).digest("hex");

  // SCIM with HTTP Basic, the bearer app-password token, and a wrong secret.
  const basicHeader = basic(cred.clientId, cred.secret);
  secrets.basicHeader = basicHeader.slice("Basic ".length);
  expect((await scimProbe(app.url, basicHeader)).status).toBe(200);
  expect((await scimProbe(app.url, `Bearer ${cred.bearer}`)).status).toBe(200);
  const wrongSecret = `${cred.secret.slice(0, -3)}zzz`;
  secrets.wrongSecret = wrongSecret;
  expect((await scimProbe(app.url, basic(cred.clientId, wrongSecret))).status).toBe(401);

  // OAuth token requests, both client authentication methods, and the token on SCIM and GraphQL.
  const viaBasic = await tokenRequest(app.url, { grant_type: "client_credentials" }, { authorization: basicHeader });
  const viaPost = await tokenRequest(app.url, { grant_type: "client_credentials", client_id: cred.clientId, client_secret: cred.secret });
  secrets.accessTokenBasic = viaBasic.body.access_token;
  secrets.accessTokenPost = viaPost.body.access_token;
  expect((await scimProbe(app.url, `Bearer ${viaPost.body.access_token}`)).status).toBe(200);
  expect((await gql(app.url, `{ me { id } }`, {}, viaBasic.body.access_token)).data?.me.id).toBe(s.service.id);

  // GraphQL login with a password (right and wrong), and the session it returns.
  const login = await gql(
    app.url,
    `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`,
    { c: s.co.company.slug, u: s.co.admin.userName, p: TEST_PASSWORD },
  );
  secrets.loginSession = login.data!.login.token;
  secrets.loginPassword = TEST_PASSWORD;
  secrets.wrongPassword = "Wrong-Password-Guess-99";
  await gql(app.url, `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`, {
    c: s.co.company.slug,
    u: s.co.admin.userName,
    p: secrets.wrongPassword,
  });

  // A user created with a password through GraphQL and through SCIM, and a policy failure.
  secrets.graphqlUserPassword = "Graphql-User-Pass-77";
  const created = await gql(
    app.url,
    `mutation($i: UserInput!) { createUser(input: $i) { id } }`,
    { i: { userName: "pw@leaks.example", password: secrets.graphqlUserPassword } },
    s.co.adminToken,
  );
  expect(created.errors).toBeUndefined();
  secrets.scimUserPassword = "Scim-User-Pass-88";
  const scimCreate = await fetch(`${app.url}/scim/v2/Users`, {
    method: "POST",
    headers: { authorization: basicHeader, "content-type": "application/scim+json" },
    body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "scim-pw@leaks.example", password: secrets.scimUserPassword }),
  });
  expect(scimCreate.status).toBe(201);
  const scimUser = JSON.parse(await recorded(scimCreate));
  await recorded(await fetch(`${app.url}/scim/v2/Users/${scimUser.id}`, { headers: { authorization: basicHeader } }));
  secrets.weakPassword = "weakpw";
  const weak = await fetch(`${app.url}/scim/v2/Users`, {
    method: "POST",
    headers: { authorization: basicHeader, "content-type": "application/scim+json" },
    body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "weak@leaks.example", password: secrets.weakPassword }),
  });
  expect(weak.status).toBe(400);
  await recorded(weak);

  // Reads after creation.
  for (const query of [
    `{ appPasswords { id name clientId createdAt lastUsedAt revokedAt lastFailureAt lastFailureReason active owner { id userName } } }`,
    `{ me { id userName hasPassword } }`,
  ]) {
    const res = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${s.serviceToken}` },
      body: JSON.stringify({ query }),
    });
    expect(JSON.parse(await recorded(res)).errors).toBeUndefined();
  }
  const users = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${s.co.adminToken}` },
    body: JSON.stringify({ query: `{ users { nodes { id userName hasPassword } } }` }),
  });
  expect(JSON.parse(await recorded(users)).errors).toBeUndefined();
  await recorded(await fetch(`${app.url}/scim/v2/Users?count=50`, { headers: { authorization: basicHeader } }));
  // Give the log lines written after the responses (request log, provisioning log) time to land.
  await new Promise((r) => setTimeout(r, 200));
});
afterAll(() => app?.close());

describe("no leaks", () => {
  it("the log shows the requests, with Authorization redacted", () => {
    const log = lines.join("");
    if (process.env.SHOW_LOG) console.log(log);
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain("/oauth2/token");
    expect(log).toContain("/scim/v2/Users");
    expect(log).toContain("[redacted]");
  });

  it("never writes a secret, password, token or hash to the log", () => {
    const log = lines.join("");
    for (const [what, value] of Object.entries(secrets)) {
      expect(value, what).toBeTruthy();
      expect(log.includes(value), `${what} appears in the log`).toBe(false);
    }
    expect(log).not.toMatch(/\$argon2id\$/);
  });

  it("no response after creation carries the secret, its hash, a password or a password hash", async () => {
    const [row] = await app.orm.em.fork().getConnection().execute("select password_hash from user_account where user_name = 'scim-pw@leaks.example'");
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const body = responses.join("\n");
    expect(responses.length).toBeGreaterThan(5);
    for (const value of [secrets.clientSecret, secrets.secretHash, secrets.scimUserPassword, secrets.graphqlUserPassword, secrets.weakPassword, row.password_hash]) {
      expect(body.includes(value)).toBe(false);
    }
    expect(body).not.toMatch(/argon2/);
    expect(body).toContain('"hasPassword":true');
  });

  it("sends security headers on the OAuth and well-known routes (helmet), not on SCIM", async () => {
    for (const path of ["/.well-known/jwks.json", "/.well-known/oauth-authorization-server"]) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("strict-transport-security"), path).toBeTruthy();
    }
    const token = await tokenRequest(app.url, { grant_type: "client_credentials" }, { authorization: basic(cred.clientId, cred.secret) });
    expect(token.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await scimProbe(app.url, basic(cred.clientId, cred.secret))).headers.get("content-security-policy")).toBeNull();
  });
});
