/**
 * Brute-force protection: FAILED authentications by Client ID, by client IP and by company +
 * userName (GraphQL login) are limited per window; past the limit the answer is 429 with
 * Retry-After. The counts live in memory, or in Redis when REDIS_URL is set so every instance
 * shares them (attempt-slots.ts, redis-attempt-slots.ts).
 *
 * An attempt takes its slot before its secret is compared. Each key has `limit` slots per window:
 *  - before authentication, a request presenting a guessable secret reserves one slot of each of
 *    its keys, atomically (all or none);
 *  - a key with `limit` failures in its window answers 429 (Retry-After: the end of the window)
 *    without the secret being compared;
 *  - a key whose remaining slots are all held by attempts in progress makes the request wait,
 *    briefly, until one of them ends;
 *  - once the request's outcome is known, a failure keeps its slot for the rest of the window,
 *    and a success (or a request that compared nothing) gives it back.
 * So failures + attempts in progress never exceed the limit, and at most `limit` wrong secrets per
 * key are compared in a window however many arrive at once, on one instance or many. Reading the
 * count first and counting failures afterwards, as a plain rate limiter does, let every attempt
 * of a parallel burst through before the first failure was counted.
 *
 * The trade-off is the wait. Until it has been compared, a good secret cannot be told from a
 * wrong one. When the slots a key has left are all held by attempts in progress, a newcomer can be
 * refused (then the 25 good requests Entra sends at once from one IdP would meet 429s without a
 * single failure), let through (then a burst that arrives before its first failure is counted has
 * no bound at all), or made to wait. It waits: a request is refused for failures, never because
 * other requests are in progress, unless it has waited WAIT_FOR_SLOT_MS (then 429, Retry-After:
 * 1). The cost is concurrency per key: at most `limit` authentications of one key run at a time,
 * fewer as its failures add up (one at limit − 1), and the rest take turns. A turn is short: a
 * SCIM request gives its slot back as soon as its credentials have been checked, before the SCIM
 * operation runs (one database statement); a login or a token request holds it until its
 * response is sent.
 *
 * A request that ends without a response (the client went away) may still be comparing its
 * secret, so its attempt counts as failed. A reservation that is never settled (an instance died
 * mid-attempt) lapses after LEASE_MS. Redis failures let requests through unlimited rather than
 * stop provisioning (logged).
 *
 * The per-IP limit is higher than the per-Client-ID one: Okta, Entra and SailPoint call from
 * shared egress addresses, and one tenant's misconfigured connector must not lock the others out.
 *
 * What counts is what can be guessed: a Client Secret (HTTP Basic, the bearer app-password token,
 * the token endpoint) and a password (GraphQL login). A signed token (an OAuth access token on
 * SCIM, a session on GraphQL) is verified cryptographically, so a bad one is no guess: it takes
 * no slot and is never refused here. An IdP or a browser retrying with an expired token must not
 * lock its neighbours out, and a valid token keeps working from an address that is locked.
 *
 * Over the limit, the answer is in the body the surface speaks: a SCIM error on /scim/v2, an
 * OAuth error on /oauth2/token, a GraphQL error (code TOO_MANY_REQUESTS) on /graphql.
 */
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator } from "express-rate-limit";
import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse, type SelectionNode, type ValueNode } from "graphql";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { parseBasicAuthorization } from "../auth/basic.js";
import { classifyBearer, parseBearerAuthorization } from "../auth/bearer.js";
import type { Config } from "../config.js";
import { MAX_TOKENS } from "../graphql/limits.js";
import { ScimError } from "../scim/errors.js";
import { sendScimError } from "../scim/media-type.js";
import { type AttemptSlots, MemoryAttemptSlots, type Reservation, type SlotKey } from "../auth/attempt-slots.js";
import { RedisAttemptSlots } from "../auth/redis-attempt-slots.js";

/** The surfaces that authenticate, each with its own error body. */
type Surface = "scim" | "oauth" | "graphql";

/** What an attempt is counted by. */
type Dimension = "ip" | "clientId" | "userName";

const DIMENSION_WORDS: Record<Dimension, string> = {
  ip: "from this address",
  clientId: "for this Client ID",
  userName: "for this userName",
};

/** The credentials a request presents, as keys of the attempt slots. */
interface AuthAttempt {
  surface: Surface;
  keys: Partial<Record<Dimension, string[]>>;
  /** GraphQL: the response keys of the `login` fields, and each one's userName key. */
  logins: { responseKey: string; userNameKey: string }[];
  /** GraphQL: response keys of login fields that failed to authenticate. */
  failedLogins: string[];
  /** Once the slots are held: gives them back or keeps them as failures, by the outcome so far (once). */
  settle?: () => Promise<void>;
}

declare module "express-serve-static-core" {
  interface Request {
    /** Set by the brute-force limiter when the request presents credentials. */
    authAttempt?: AuthAttempt;
  }
}

export interface AuthRateLimit {
  /** Mount after the SCIM provisioning log, before the credential middleware. */
  scim: RequestHandler[];
  /** Mount right after the SCIM credential middleware: settles the attempt before the SCIM operation runs. */
  scimAuthenticated: RequestHandler;
  /** Pass to the token route: it runs after the form is parsed, before the client is authenticated. */
  oauthToken: RequestHandler[];
  /** Mount after express.json(), before resolvePrincipal (it looks at login mutations only). */
  graphql: RequestHandler[];
  close(): Promise<void>;
}

const MAX_KEY_LENGTH = 256;
/** How long a request may wait for a slot held by attempts in progress before it gets 429. */
const WAIT_FOR_SLOT_MS = 10_000;
/**
 * When an unsettled reservation lapses: longer than an authentication can take (a statement waits
 * at most 5 s for a connection and runs at most 35 s), so only a dead instance's reservations lapse.
 */
const LEASE_MS = 60_000;
/** Dimensions in the order their refusal is reported. */
const DIMENSIONS: Dimension[] = ["ip", "clientId", "userName"];

/**
 * Builds the limiter. With REDIS_URL it connects first (failing fast on a wrong URL); later
 * Redis outages let requests through unlimited rather than stop provisioning (logged).
 */
export async function createAuthRateLimit(config: Config, log: Logger): Promise<AuthRateLimit> {
  const windowMs = config.AUTH_FAILURE_WINDOW_SECONDS * 1000;
  const slots = await attemptSlots(config, log, windowMs);
  const warn = (err: unknown, message: string) => log.warn({ err }, message);
  const limitOf = (d: Dimension) => (d === "ip" ? config.AUTH_FAILURE_IP_LIMIT : config.AUTH_FAILURE_LIMIT);

  /** Takes the request's slots, waiting while attempts in progress hold them; false when it has answered 429. */
  async function takeSlots(req: Request, res: Response, attempt: AuthAttempt): Promise<boolean> {
    const keys = DIMENSIONS.flatMap((dimension) =>
      [...new Set(attempt.keys[dimension] ?? [])].map((value) => ({ dimension, key: slotKey(dimension, value), limit: limitOf(dimension) })),
    );
    if (keys.length === 0) return true;
    let gone = false;
    res.once("close", () => (gone = true));
    const deadline = Date.now() + WAIT_FOR_SLOT_MS;
    for (let round = 0; ; round++) {
      let reservation: Reservation;
      try {
        reservation = await slots.reserve(keys);
      } catch (err) {
        warn(err, "could not take a brute-force slot; request allowed");
        return true;
      }
      if (reservation.outcome === "granted") {
        holdUntilSettled(req, res, attempt, keys, reservation.id);
        return true;
      }
      const { dimension } = keys[reservation.index]!;
      if (reservation.outcome === "over") {
        const seconds = Math.max(1, Math.ceil(reservation.retryAfterMs / 1000));
        refuse(req, res, dimension, seconds, `too many failed authentication attempts ${DIMENSION_WORDS[dimension]}; retry after ${seconds} seconds`);
        return false;
      }
      // Nobody is left to answer.
      if (gone) return false;
      if (Date.now() >= deadline) {
        refuse(req, res, dimension, 1, `too many authentication attempts in progress ${DIMENSION_WORDS[dimension]}; retry after 1 seconds`);
        return false;
      }
      // Attempts in progress end within a database statement or an argon2 comparison; poll with a short, jittered backoff.
      await new Promise((resolve) => setTimeout(resolve, Math.min(25, 2 ** round) * (0.5 + Math.random())));
    }
  }

  function holdUntilSettled(req: Request, res: Response, attempt: AuthAttempt, keys: (SlotKey & { dimension: Dimension })[], id: string): void {
    let settled = false;
    const settle = async (failed: (key: SlotKey) => boolean) => {
      if (settled) return;
      settled = true;
      try {
        await slots.settle(id, keys, keys.map(failed));
      } catch (err) {
        warn(err, "could not count an authentication attempt");
      }
    };
    attempt.settle = () => {
      const failures = failedKeys(attempt, req, res);
      return settle((k) => failures.has(k.key));
    };
    res.once("finish", () => void attempt.settle!());
    // Ended without a response: the secret may still be being compared, so it counts as a failure.
    res.once("close", () => void settle(() => true));
  }

  function refuse(req: Request, res: Response, dimension: Dimension, seconds: number, detail: string): void {
    res.setHeader("Retry-After", String(seconds));
    log.warn({ surface: req.authAttempt!.surface, dimension, requestId: req.requestId }, "authentication refused: too many attempts");
    sendTooMany(req, res, detail);
  }

  const surface =
    (extract: (req: Request) => AuthAttempt | undefined): RequestHandler =>
    (req, res, next) => {
      let attempt: AuthAttempt | undefined;
      try {
        attempt = extract(req);
      } catch {
        attempt = undefined;
      }
      if (!attempt) return next();
      const ip = req.ip ? ipKeyGenerator(req.ip) : undefined;
      if (ip) attempt.keys.ip = [ip];
      req.authAttempt = attempt;
      if (attempt.surface === "graphql") watchLoginOutcome(req, res);
      takeSlots(req, res, attempt).then((proceed) => proceed && next(), next);
    };

  return {
    scim: [surface(scimAttempt)],
    scimAuthenticated: (req, _res, next) => {
      const settle = req.authAttempt?.settle;
      if (!settle) return next();
      // Before the SCIM operation: a good request's slot is free again while the operation runs,
      // and a failure is counted before the 401 is sent.
      settle().then(() => next(), next);
    },
    oauthToken: [surface(oauthAttempt)],
    graphql: [surface(graphqlAttempt)],
    close: () => slots.close(),
  };
}

async function attemptSlots(config: Config, log: Logger, windowMs: number): Promise<AttemptSlots> {
  if (!config.REDIS_URL) return new MemoryAttemptSlots(windowMs, LEASE_MS);
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 1_000 });
  redis.on("error", (err) => log.warn({ err: { message: err.message } }, "redis error (brute-force counters)"));
  await redis.connect();
  return new RedisAttemptSlots(redis, config.REDIS_KEY_PREFIX, windowMs, LEASE_MS);
}

/** Express "trust proxy" from TRUST_PROXY: a hop count, true/false, or addresses/subnets. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function attempt(surface: Surface, keys: Partial<Record<Dimension, string[]>> = {}): AuthAttempt {
  return { surface, keys, logins: [], failedLogins: [] };
}

function clientIdKeys(clientId: string | undefined): string[] {
  return clientId && clientId.length <= MAX_KEY_LENGTH ? [clientId] : [];
}

/**
 * SCIM: HTTP Basic carries the Client ID, and the bearer app-password token starts with it, both
 * read as the credential middleware reads them. Other bearer tokens (OAuth JWTs) are signed, not
 * guessed, and are left alone (see the top).
 */
function scimAttempt(req: Request): AuthAttempt | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  if (/^Basic(\s|$)/i.test(header)) {
    let clientId: string | undefined;
    try {
      clientId = parseBasicAuthorization(header)?.clientId;
    } catch {
      clientId = undefined;
    }
    return attempt("scim", { clientId: clientIdKeys(clientId) });
  }
  const bearer = parseBearerAuthorization(header);
  const credential = bearer ? classifyBearer(bearer) : undefined;
  return credential?.kind === "app-password" ? attempt("scim", { clientId: clientIdKeys(credential.clientId) }) : undefined;
}

/** The token endpoint: every request is a client authentication (Basic, or client_id in the form). */
function oauthAttempt(req: Request): AuthAttempt {
  const header = req.headers.authorization;
  let clientId: string | undefined;
  if (header && /^Basic(\s|$)/i.test(header)) {
    try {
      clientId = parseBasicAuthorization(header, { formUrlEncoded: true })?.clientId;
    } catch {
      clientId = undefined;
    }
  } else {
    const posted = (req.body as Record<string, unknown> | undefined)?.client_id;
    if (typeof posted === "string") clientId = posted;
  }
  return attempt("oauth", { clientId: clientIdKeys(clientId) });
}

/**
 * GraphQL: a `login` mutation counts by IP and by company + userName (sessions are signed tokens,
 * left alone). Every login field the operation would execute counts, whatever its alias and
 * whether it sits in a fragment.
 */
function graphqlAttempt(req: Request): AuthAttempt | undefined {
  const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  const logins = typeof body?.query === "string" && /\blogin\b/.test(body.query) ? loginFields(body.query, body.variables, body.operationName) : [];
  if (logins.length === 0) return undefined;
  const a = attempt("graphql", { userName: logins.map((l) => l.userNameKey) });
  a.logins = logins;
  return a;
}

function loginFields(query: string, variables: unknown, operationName: unknown): AuthAttempt["logins"] {
  let document: DocumentNode;
  try {
    // The same token limit as Apollo's parse: a document it would execute is never one this skips.
    document = parse(query, { maxTokens: MAX_TOKENS });
  } catch {
    return [];
  }
  const vars = (typeof variables === "object" && variables !== null ? variables : {}) as Record<string, unknown>;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation =
    typeof operationName === "string" ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== "mutation") return [];
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const logins: AuthAttempt["logins"] = [];
  const spread = new Set<string>();
  const visit = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !spread.has(fragment.name.value)) {
          spread.add(fragment.name.value);
          visit(fragment.selectionSet.selections);
        }
      } else if (selection.name.value === "login") {
        const arg = (name: string) => valueOf(selection.arguments?.find((a) => a.name.value === name)?.value, vars, operation);
        const company = arg("company")?.trim().toLowerCase() ?? "";
        const userName = arg("userName")?.trim().toLowerCase() ?? "";
        const key = `${company}/${userName}`;
        if (key.length <= MAX_KEY_LENGTH) logins.push({ responseKey: selection.alias?.value ?? "login", userNameKey: key });
      }
    }
  };
  visit(operation.selectionSet.selections);
  return logins;
}

function valueOf(node: ValueNode | undefined, vars: Record<string, unknown>, operation: OperationDefinitionNode): string | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    if (name in vars) return typeof vars[name] === "string" ? vars[name] : undefined;
    const fallback = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
    return fallback?.kind === Kind.STRING ? fallback.value : undefined;
  }
  return undefined;
}

/**
 * A failed GraphQL login is an HTTP 200 whose body carries UNAUTHENTICATED at the login field's
 * path; Apollo's express integration sends the body with res.send, so it is read there.
 */
function watchLoginOutcome(req: Request, res: Response): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    try {
      const text = typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("utf8") : undefined;
      if (text && req.authAttempt) {
        const parsed = JSON.parse(text) as { errors?: { path?: unknown[]; extensions?: { code?: unknown } }[] };
        const keys = new Set(req.authAttempt.logins.map((l) => l.responseKey));
        for (const e of parsed.errors ?? []) {
          const key = e.path?.[0];
          if (e.extensions?.code === "UNAUTHENTICATED" && typeof key === "string" && keys.has(key)) req.authAttempt.failedLogins.push(key);
        }
      }
    } catch {
      // Not JSON: not a GraphQL result, nothing to count.
    }
    return send(body);
  };
}

/** The slot keys whose attempt failed, by the request's outcome so far. */
function failedKeys(attempt: AuthAttempt, req: Request, res: Response): Set<string> {
  const keysOf = (dimensions: Dimension[]) => dimensions.flatMap((d) => (attempt.keys[d] ?? []).map((value) => slotKey(d, value)));
  switch (attempt.surface) {
    case "scim":
      // A secret was sent and refused (not: none sent, SCIM off, database down).
      return new Set(req.authError?.code === "UNAUTHENTICATED" ? keysOf(DIMENSIONS) : []);
    case "oauth":
      // invalid_client is the token endpoint's only 401.
      return new Set(res.statusCode === 401 ? keysOf(DIMENSIONS) : []);
    case "graphql": {
      const failed = attempt.logins.filter((l) => attempt.failedLogins.includes(l.responseKey)).map((l) => slotKey("userName", l.userNameKey));
      return new Set(failed.length > 0 ? [...keysOf(["ip"]), ...failed] : []);
    }
  }
}

const slotKey = (dimension: Dimension, value: string) => `${dimension}:${value}`;

function sendTooMany(req: Request, res: Response, detail: string): void {
  res.status(429);
  switch (req.authAttempt!.surface) {
    case "scim":
      // An RFC 7644 §3.12 error body like every other SCIM error (with the request id), which
      // the facade also keeps for the request's provisioning record.
      sendScimError(req, res, new ScimError(429, undefined, detail));
      return;
    case "oauth":
      // RFC 6749 §5.2 has no code for this; temporarily_unavailable (RFC 6749 §4.1.2.1) is the closest registered one.
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("Pragma", "no-cache");
      res.json({ error: "temporarily_unavailable", error_description: detail });
      return;
    case "graphql":
      res.json({ errors: [{ message: detail, extensions: { code: "TOO_MANY_REQUESTS" } }] });
      return;
  }
}
