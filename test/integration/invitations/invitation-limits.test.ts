import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * acceptInvitation needs no sign-in, so it is limited as a login is: a link nobody issued is a
 * failed guess of the caller's address, and past AUTH_FAILURE_IP_LIMIT the address gets 429 with
 * Retry-After, its tokens no longer looked up.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { AUTH_FAILURE_IP_LIMIT: "3", AUTH_FAILURE_LIMIT: "1000" } });
});
afterAll(() => app?.close());

const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { userName } }`;

describe("guessing invitation links", () => {
  it("three unknown tokens from one address, then 429 with Retry-After and TOO_MANY_REQUESTS", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await gql(app.url, ACCEPT, { t: `guess-${i}`, p: "Some-Password-2026" });
      expect(res.status).toBe(200);
      expect(errorCode(res)).toBe("UNAUTHENTICATED");
    }
    const res = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: ACCEPT, variables: { t: "guess-3", p: "Some-Password-2026" } }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("TOO_MANY_REQUESTS");
  });
});
