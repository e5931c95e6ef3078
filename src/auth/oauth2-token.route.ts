/**
 * `POST /oauth2/token`: the OAuth 2.0 client credentials grant (RFC 6749 §4.4), for IdPs that
 * authenticate to SCIM with a token they fetch themselves (SailPoint: "token URL, client id,
 * client secret"). The client is an app password: its Client ID and Client Secret, sent as
 * HTTP Basic (client_secret_basic) or in the form body (client_secret_post), RFC 6749 §2.3.1.
 * The answer is a JWT access token (typ "access") that names the app password it came from, so
 * revoking the app password kills the token on the next request.
 */
import express, { type NextFunction, type Request, type Response, Router } from "express";
import type { Logger } from "pino";
import { Permission } from "../domain/access-roles/permission.js";
import { DomainError } from "../domain/errors.js";
import type { MikroORM } from "@mikro-orm/postgresql";
import type { Config } from "../config.js";
import type { CredentialChecks } from "./credential-checks.js";
import type { TokenService } from "./jwt.js";
import { type BasicCredentials, parseBasicAuthorization } from "./basic.js";
import { authenticateAppPassword } from "./app-password-authentication.js";
import { type AuthAttemptLimits, AttemptsRefused } from "./attempt-limits.js";
import { whileClientWaits } from "./client-gone.js";
import { sqlOf } from "../db/sql.js";

/** The scopes rolebridge issues; "scim" (the SCIM API) is the only one, and the default. */
const SUPPORTED_SCOPES = new Set(["scim"]);
const DEFAULT_SCOPE = "scim";
/** Which permission each scope needs of the service account. */
const SCOPE_PERMISSION: Record<string, Permission> = { scim: Permission.CanProvisionUsersAsSCIM };

/**
 * RFC 6749 §5.2: invalid_client is a 401 with the scheme the client tried (Basic) in
 * WWW-Authenticate. RFC 7235 §3.1 asks every 401 to name a scheme, so client_secret_post
 * failures carry it too: Basic is the method rolebridge prefers.
 */
const WWW_AUTHENTICATE = 'Basic realm="rolebridge", charset="UTF-8"';

/** RFC 6749 §5.2 error codes (plus temporarily_unavailable for a database outage). */
type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "server_error"
  | "temporarily_unavailable";

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
  }
}

const invalidRequest = (description: string) => new OAuthError(400, "invalid_request", description);
const invalidClient = (description: string) => new OAuthError(401, "invalid_client", description);

/** The token endpoint. */
/** What the token endpoint uses of the application's services. */
export interface TokenEndpointServices {
  orm: MikroORM;
  config: Pick<Config, "ACCESS_TOKEN_TTL_SECONDS">;
  tokens: TokenService;
  credentialChecks: CredentialChecks;
  authAttempts: AuthAttemptLimits;
}

export function oauth2TokenRoute(services: TokenEndpointServices, log: Logger): Router {
  const router = Router();
  // RFC 6749 §4.4.2: parameters in the application/x-www-form-urlencoded entity-body. extended:
  // false keeps repeated parameters as arrays, so they can be refused (RFC 6749 §3.2).
  const form = express.urlencoded({ extended: false, limit: "8kb", parameterLimit: 20, type: "application/x-www-form-urlencoded" });
  router.post("/", form, (req, res, next) => {
    issue(services, req, res).catch(next);
  });
  // RFC 6749 §3.2: "The client MUST use the HTTP POST method".
  router.all("/", (_req, res) => {
    res.setHeader("Allow", "POST");
    sendOAuthError(res, new OAuthError(405, "invalid_request", "use POST with an application/x-www-form-urlencoded body (RFC 6749 §4.4.2)"));
  });
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof OAuthError) return sendOAuthError(res, err);
    if (err instanceof AttemptsRefused) {
      res.setHeader("Retry-After", String(err.retryAfterSeconds));
      log.warn({ surface: "oauth", dimension: err.dimension, requestId: req.requestId }, "authentication refused: too many attempts");
      // RFC 6749 §5.2 has no code for this; temporarily_unavailable (RFC 6749 §4.1.2.1) is the closest registered one.
      return sendOAuthError(res, new OAuthError(429, "temporarily_unavailable", err.message));
    }
    // body-parser's own errors: too large, bad charset, malformed encoding.
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return sendOAuthError(res, new OAuthError(status === 413 ? 413 : 400, "invalid_request", "the request body is not a valid form (application/x-www-form-urlencoded, at most 8 KB)"));
    }
    if (err instanceof DomainError && err.code === "SERVICE_UNAVAILABLE") {
      res.setHeader("Retry-After", "5");
      return sendOAuthError(res, new OAuthError(503, "temporarily_unavailable", err.message));
    }
    log.error({ err }, "unexpected error at the token endpoint");
    sendOAuthError(res, new OAuthError(500, "server_error", "internal error"));
  });
  return router;
}

async function issue(services: TokenEndpointServices, req: Request, res: Response): Promise<void> {
  if (!req.is("application/x-www-form-urlencoded")) {
    throw invalidRequest("send the parameters as application/x-www-form-urlencoded (RFC 6749 §4.4.2)");
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const grantType = single(body, "grant_type");
  const scopeParam = single(body, "scope");
  const client = clientCredentials(req.headers.authorization, single(body, "client_id"), single(body, "client_secret"));

  if (!grantType) throw invalidRequest("grant_type is required; rolebridge supports grant_type=client_credentials");
  if (grantType !== "client_credentials") {
    throw new OAuthError(400, "unsupported_grant_type", `grant_type ${JSON.stringify(grantType.slice(0, 50))} is not supported; use client_credentials`);
  }
  const scope = requestedScope(scopeParam);

  let principal;
  try {
    // Within the brute-force limits of the Client ID and the client's address; a client that went
    // away while its attempt waits for a slot stops waiting.
    principal = await whileClientWaits(res, (signal) =>
      services.authAttempts.attempt(
        { ip: req.ip, clientId: client.clientId },
        () => authenticateAppPassword(sqlOf(services.orm.em), services.credentialChecks, client.clientId, client.secret),
        signal,
      ),
    );
  } catch (err) {
    if (err instanceof DomainError && err.code === "UNAUTHENTICATED") throw invalidClient(err.message);
    throw err;
  }
  const missing = scope.filter((s) => !principal.permissions.has(SCOPE_PERMISSION[s]!));
  if (missing.length > 0) {
    throw new OAuthError(
      400,
      "invalid_scope",
      `the account ${principal.userName} lacks ${missing.map((s) => SCOPE_PERMISSION[s]).join(", ")}, which scope ${missing.join(" ")} needs`,
    );
  }

  const ttl = services.config.ACCESS_TOKEN_TTL_SECONDS;
  const { token } = await services.tokens.sign(
    {
      sub: principal.userId,
      company: principal.companyId,
      typ: "access",
      scope: scope.join(" "),
      app_password: principal.credential.appPasswordId,
      client_id: client.clientId,
    },
    ttl,
  );
  noStore(res);
  // RFC 6749 §5.1.
  res.status(200).json({ access_token: token, token_type: "Bearer", expires_in: ttl, scope: scope.join(" ") });
}

/**
 * RFC 6749 §2.3: one client authentication method per request. HTTP Basic credentials are
 * form-urlencoded before base64 (§2.3.1). A Basic request may repeat its own client_id in the
 * body (§3.2.1 lets clients identify themselves so), but a client_secret there as well is two
 * methods at once.
 */
function clientCredentials(authorization: string | undefined, postedId: string | undefined, postedSecret: string | undefined): BasicCredentials {
  if (authorization) {
    if (!/^Basic(\s|$)/i.test(authorization)) {
      throw invalidClient("unsupported Authorization scheme; authenticate with HTTP Basic (client_secret_basic) or client_id and client_secret in the body (client_secret_post)");
    }
    let basic: BasicCredentials | null;
    try {
      basic = parseBasicAuthorization(authorization, { formUrlEncoded: true });
    } catch (err) {
      if (err instanceof DomainError) throw invalidClient(err.message);
      throw err;
    }
    if (!basic) throw invalidClient("malformed Basic credentials");
    if (postedSecret !== undefined) {
      throw invalidRequest("use one client authentication method: HTTP Basic (client_secret_basic) or client_id and client_secret in the body (client_secret_post), not both (RFC 6749 §2.3)");
    }
    if (postedId !== undefined && postedId !== basic.clientId) {
      throw invalidRequest("client_id in the body differs from the HTTP Basic user name");
    }
    return basic;
  }
  if (postedId === undefined && postedSecret === undefined) {
    throw invalidClient("client authentication is required: HTTP Basic with the Client ID and Client Secret, or client_id and client_secret in the body");
  }
  if (!postedId || !postedSecret) throw invalidClient("client_secret_post needs both client_id and client_secret");
  return { clientId: postedId, secret: postedSecret };
}

/** RFC 6749 §3.3: space-delimited scope tokens; absent (or empty) means the default, "scim". */
function requestedScope(param: string | undefined): string[] {
  const tokens = (param ?? "").split(" ").filter(Boolean);
  if (tokens.length === 0) return [DEFAULT_SCOPE];
  const unknown = tokens.filter((t) => !SUPPORTED_SCOPES.has(t));
  if (unknown.length > 0) {
    throw new OAuthError(400, "invalid_scope", `unknown scope ${JSON.stringify(unknown[0]!.slice(0, 50))}; rolebridge issues scope "scim"`);
  }
  return [...new Set(tokens)];
}

/** A form parameter sent at most once (RFC 6749 §3.2: "MUST NOT be included more than once"). */
function single(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidRequest(`parameter ${name} is repeated; send it once`);
  return value;
}

/** RFC 6749 §5.1: responses carrying tokens (and so, here, every response) are not cached. */
function noStore(res: Response): void {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Pragma", "no-cache");
}

function sendOAuthError(res: Response, err: OAuthError): void {
  noStore(res);
  if (err.status === 401 && !res.getHeader("WWW-Authenticate")) res.setHeader("WWW-Authenticate", WWW_AUTHENTICATE);
  res.status(err.status).json({ error: err.error, error_description: err.description });
}
