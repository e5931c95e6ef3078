/**
 * Brute-force protection: FAILED authentications by Client ID, by client IP and by company +
 * userName (GraphQL login) are limited per window; past the limit the attempt is refused
 * (`AttemptsRefused`, which each surface answers 429 with Retry-After). The counts live in memory,
 * or in Redis when REDIS_URL is set so every instance shares them (attempt-slots.ts,
 * redis-attempt-slots.ts).
 *
 * The limits are applied where a secret is compared, around the comparison, by the code that
 * compares it: SCIM's credential check (resolve-scim-principal.ts), the token endpoint
 * (oauth2-token.route.ts) and the login (login.ts). That code has already read the credential and
 * learns the outcome first-hand, so nothing here parses a request or a response.
 *
 * An attempt takes its slot before its secret is compared. Each key has `limit` slots per window:
 *  - before the comparison, the attempt reserves one slot of each of its keys, atomically (all or
 *    none);
 *  - a key with `limit` failures in its window refuses the attempt (Retry-After: the end of the
 *    window) without the secret being compared;
 *  - a key whose remaining slots are all held by attempts in progress makes the attempt wait,
 *    briefly, until one of them ends;
 *  - once the comparison is decided, a failure (UNAUTHENTICATED) keeps its slot for the rest of
 *    the window, and a success (or an error that is no verdict on the secret, such as the database
 *    being down) gives it back.
 * So failures + attempts in progress never exceed the limit, and at most `limit` wrong secrets per
 * key are compared in a window however many arrive at once, on one instance or many. Reading the
 * count first and counting failures afterwards, as a plain rate limiter does, let every attempt
 * of a parallel burst through before the first failure was counted.
 *
 * The trade-off is the wait. Until it has been compared, a good secret cannot be told from a
 * wrong one. When the slots a key has left are all held by attempts in progress, a newcomer can be
 * refused (then the 25 good requests Entra sends at once from one IdP would meet 429s without a
 * single failure), let through (then a burst that arrives before its first failure is counted has
 * no bound at all), or made to wait. It waits: an attempt is refused for failures, never because
 * other attempts are in progress, unless it has waited WAIT_FOR_SLOT_MS (then Retry-After: 1). The
 * cost is concurrency per key: at most `limit` authentications of one key run at a time, fewer as
 * its failures add up (one at limit − 1), and the rest take turns. A turn is short: the slot is
 * given back as soon as the secret has been judged (for SCIM, one database statement), before the
 * SCIM operation runs or the session or access token is signed.
 *
 * A reservation that is never settled (an instance died mid-attempt) lapses after LEASE_MS. Redis
 * failures let attempts through unlimited rather than stop provisioning (logged).
 *
 * The per-IP limit is higher than the per-Client-ID one: Okta, Entra and SailPoint call from
 * shared egress addresses, and one tenant's misconfigured connector must not lock the others out.
 *
 * What counts is what can be guessed: a Client Secret (HTTP Basic, the bearer app-password token,
 * the token endpoint) and a password (GraphQL login). A signed token (an OAuth access token on
 * SCIM, a session on GraphQL) is verified cryptographically, so a bad one is no guess: it takes
 * no slot and is never refused. An IdP or a browser retrying with an expired token must not lock
 * its neighbours out, and a valid token keeps working from an address that is locked.
 *
 * rate-limiter-flexible was weighed and not used: its `consume` is one counter per key, so an
 * attempt cannot take the slots of its Client ID and its address all or none (RateLimiterUnion
 * consumes each limiter separately and keeps what it took when another refuses), a key full of
 * attempts in progress cannot be told from a key full of failures (so good requests arriving
 * together would be refused instead of waiting), its window starts at the first attempt rather
 * than the first failure, and an attempt never settled counts as a failure for the whole window
 * instead of lapsing.
 */
import { ipKeyGenerator } from "express-rate-limit";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { DomainError } from "../domain/errors.js";
import { type AttemptSlots, MemoryAttemptSlots, type Reservation, type SlotKey } from "./attempt-slots.js";
import { RedisAttemptSlots } from "./redis-attempt-slots.js";

/** What an attempt is counted by. */
export type AttemptDimension = "ip" | "clientId" | "userName";

/** Who is attempting: the values a guess is counted by (those absent are not counted). */
export interface Attempter {
  /** The client's address as express reports it (`req.ip`, so behind TRUST_PROXY the forwarded one). */
  ip?: string;
  /** The Client ID of an app password. */
  clientId?: string;
  /** The company slug and userName of a login. */
  login?: { company: string; userName: string };
}

const DIMENSION_WORDS: Record<AttemptDimension, string> = {
  ip: "from this address",
  clientId: "for this Client ID",
  userName: "for this userName",
};

/** An attempt refused without its secret being compared; each surface answers it 429 with Retry-After. */
export class AttemptsRefused extends DomainError {
  constructor(
    message: string,
    readonly dimension: AttemptDimension,
    readonly retryAfterSeconds: number,
  ) {
    super("TOO_MANY_REQUESTS", message);
  }
}

const MAX_KEY_LENGTH = 256;
/** How long an attempt may wait for a slot held by attempts in progress before it is refused. */
const WAIT_FOR_SLOT_MS = 10_000;
/**
 * When an unsettled reservation lapses: longer than an authentication can take (a statement waits
 * at most 5 s for a connection and runs at most 35 s), so only a dead instance's reservations lapse.
 */
const LEASE_MS = 60_000;

type Key = SlotKey & { dimension: AttemptDimension };

/** The brute-force limits of every guessable secret, shared by SCIM, the token endpoint and login. */
export class AuthAttemptLimits {
  constructor(
    private readonly slots: AttemptSlots,
    private readonly limits: { perKey: number; perIp: number },
    private readonly onStoreError: (err: unknown, message: string) => void = () => {},
    /** Opens the store's connection, so a wrong REDIS_URL fails the start rather than the first login. */
    private readonly connect: () => Promise<void> = async () => {},
  ) {}

  async open(): Promise<void> {
    await this.connect();
  }

  /**
   * Runs `compare` (the comparison of a guessable secret) holding a slot of each of the
   * attempter's keys, and counts it as a failure when it throws UNAUTHENTICATED. Throws
   * AttemptsRefused, without running `compare`, when a key is over its limit, or when the slots
   * stayed held by attempts in progress for WAIT_FOR_SLOT_MS. `signal`: the caller went away, so
   * stop waiting.
   */
  async attempt<T>(attempter: Attempter, compare: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const keys = this.keysOf(attempter);
    const id = keys.length > 0 ? await this.reserve(keys, signal) : undefined;
    if (id === undefined) return compare();
    let failed = false;
    try {
      return await compare();
    } catch (err) {
      failed = err instanceof DomainError && err.code === "UNAUTHENTICATED";
      throw err;
    } finally {
      try {
        await this.slots.settle(id, keys, keys.map(() => failed));
      } catch (err) {
        this.onStoreError(err, "could not count an authentication attempt");
      }
    }
  }

  async close(): Promise<void> {
    await this.slots.close();
  }

  /** Takes a slot of every key, waiting while attempts in progress hold them; undefined when the store failed (allowed). */
  private async reserve(keys: Key[], signal: AbortSignal | undefined): Promise<string | undefined> {
    const deadline = Date.now() + WAIT_FOR_SLOT_MS;
    for (let round = 0; ; round++) {
      let reservation: Reservation;
      try {
        reservation = await this.slots.reserve(keys);
      } catch (err) {
        this.onStoreError(err, "could not take a brute-force slot; request allowed");
        return undefined;
      }
      if (reservation.outcome === "granted") return reservation.id;
      const { dimension } = keys[reservation.index]!;
      if (reservation.outcome === "over") {
        const seconds = Math.max(1, Math.ceil(reservation.retryAfterMs / 1000));
        throw new AttemptsRefused(`too many failed authentication attempts ${DIMENSION_WORDS[dimension]}; retry after ${seconds} seconds`, dimension, seconds);
      }
      // Nobody is left to answer, or the wait is over: refuse without comparing.
      if (signal?.aborted || Date.now() >= deadline) {
        throw new AttemptsRefused(`too many authentication attempts in progress ${DIMENSION_WORDS[dimension]}; retry after 1 seconds`, dimension, 1);
      }
      // Attempts in progress end within a database statement or an argon2 comparison; poll with a short, jittered backoff.
      await new Promise((resolve) => setTimeout(resolve, Math.min(25, 2 ** round) * (0.5 + Math.random())));
    }
  }

  /** The slot keys of an attempter, in the order a refusal is reported (address first). */
  private keysOf({ ip, clientId, login }: Attempter): Key[] {
    const keys: Key[] = [];
    const add = (dimension: AttemptDimension, value: string) => {
      // A longer value is no Client ID or userName anyone holds; the address still counts it.
      if (value.length <= MAX_KEY_LENGTH) keys.push({ dimension, key: `${dimension}:${value}`, limit: dimension === "ip" ? this.limits.perIp : this.limits.perKey });
    };
    // IPv6 clients are counted by their /56 network: one host holds many addresses.
    if (ip) add("ip", ipKeyGenerator(ip));
    if (clientId) add("clientId", clientId);
    // Ignoring case and surrounding spaces, so " Admin" is counted against the same account as "admin".
    if (login) add("userName", `${login.company.trim().toLowerCase()}/${login.userName.trim().toLowerCase()}`);
    return keys;
  }
}

/**
 * The limits from the configuration. With REDIS_URL the connection opens in `open()` (failing fast
 * on a wrong URL); later Redis outages let attempts through unlimited rather than stop
 * provisioning (logged).
 */
export function createAuthAttemptLimits(config: Config, log?: Logger): AuthAttemptLimits {
  const windowMs = config.AUTH_FAILURE_WINDOW_SECONDS * 1000;
  const limits = { perKey: config.AUTH_FAILURE_LIMIT, perIp: config.AUTH_FAILURE_IP_LIMIT };
  const onStoreError = (err: unknown, message: string) => log?.warn({ err }, message);
  if (!config.REDIS_URL) return new AuthAttemptLimits(new MemoryAttemptSlots(windowMs, LEASE_MS), limits, onStoreError);
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 1_000 });
  redis.on("error", (err) => log?.warn({ err: { message: err.message } }, "redis error (brute-force counters)"));
  return new AuthAttemptLimits(new RedisAttemptSlots(redis, config.REDIS_KEY_PREFIX, windowMs, LEASE_MS), limits, onStoreError, () => redis.connect());
}
