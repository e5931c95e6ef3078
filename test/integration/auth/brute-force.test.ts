import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { basic, type Credential, credentialChecks, generateAppPassword, type HttpResult, scimProbe, setUpServiceAccount, tokenRequest } from "./auth-helpers.js";

/**
 * Brute-force protection (issue 5 §6): failed authentications are counted by Client ID, by IP and
 * by userName; past the limit the answer is 429 with Retry-After, in each surface's own error
 * format. Successful requests are never counted. Every request here comes from 127.0.0.1.
 */
let app: TestApp;

const LOGIN = `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`;

beforeAll(async () => {
  app = await startTestApp({ env: { AUTH_FAILURE_LIMIT: "3", AUTH_FAILURE_IP_LIMIT: "1000" } });
});
afterAll(() => app?.close());

function expectRetryAfter(res: { headers: Headers }, windowSeconds = 300) {
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

async function login(baseUrl: string, company: string, userName: string, password: string) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: LOGIN, variables: { c: company, u: userName, p: password } }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe("SCIM", () => {
  let cred: Credential;
  beforeAll(async () => {
    cred = await generateAppPassword(app, (await setUpServiceAccount(app)).serviceToken);
  });

  it("answers 429 with Retry-After and a SCIM error body once a Client ID has failed the limit, even for the right secret", async () => {
    for (let i = 0; i < 3; i++) expect((await scimProbe(app.url, basic(cred.clientId, `wrong-${i}`))).status).toBe(401);
    const blocked = await scimProbe(app.url, basic(cred.clientId, "wrong-again"));
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked);
    expect(blocked.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(blocked.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error", "urn:rolebridge:scim:api:messages:2.0:Error"],
      status: "429",
      detail: expect.stringMatching(/too many failed authentication attempts for this Client ID; retry after \d+ seconds/),
      "urn:rolebridge:scim:api:messages:2.0:Error": { requestId: blocked.headers.get("x-request-id") },
    });
    // The Client ID is locked for the window, whichever form it comes in.
    expect((await scimProbe(app.url, basic(cred.clientId, cred.secret))).status).toBe(429);
    expect((await scimProbe(app.url, `Bearer ${cred.bearer}`)).status).toBe(429);
    const tokenRes = await tokenRequest(app.url, { grant_type: "client_credentials" }, { authorization: basic(cred.clientId, cred.secret) });
    expect(tokenRes.status).toBe(429);
  });

  it("records the 429 in the provisioning log with its detail", async () => {
    // Refusals are written in batches after the response; write them now.
    await new Promise((r) => setTimeout(r, 20));
    await app.services.provisioningEvents.flush();
    const rows = await app.orm.em
      .fork()
      .getConnection()
      .execute("select status, outcome, detail from provisioning_event where status = 429 order by created_at limit 1");
    expect(rows[0]).toMatchObject({ status: 429, outcome: "failure", detail: expect.stringMatching(/too many failed/) });
  });

  it("does not lock out another Client ID calling from the same address", async () => {
    const other = await generateAppPassword(app, (await setUpServiceAccount(app, "other@idp.example")).serviceToken);
    expect((await scimProbe(app.url, basic(other.clientId, other.secret))).status).toBe(200);
  });

  it("never counts successful requests, however many arrive at once", async () => {
    const fresh = await generateAppPassword(app, (await setUpServiceAccount(app, "busy@idp.example")).serviceToken);
    const results = await Promise.all(Array.from({ length: 30 }, () => scimProbe(app.url, `Bearer ${fresh.bearer}`)));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    // Two failures after 30 successes are still under the limit of 3.
    for (let i = 0; i < 2; i++) expect((await scimProbe(app.url, basic(fresh.clientId, "wrong"))).status).toBe(401);
    expect((await scimProbe(app.url, basic(fresh.clientId, fresh.secret))).status).toBe(200);
  });

  it("does not count requests without credentials or with a SCIM-disabled company as authentication failures", async () => {
    const fresh = await generateAppPassword(app, (await setUpServiceAccount(app, "quiet@idp.example")).serviceToken);
    for (let i = 0; i < 5; i++) expect((await scimProbe(app.url)).status).toBe(401);
    expect((await scimProbe(app.url, basic(fresh.clientId, fresh.secret))).status).toBe(200);
  });
});

describe("POST /oauth2/token", () => {
  it("answers 429 with Retry-After and an OAuth error once a client has failed the limit", async () => {
    const cred = await generateAppPassword(app, (await setUpServiceAccount(app, "sailpoint@idp.example")).serviceToken);
    const form = (secret: string) => ({ grant_type: "client_credentials", client_id: cred.clientId, client_secret: secret });
    for (let i = 0; i < 3; i++) expect((await tokenRequest(app.url, form("wrong"))).status).toBe(401);
    const blocked: HttpResult = await tokenRequest(app.url, form(cred.secret));
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked);
    expect(blocked.headers.get("cache-control")).toBe("no-store");
    expect(blocked.body).toEqual({ error: "temporarily_unavailable", error_description: expect.stringMatching(/too many failed authentication attempts/) });
  });

  it("does not count a malformed request that authenticated nothing (invalid_request) as a failure", async () => {
    const cred = await generateAppPassword(app, (await setUpServiceAccount(app, "sloppy@idp.example")).serviceToken);
    for (let i = 0; i < 5; i++) {
      expect((await tokenRequest(app.url, { grant_type: "password" }, { authorization: basic(cred.clientId, cred.secret) })).status).toBe(400);
    }
    expect((await tokenRequest(app.url, { grant_type: "client_credentials" }, { authorization: basic(cred.clientId, cred.secret) })).status).toBe(200);
  });
});

describe("GraphQL login", () => {
  it("answers 429 TOO_MANY_REQUESTS with Retry-After once a userName has failed the limit, ignoring its case", async () => {
    const s = await setUpServiceAccount(app, "svc@login.example");
    const { slug } = s.co.company;
    const userName = s.co.admin.userName;
    for (const u of [userName, userName.toUpperCase(), ` ${userName}`]) {
      const res = await login(app.url, slug, u, "wrong-password");
      expect(res.status).toBe(200);
      expect(res.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
    const blocked = await login(app.url, slug, userName, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked);
    expect(blocked.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/too many failed authentication attempts for this userName/),
      extensions: { code: "TOO_MANY_REQUESTS" },
    });
    // Another user of the same company is not affected.
    const other = await login(app.url, slug, "svc@login.example", TEST_PASSWORD);
    expect(other.body.data.login.token).toEqual(expect.any(String));
  });

  it("counts a login sent under an alias, or in a document with several operations", async () => {
    const s = await setUpServiceAccount(app, "svc@alias.example");
    const userName = s.co.admin.userName;
    const field = (alias: string) => `${alias}: login(company: "${s.co.company.slug}", userName: "${userName}", password: "guess") { token }`;
    // A second failing alias is never executed: the first failure ends the (non-null) mutation.
    const aliased = await gql(app.url, `mutation { ${field("first")} ${field("second")} }`);
    expect(aliased.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([["first", "UNAUTHENTICATED"]]);
    const named = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `query Other { __typename } mutation Guess { ${field("x")} }`, operationName: "Guess" }),
    });
    expect(((await named.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await gql(app.url, `mutation { ${field("y")} }`)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await login(app.url, s.co.company.slug, userName, TEST_PASSWORD)).status).toBe(429);
  });

  it.each([
    ["inside an inline fragment", (f: string) => `mutation { ... on Mutation { ${f} } }`],
    ["inside a named fragment", (f: string) => `mutation { ...Guess } fragment Guess on Mutation { ${f} }`],
    // The field after the login never runs: a failed login ends the mutation.
    ["in a document of more than two thousand tokens", (f: string) => `mutation { ${f} addCustomerRoleMembers(id: "0", source: MANUAL, userIds: [${'"0" '.repeat(2_100)}]) { id } }`],
  ])("counts a login %s, and compares no more passwords than the limit", async (_, document) => {
    const s = await setUpServiceAccount(app, "svc@fragments.example");
    const field = (guess: string) => `login(company: "${s.co.company.slug}", userName: "${s.co.admin.userName}", password: "${guess}") { token }`;
    const before = await credentialChecks(app.url, "password");
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) codes.push(errorCode(await gql(app.url, document(field(`guess-${i}`)))));
    expect(codes).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
    expect((await credentialChecks(app.url, "password")) - before).toBe(3);
  });

  it("counts a login whose company and userName are variables' default values against that userName", async () => {
    const s = await setUpServiceAccount(app, "svc@defaults.example");
    const { slug } = s.co.company;
    const userName = s.co.admin.userName;
    for (let i = 0; i < 3; i++) {
      const literal = await gql(app.url, `mutation { login(company: "${slug}", userName: "${userName}", password: "guess-${i}") { token } }`);
      expect(errorCode(literal)).toBe("UNAUTHENTICATED");
    }
    const defaults = await gql(app.url, `mutation($c: String = "${slug}", $u: String = "${userName}") { login(company: $c, userName: $u, password: "guess") { token } }`);
    expect(errorCode(defaults)).toBe("TOO_MANY_REQUESTS");
  });

  it("never counts successful logins", async () => {
    const s = await setUpServiceAccount(app, "svc@ok.example");
    for (let i = 0; i < 6; i++) {
      const ok = await login(app.url, s.co.company.slug, s.co.admin.userName, TEST_PASSWORD);
      expect(ok.body.data.login.token).toEqual(expect.any(String));
    }
  });
});

describe("by IP, and the window", () => {
  it("answers 429 once one address has failed the IP limit, across Client IDs and userNames, but serves signed tokens", async () => {
    const byIp = await startTestApp({ databaseUrl: app.databaseUrl, env: { AUTH_FAILURE_LIMIT: "1000", AUTH_FAILURE_IP_LIMIT: "5" } });
    try {
      const s = await setUpServiceAccount(byIp, "ip@idp.example");
      const cred = await generateAppPassword(byIp, s.serviceToken);
      const oauthToken = (await tokenRequest(byIp.url, { grant_type: "client_credentials" }, { authorization: basic(cred.clientId, cred.secret) })).body
        .access_token as string;

      // Bad signed tokens are no guesses: they neither count nor get refused (an expired token being retried is not an attack).
      for (let i = 0; i < 8; i++) {
        expect((await scimProbe(byIp.url, "Bearer eyJhbGciOiJFZERTQSJ9.e30.AAAA")).status).toBe(401);
        expect((await gql(byIp.url, `{ me { id } }`, {}, "eyJhbGciOiJFZERTQSJ9.e30.AAAA")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      }
      expect((await scimProbe(byIp.url, basic(cred.clientId, cred.secret))).status).toBe(200);

      // Five guesses of secrets and passwords, each for another key.
      expect((await scimProbe(byIp.url, basic("rb_one", "x"))).status).toBe(401);
      expect((await scimProbe(byIp.url, "Bearer rb_two.xxxxxxxx")).status).toBe(401);
      expect((await tokenRequest(byIp.url, { grant_type: "client_credentials", client_id: "rb_three", client_secret: "x" })).status).toBe(401);
      expect((await login(byIp.url, s.co.company.slug, "nobody@x.example", "x")).status).toBe(200);
      expect((await login(byIp.url, s.co.company.slug, "nobody-else@x.example", "x")).status).toBe(200);

      const blocked = await scimProbe(byIp.url, basic(cred.clientId, cred.secret));
      expect(blocked.status).toBe(429);
      expect(blocked.body.detail).toMatch(/from this address/);
      expect((await tokenRequest(byIp.url, { grant_type: "client_credentials" }, { authorization: basic(cred.clientId, cred.secret) })).status).toBe(429);
      const loginBlocked = await login(byIp.url, s.co.company.slug, s.co.admin.userName, TEST_PASSWORD);
      expect(loginBlocked.status).toBe(429);
      expect(loginBlocked.body.errors[0].extensions.code).toBe("TOO_MANY_REQUESTS");

      // Signed tokens, and requests without credentials, are still served from the locked address.
      expect((await scimProbe(byIp.url, `Bearer ${oauthToken}`)).status).toBe(200);
      expect((await gql(byIp.url, `{ me { id } }`, {}, s.serviceToken)).data?.me.id).toBe(s.service.id);
      expect((await fetch(`${byIp.url}/scim/v2/ServiceProviderConfig`)).status).toBe(200);
    } finally {
      await byIp.close();
    }
  });

  it("lets the key authenticate again once the window has passed", async () => {
    const short = await startTestApp({ databaseUrl: app.databaseUrl, env: { AUTH_FAILURE_LIMIT: "2", AUTH_FAILURE_WINDOW_SECONDS: "1" } });
    try {
      const cred = await generateAppPassword(short, (await setUpServiceAccount(short, "window@idp.example")).serviceToken);
      for (let i = 0; i < 2; i++) expect((await scimProbe(short.url, basic(cred.clientId, "x"))).status).toBe(401);
      const blocked = await scimProbe(short.url, basic(cred.clientId, cred.secret));
      expect(blocked.status).toBe(429);
      expectRetryAfter(blocked, 1);
      await new Promise((r) => setTimeout(r, 2_100));
      expect((await scimProbe(short.url, basic(cred.clientId, cred.secret))).status).toBe(200);
    } finally {
      await short.close();
    }
  });
});

// Runs only where REDIS_URL points at a Redis (e.g. REDIS_URL=redis://127.0.0.1:6379 npx vitest run …).
describe.skipIf(!process.env.REDIS_URL)("shared through Redis (REDIS_URL)", () => {
  const prefix = `rolebridge-test:${randomUUID()}:`;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    const env = { REDIS_URL: process.env.REDIS_URL!, REDIS_KEY_PREFIX: prefix, AUTH_FAILURE_LIMIT: "3", AUTH_FAILURE_IP_LIMIT: "1000" };
    one = await startTestApp({ databaseUrl: app.databaseUrl, env });
    two = await startTestApp({ databaseUrl: app.databaseUrl, env });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    const redis = new Redis(process.env.REDIS_URL!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it("counts failures on one instance against the other, so the limit holds across instances", async () => {
    const cred = await generateAppPassword(one, (await setUpServiceAccount(one, "redis@idp.example")).serviceToken);
    expect((await scimProbe(one.url, basic(cred.clientId, "x"))).status).toBe(401);
    expect((await scimProbe(two.url, basic(cred.clientId, "x"))).status).toBe(401);
    expect((await scimProbe(one.url, basic(cred.clientId, "x"))).status).toBe(401);
    // A SCIM failure is counted before its 401 is sent, so the next request sees it at once.
    const blocked = await scimProbe(two.url, basic(cred.clientId, cred.secret));
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked);
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      // The three failures; the refused request compared nothing and is not one.
      expect(await redis.get(`${prefix}auth-failures:clientId:${cred.clientId}`)).toBe("3");
    } finally {
      await redis.quit();
    }
  });
});
