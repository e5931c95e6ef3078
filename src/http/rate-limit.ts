/**
 * Brute-force protection: repeated FAILED authentication by Client ID, by client IP
 * and by userName (GraphQL login) gets 429 with Retry-After, through express-rate-limit. Counts
 * live in memory, or in Redis when REDIS_URL is set so every instance shares them.
 *
 * Only failures count, and a request that succeeds is never slowed or counted. express-rate-limit's
 * own `skipSuccessfulRequests` counts every request when it starts and takes successes back when
 * they finish, so 25 concurrent good requests from one IdP (Entra's gallery bar is 25 a second)
 * would briefly look like 25 failures and be refused. Instead:
 *  - before authentication, each limiter reads its counter (`store.get`) and is skipped while the
 *    counter is under the limit: a good request costs one read per key and is never counted;
 *  - once a request has finished and its outcome was an authentication failure, the counters of
 *    its keys are incremented;
 *  - over the limit, express-rate-limit answers (429, Retry-After) through the handler here, in
 *    the body the surface speaks: a SCIM error on /scim/v2, an OAuth error on /oauth2/token, a
 *    GraphQL error (code TOO_MANY_REQUESTS) on /graphql.
 * Failing attempts that run concurrently all pass the read before any is counted, so an attacker
 * gets at most (limit + concurrency − 1) attempts per window, not more.
 *
 * The per-IP limit is higher than the per-Client-ID one: Okta, Entra and SailPoint call from
 * shared egress addresses, and one tenant's misconfigured connector must not lock the others out.
 *
 * What counts is what can be guessed: a Client Secret (HTTP Basic, the bearer app-password token,
 * the token endpoint) and a password (GraphQL login). A signed token (an OAuth access token on
 * SCIM, a session on GraphQL) is verified cryptographically, so a bad one is no guess: it is
 * neither counted nor refused here. An IdP or a browser retrying with an expired token must not
 * lock its neighbours out, and a valid token keeps working from an address that is locked.
 */
import type { Request, RequestHandler, Response } from "express";
import { type ClientRateLimitInfo, ipKeyGenerator, MemoryStore, rateLimit, type Store } from "express-rate-limit";
import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse, type SelectionNode, type ValueNode } from "graphql";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { RedisStore } from "rate-limit-redis";
import { parseBasicAuthorization } from "../auth/basic.js";
import type { Config } from "../config.js";
import { MAX_TOKENS } from "../graphql/limits.js";
import { ScimError } from "../scim/errors.js";
import { sendScimError } from "../scim/media-type.js";

/** The surfaces that authenticate, each with its own error body. */
type Surface = "scim" | "oauth" | "graphql";

/** What a 429 is counted by. */
type Dimension = "ip" | "clientId" | "userName";

const DIMENSION_WORDS: Record<Dimension, string> = {
  ip: "from this address",
  clientId: "for this Client ID",
  userName: "for this userName",
};

/** The credentials a request presents, as keys of the failure counters. */
interface AuthAttempt {
  surface: Surface;
  keys: Partial<Record<Dimension, string[]>>;
  /** GraphQL: the response keys of the `login` fields, and each one's userName key. */
  logins: { responseKey: string; userNameKey: string }[];
  /** GraphQL: response keys of login fields that failed to authenticate. */
  failedLogins: string[];
  /** The key each limiter found over its limit (its keyGenerator returns it). */
  over: Partial<Record<Dimension, string>>;
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
  /** Pass to the token route: it runs after the form is parsed, before the client is authenticated. */
  oauthToken: RequestHandler[];
  /** Mount after express.json(), before resolvePrincipal (it looks at login mutations only). */
  graphql: RequestHandler[];
  close(): Promise<void>;
}

const MAX_KEY_LENGTH = 256;
// The single-string app-password token `<clientId>.<secret>` (auth/bearer.ts).
const APP_PASSWORD_TOKEN = /^Bearer[ \t]+([A-Za-z0-9_-]{1,256})\.[A-Za-z0-9_-]+[ \t]*$/i;

/**
 * Builds the limiters. With REDIS_URL it connects first (failing fast on a wrong URL); later
 * Redis outages let requests through unlimited rather than stop provisioning (logged).
 */
export async function createAuthRateLimit(config: Config, log: Logger): Promise<AuthRateLimit> {
  const windowMs = config.AUTH_FAILURE_WINDOW_SECONDS * 1000;
  let redis: Redis | undefined;
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 1_000 });
    redis.on("error", (err) => log.warn({ err: { message: err.message } }, "redis error (brute-force counters)"));
    await redis.connect();
  }
  const client = redis;
  const stores: Record<Dimension, Store> = {
    ip: storeFor("ip"),
    clientId: storeFor("clientId"),
    userName: storeFor("userName"),
  };
  function storeFor(dimension: Dimension): Store {
    if (!client) return new MemoryStore();
    return new RedisStore({
      sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<never>,
      prefix: `${config.REDIS_KEY_PREFIX}auth-failures:${dimension}:`,
    });
  }
  const limitOf = (d: Dimension) => (d === "ip" ? config.AUTH_FAILURE_IP_LIMIT : config.AUTH_FAILURE_LIMIT);
  const warn = (err: unknown, message?: string) => log.warn({ err }, message ?? "brute-force limiter");
  const loggerForLimiter = { error: warn, warn };

  const limiters = (Object.keys(stores) as Dimension[]).map((dimension) => {
    const store = stores[dimension];
    const limit = limitOf(dimension);
    return rateLimit({
      windowMs,
      limit,
      store,
      requestPropertyName: `authFailures_${dimension}`,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      // A Redis outage must not stop provisioning: let the request through (and log).
      passOnStoreError: true,
      logger: loggerForLimiter,
      // Runs only for requests that present credentials, and only while a key is over the limit.
      skip: async (req) => {
        const keys = req.authAttempt?.keys[dimension];
        if (!keys?.length) return true;
        for (const key of keys) {
          let hits: ClientRateLimitInfo | undefined;
          try {
            hits = await store.get?.(key);
          } catch (err) {
            warn(err, "could not read a brute-force counter; request allowed");
            return true;
          }
          if (hits && hits.totalHits >= limit && (!hits.resetTime || hits.resetTime.getTime() > Date.now())) {
            req.authAttempt!.over[dimension] = key;
            return false;
          }
        }
        return true;
      },
      keyGenerator: (req) => req.authAttempt!.over[dimension]!,
      handler: (req, res) => {
        const info = (req as unknown as Record<string, { resetTime?: Date } | undefined>)[`authFailures_${dimension}`];
        const seconds = Math.max(1, Math.ceil(((info?.resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
        res.setHeader("Retry-After", String(seconds));
        log.warn({ surface: req.authAttempt!.surface, dimension, requestId: req.requestId }, "authentication refused: too many failures");
        sendTooMany(req, res, `too many failed authentication attempts ${DIMENSION_WORDS[dimension]}; retry after ${seconds} seconds`);
      },
    });
  });

  /** After the response: count the failure against every key the request presented. */
  function countFailures(req: Request, res: Response): void {
    res.on("finish", () => {
      const attempt = req.authAttempt;
      if (!attempt || res.statusCode === 429) return;
      const failures = failuresOf(attempt, req, res);
      if (failures.length === 0) return;
      const increments: unknown[] = [];
      for (const failure of failures) {
        for (const dimension of ["ip", "clientId"] as const) {
          for (const key of attempt.keys[dimension] ?? []) increments.push(stores[dimension].increment(key));
        }
        if (failure.userNameKey) increments.push(stores.userName.increment(failure.userNameKey));
      }
      Promise.all(increments).catch((err: unknown) => warn(err, "could not count an authentication failure"));
    });
  }

  const surface = (which: Surface, extract: (req: Request) => AuthAttempt | undefined): RequestHandler[] => [
    (req, res, next) => {
      try {
        req.authAttempt = extract(req);
      } catch {
        req.authAttempt = undefined;
      }
      if (req.authAttempt) {
        const ip = req.ip ? ipKeyGenerator(req.ip) : undefined;
        if (ip) req.authAttempt.keys.ip = [ip];
        countFailures(req, res);
        if (which === "graphql" && req.authAttempt.logins.length > 0) watchLoginOutcome(req, res);
      }
      next();
    },
    ...limiters,
  ];

  return {
    scim: surface("scim", scimAttempt),
    oauthToken: surface("oauth", oauthAttempt),
    graphql: surface("graphql", graphqlAttempt),
    async close() {
      for (const store of Object.values(stores)) if (store instanceof MemoryStore) store.shutdown();
      if (redis) await redis.quit().catch(() => redis!.disconnect());
    },
  };
}

/** Express "trust proxy" from TRUST_PROXY: a hop count, true/false, or addresses/subnets. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function attempt(surface: Surface, keys: Partial<Record<Dimension, string[]>> = {}): AuthAttempt {
  return { surface, keys, logins: [], failedLogins: [], over: {} };
}

function clientIdKeys(clientId: string | undefined): string[] {
  return clientId && clientId.length <= MAX_KEY_LENGTH ? [clientId] : [];
}

/**
 * SCIM: HTTP Basic carries the Client ID, and the bearer app-password token starts with it. Other
 * bearer tokens (OAuth JWTs) are signed, not guessed, and are left alone (see the top).
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
  const appPasswordToken = APP_PASSWORD_TOKEN.exec(header);
  return appPasswordToken ? attempt("scim", { clientId: clientIdKeys(appPasswordToken[1]) }) : undefined;
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
  const a = attempt("graphql", { userName: [...new Set(logins.map((l) => l.userNameKey))] });
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

/** The failures a finished request amounts to (one for refused credentials, one per failed login field). */
function failuresOf(attempt: AuthAttempt, req: Request, res: Response): { userNameKey?: string }[] {
  switch (attempt.surface) {
    case "scim":
      // A secret was sent and refused (not: none sent, SCIM off, database down).
      return req.authError?.code === "UNAUTHENTICATED" ? [{}] : [];
    case "oauth":
      // invalid_client is the token endpoint's only 401.
      return res.statusCode === 401 ? [{}] : [];
    case "graphql":
      return attempt.failedLogins.map((key) => ({ userNameKey: attempt.logins.find((l) => l.responseKey === key)?.userNameKey }));
  }
}

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
