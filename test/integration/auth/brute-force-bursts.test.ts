import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../setup/fixtures.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { basic, credentialChecks, generateAppPassword, type HttpResult, scimProbe, setUpServiceAccount, tokenRequest } from "./auth-helpers.js";

/**
 * Brute-force limits under parallel attempts. However many wrong secrets arrive at once for one
 * Client ID, or wrong passwords for one company + userName, at most AUTH_FAILURE_LIMIT of them
 * are ever compared within the window; the others are answered 429 with Retry-After without
 * being compared. "Compared" is measured where it happens (rolebridge_credential_checks_total on
 * /metrics), not inferred from the answers. Good requests arriving together are never refused for
 * each other. In memory with one instance, and through Redis with two instances over one database,
 * as two replicas behind a load balancer.
 */
const LIMIT = 10;
const WINDOW_SECONDS = 300;
const BURST = 60;
/** Entra's gallery bar: 25 requests a second from one IdP, sent in parallel. */
const GOOD_BURST = 25;

const LOGIN = `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`;

/** What a test guesses at: a service account's app password, and its company administrator's password. */
interface Target {
  clientId: string;
  secret: string;
  company: string;
  userName: string;
}

type Outcome = "accepted" | "refused" | "throttled";

interface Attempt {
  outcome: Outcome;
  retryAfter: string | null;
}

/** One way of presenting a guessable secret; `guess` undefined sends the right one. */
interface Way {
  name: string;
  credential: "app_password" | "password";
  attempt(baseUrl: string, target: Target, guess?: string): Promise<Attempt>;
}

function outcomeOf(res: HttpResult, success: number): Attempt {
  const retryAfter = res.headers.get("retry-after");
  if (res.status === success) return { outcome: "accepted", retryAfter };
  if (res.status === 401) return { outcome: "refused", retryAfter };
  if (res.status === 429) return { outcome: "throttled", retryAfter };
  throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
}

async function login(baseUrl: string, query: string, variables: Record<string, string> = {}): Promise<Attempt> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: { login?: { token?: string } } | null; errors?: { extensions?: { code?: string } }[] };
  const retryAfter = res.headers.get("retry-after");
  const code = body.errors?.[0]?.extensions?.code;
  if (res.status === 200 && body.data?.login?.token) return { outcome: "accepted", retryAfter };
  if (res.status === 200 && code === "UNAUTHENTICATED") return { outcome: "refused", retryAfter };
  if (res.status === 429 && code === "TOO_MANY_REQUESTS") return { outcome: "throttled", retryAfter };
  throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`);
}

const WAYS: Way[] = [
  {
    name: "HTTP Basic on SCIM",
    credential: "app_password",
    attempt: async (url, t, guess) => outcomeOf(await scimProbe(url, basic(t.clientId, guess ?? t.secret)), 200),
  },
  {
    name: "the bearer app-password token on SCIM",
    credential: "app_password",
    attempt: async (url, t, guess) => outcomeOf(await scimProbe(url, `Bearer ${t.clientId}.${guess ?? t.secret}`), 200),
  },
  {
    name: "oauth2/token, client_secret_basic",
    credential: "app_password",
    attempt: async (url, t, guess) =>
      outcomeOf(await tokenRequest(url, { grant_type: "client_credentials" }, { authorization: basic(t.clientId, guess ?? t.secret) }), 200),
  },
  {
    name: "oauth2/token, client_secret_post",
    credential: "app_password",
    attempt: async (url, t, guess) =>
      outcomeOf(await tokenRequest(url, { grant_type: "client_credentials", client_id: t.clientId, client_secret: guess ?? t.secret }), 200),
  },
  {
    name: "GraphQL login",
    credential: "password",
    attempt: (url, t, guess) => login(url, LOGIN, { c: t.company, u: t.userName, p: guess ?? TEST_PASSWORD }),
  },
];

async function newTarget(app: TestApp): Promise<Target> {
  const s = await setUpServiceAccount(app, `svc-${randomUUID().slice(0, 8)}@idp.example`);
  const cred = await generateAppPassword(app, s.serviceToken);
  return { clientId: cred.clientId, secret: cred.secret, company: s.co.company.slug, userName: s.co.admin.userName };
}

function expectRetryAfter(attempt: Attempt): void {
  const seconds = Number(attempt.retryAfter);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(WINDOW_SECONDS);
}

const outcomes = (attempts: Attempt[]) => attempts.map((a) => a.outcome);

/**
 * Opens `count` connections to each instance first (fetch keeps them alive), so that a burst's
 * requests reach the server together instead of one connection set-up after another.
 */
async function openConnections(urls: string[], count: number): Promise<void> {
  await Promise.all(urls.flatMap((url) => Array.from({ length: count }, async () => (await fetch(`${url}/healthz`)).arrayBuffer())));
}

/** The tests every deployment must pass; the i-th request of a burst goes to instance i mod n. */
function burstTests(instances: () => TestApp[]) {
  const urlOf = (i: number) => instances()[i % instances().length]!.url;
  /** Comparisons made so far, on all instances together. */
  const compared = async (credential: Way["credential"]) => {
    let total = 0;
    for (const app of instances()) total += await credentialChecks(app.url, credential);
    return total;
  };

  /** Sends `attempts` at once; how they were answered, and how many secrets were compared meanwhile. */
  async function burst(credential: Way["credential"], attempts: ((url: string) => Promise<Attempt>)[]) {
    await openConnections(instances().map((app) => app.url), attempts.length);
    const before = await compared(credential);
    const results = await Promise.all(attempts.map((attempt, i) => attempt(urlOf(i))));
    return { results, compared: (await compared(credential)) - before };
  }

  function expectBounded({ results, compared }: { results: Attempt[]; compared: number }) {
    expect(compared).toBeLessThanOrEqual(LIMIT);
    const refused = results.filter((r) => r.outcome === "refused");
    const throttled = results.filter((r) => r.outcome === "throttled");
    // Every 401 was a comparison, and no 429 was one.
    expect(refused).toHaveLength(compared);
    expect(throttled).toHaveLength(BURST - compared);
    for (const r of throttled) expectRetryAfter(r);
  }

  describe.each(WAYS)("$name", (way) => {
    it(`compares at most ${LIMIT} of ${BURST} wrong secrets sent at once, and answers the others 429 with Retry-After`, async () => {
      const target = await newTarget(instances()[0]!);
      expectBounded(await burst(way.credential, Array.from({ length: BURST }, (_, i) => (url) => way.attempt(url, target, `wrong-${i}`))));
      // The key stays locked for the window, the right secret included.
      const after = await way.attempt(urlOf(1), target);
      expect(after.outcome).toBe("throttled");
      expectRetryAfter(after);
    });

    it(`lets ${GOOD_BURST} good requests sent at once all succeed, on a fresh key and on one ${LIMIT - 1} failures short of the limit`, async () => {
      const target = await newTarget(instances()[0]!);
      const good = () => burst(way.credential, Array.from({ length: GOOD_BURST }, () => (url) => way.attempt(url, target)));
      expect(outcomes((await good()).results)).toEqual(Array(GOOD_BURST).fill("accepted"));
      for (let i = 0; i < LIMIT - 1; i++) expect((await way.attempt(urlOf(i), target, `wrong-${i}`)).outcome).toBe("refused");
      expect(outcomes((await good()).results)).toEqual(Array(GOOD_BURST).fill("accepted"));
      // The successes left the count of failures where it was: one more wrong secret is compared, then the key is locked.
      expect((await way.attempt(urlOf(0), target, "wrong-last")).outcome).toBe("refused");
      expect((await way.attempt(urlOf(1), target)).outcome).toBe("throttled");
    });
  });

  it(`counts wrong secrets for one Client ID together, whichever way each is sent: at most ${LIMIT} compared`, async () => {
    const target = await newTarget(instances()[0]!);
    const ways = WAYS.filter((w) => w.credential === "app_password");
    expectBounded(await burst("app_password", Array.from({ length: BURST }, (_, i) => (url) => ways[i % ways.length]!.attempt(url, target, `wrong-${i}`))));
  });
}

describe("in memory, one instance", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_IP_LIMIT: "100000", AUTH_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS) } });
  });
  afterAll(() => app?.close());

  burstTests(() => [app]);

  it(`compares at most ${LIMIT} of ${BURST} guesses sent at once from one address for as many Client IDs`, async () => {
    const byIp = await startTestApp({ databaseUrl: app.databaseUrl, env: { AUTH_FAILURE_LIMIT: "100000", AUTH_FAILURE_IP_LIMIT: String(LIMIT) } });
    try {
      await openConnections([byIp.url], BURST);
      const before = await credentialChecks(byIp.url, "app_password");
      const results = await Promise.all(
        Array.from({ length: BURST }, async (_, i) => outcomeOf(await scimProbe(byIp.url, basic(`rb_guess${i}`, "wrong")), 200)),
      );
      const compared = (await credentialChecks(byIp.url, "app_password")) - before;
      expect(compared).toBeLessThanOrEqual(LIMIT);
      expect(results.filter((r) => r.outcome === "refused")).toHaveLength(compared);
      const throttled = results.filter((r) => r.outcome === "throttled");
      expect(throttled).toHaveLength(BURST - compared);
      for (const r of throttled) expectRetryAfter(r);
    } finally {
      await byIp.close();
    }
  });
});

// Runs only where REDIS_URL points at a Redis (e.g. REDIS_URL=redis://127.0.0.1:6379 npx vitest run …).
describe.skipIf(!process.env.REDIS_URL)("through Redis (REDIS_URL), two instances", () => {
  const prefix = `rolebridge-test:${randomUUID()}:`;
  const instances: TestApp[] = [];

  beforeAll(async () => {
    const env = {
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_KEY_PREFIX: prefix,
      AUTH_FAILURE_LIMIT: String(LIMIT),
      AUTH_FAILURE_IP_LIMIT: "100000",
      AUTH_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    };
    instances.push(await startTestApp({ env }));
    instances.push(await startTestApp({ databaseUrl: instances[0]!.databaseUrl, env }));
  });
  afterAll(async () => {
    for (const app of instances.reverse()) await app.close();
    const redis = new Redis(process.env.REDIS_URL!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  burstTests(() => instances);
});
