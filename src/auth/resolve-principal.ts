import type { MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import { DomainError } from "../domain/errors.js";
import type { TokenService } from "./jwt.js";
import { loadPrincipal } from "./principal-loader.js";
import type { Principal } from "./principal.js";

declare module "express-serve-static-core" {
  interface Request {
    /** Set by resolvePrincipal when the request carried valid credentials. */
    principal?: Principal;
    /** Set when credentials were present but wrong (the route decides whether that is fatal). */
    authError?: DomainError;
  }
}

/** Resolves `Authorization: Bearer <JWT>` into a Principal (GraphQL sessions and OAuth access tokens). */
export function resolvePrincipal(orm: MikroORM, tokens: TokenService) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (!header) return next();
    try {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new DomainError("UNAUTHENTICATED", "unsupported Authorization scheme; send Bearer <token>");
      const claims = await tokens.verify(match[1]!);
      const em = orm.em.fork();
      req.principal = await loadPrincipal(
        em,
        { companyId: claims.company, userId: claims.sub },
        { kind: claims.typ === "access" ? "oauth-token" : "session", appPasswordId: claims.app_password },
        claims.act?.sub,
      );
    } catch (err) {
      if (!(err instanceof DomainError)) return next(err);
      req.authError = err;
    }
    next();
  };
}
