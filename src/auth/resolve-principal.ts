import type { MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import { sqlOf } from "../db/sql.js";
import { DomainError } from "../domain/errors.js";
import type { Principal } from "../domain/principal.js";
import { authenticateIssuedToken } from "./app-password-authentication.js";
import type { TokenService } from "./jwt.js";
import { loadSessionPrincipal } from "./principal-loader.js";
import { CSRF_HEADER, hasCsrfHeader, sessionCookieOf } from "./session-cookie.js";

declare module "express-serve-static-core" {
  interface Request {
    /** Set by the authentication middleware when the request carried valid credentials. */
    principal?: Principal;
    /** Set when credentials were present but wrong (the route decides whether that is fatal). */
    authError?: DomainError;
    /**
     * Set when refused credentials named one of a company's app passwords (a wrong secret, a
     * revoked credential or a token issued from one), so the company's own log shows the refusal.
     */
    credentialOwner?: { companyId: string; appPasswordId: string };
  }
}

/**
 * Resolves `Authorization: Bearer <JWT>` into a Principal (GraphQL sessions and OAuth access tokens), in one statement.
 * With `sessionCookie`, a request without an Authorization header may instead carry the admin
 * console's session cookie; such a request without the console's CSRF header is refused with 403
 * before anything runs, since a cookie is sent by the browser whoever made the page.
 */
export function resolvePrincipal(orm: MikroORM, tokens: TokenService, options: { sessionCookie?: boolean } = {}) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const cookie = !header && options.sessionCookie ? sessionCookieOf(req) : undefined;
    if (!header && !cookie) return next();
    if (cookie && !hasCsrfHeader(req)) {
      res.status(403).json({
        errors: [{ message: `a request authenticated by the session cookie must send the header ${CSRF_HEADER}: 1`, extensions: { code: "FORBIDDEN" } }],
      });
      return;
    }
    try {
      let token: string;
      if (cookie) {
        token = cookie;
      } else {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header!);
        if (!match) throw new DomainError("UNAUTHENTICATED", "unsupported Authorization scheme; send Bearer <token>");
        token = match[1]!;
      }
      const claims = await tokens.verify(token);
      // The cookie only ever holds a signed-in session, never an IdP's access token.
      if (cookie && claims.typ !== "session") throw new DomainError("UNAUTHENTICATED", "the session cookie holds no session; sign in again");
      const sql = sqlOf(orm.em);
      // An access token dies with the app password it was issued from, here as on SCIM.
      req.principal =
        claims.typ === "access"
          ? await authenticateIssuedToken(sql, claims.app_password ?? "", { companyId: claims.company, userId: claims.sub! })
          : await loadSessionPrincipal(sql, { companyId: claims.company, userId: claims.sub! }, { kind: "session" }, claims.act?.sub);
    } catch (err) {
      if (!(err instanceof DomainError)) return next(err);
      req.authError = err;
    }
    next();
  };
}
