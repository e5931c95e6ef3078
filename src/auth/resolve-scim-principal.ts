import type { MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import { isDatabaseUnavailable } from "../db/database-errors.js";
import { type Sql, sqlOf } from "../db/sql.js";
import { DomainError } from "../domain/errors.js";
import type { Principal } from "../domain/principal.js";
import { authenticateAppPassword, authenticateIssuedToken, CredentialRefused } from "./app-password-authentication.js";
import type { AuthAttemptLimits } from "./attempt-limits.js";
import { parseBasicAuthorization } from "./basic.js";
import { whileClientWaits } from "./client-gone.js";
import type { CredentialChecks } from "./credential-checks.js";
import { classifyBearer, parseBearerAuthorization } from "./bearer.js";
import type { TokenService } from "./jwt.js";
// For the Request augmentation (principal, authError, credentialOwner).
import "./resolve-principal.js";

/**
 * Authenticates a SCIM request by any of the three ways IdPs send credentials: HTTP Basic with
 * Client ID and Client Secret (One Model, Okta),
 * `Bearer <clientId>.<secret>` (Entra and OneLogin "Secret Token"), and `Bearer <JWT>` from
 * `POST /oauth2/token` (SailPoint, RFC 6749 §4.4), each in one statement. Sets `req.principal`,
 * or `req.authError` (and `req.credentialOwner` when the credential named a known app password)
 * when credentials were sent but are wrong; with no Authorization header it sets neither, and the
 * router answers 401 with WWW-Authenticate. Whether the company has SCIM on and the principal
 * holds CanProvisionUsersAsSCIM is the router's decision (403, not 401).
 *
 * A Client Secret (HTTP Basic, or the bearer app-password token) is compared within the
 * brute-force limits of its Client ID and the client's address; past them `req.authError` is
 * AttemptsRefused and the secret is not compared. The slot is settled here, before the SCIM
 * operation runs, so a good request's slot is free again while its operation runs and a failure
 * is counted before its 401 is sent.
 *
 * Nothing about a credential's validity is cached: each request reads the app password row, so a
 * revoked credential, and every token issued from it, fails on the very next request on every
 * instance sharing the database.
 */
export function resolveScimPrincipal(orm: MikroORM, tokens: TokenService, checks: CredentialChecks, limits: AuthAttemptLimits) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (!header) return next();
    try {
      const appPassword = (clientId: string, secret: string) =>
        whileClientWaits(res, (signal) => limits.attempt({ ip: req.ip, clientId }, () => authenticateAppPassword(sqlOf(orm.em), checks, clientId, secret), signal));
      req.principal = await authenticate(sqlOf(orm.em), tokens, appPassword, header);
    } catch (err) {
      // The credential could not be checked because the database is unreachable: 503, so the IdP
      // retries, rather than a 401 that reads as a revoked secret or a 500.
      if (isDatabaseUnavailable(err)) err = new DomainError("SERVICE_UNAVAILABLE", "the database is unavailable; retry shortly");
      if (!(err instanceof DomainError)) return next(err);
      req.authError = err;
      if (err instanceof CredentialRefused && err.owner) req.credentialOwner = err.owner;
    }
    next();
  };
}

/** `appPassword` checks a Client ID and secret; a signed access token takes no brute-force slot (it is no guess). */
async function authenticate(
  sql: Sql,
  tokens: TokenService,
  appPassword: (clientId: string, secret: string) => Promise<Principal>,
  header: string,
): Promise<Principal> {
  const basic = parseBasicAuthorization(header);
  if (basic) return appPassword(basic.clientId, basic.secret);

  const bearer = parseBearerAuthorization(header);
  if (!bearer) throw new DomainError("UNAUTHENTICATED", "unsupported Authorization scheme; send Basic or Bearer credentials");
  const credential = classifyBearer(bearer);
  if (credential.kind === "app-password") return appPassword(credential.clientId, credential.secret);

  const claims = await tokens.verify(credential.token);
  // SCIM takes OAuth 2.0 access tokens only; a GraphQL login session is not a provisioning credential.
  if (claims.typ !== "access") {
    throw new DomainError("UNAUTHENTICATED", "a session token is not accepted here; use an app password or an OAuth 2.0 access token");
  }
  // An access token that names no app password could not be revoked, so it is not accepted.
  if (!claims.app_password) throw new DomainError("UNAUTHENTICATED", "the token is not valid");
  return authenticateIssuedToken(sql, claims.app_password, { companyId: claims.company, userId: claims.sub! });
}
