import type { MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import { sqlOf } from "../db/sql.js";
import { DomainError } from "../domain/errors.js";
import type { Principal } from "../domain/principal.js";
import { authenticateIssuedToken } from "./app-password-authentication.js";
import type { TokenService } from "./jwt.js";
import { loadSessionPrincipal } from "./principal-loader.js";

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

/** Resolves `Authorization: Bearer <JWT>` into a Principal (GraphQL sessions and OAuth access tokens), in one statement. */
export function resolvePrincipal(orm: MikroORM, tokens: TokenService) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (!header) return next();
    try {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new DomainError("UNAUTHENTICATED", "unsupported Authorization scheme; send Bearer <token>");
      const claims = await tokens.verify(match[1]!);
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
