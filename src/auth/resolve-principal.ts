import type { MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import { AppPasswordService } from "../domain/app-passwords/app-password.service.js";
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
export function resolvePrincipal(orm: MikroORM, tokens: TokenService, appPasswords: AppPasswordService = new AppPasswordService()) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (!header) return next();
    try {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new DomainError("UNAUTHENTICATED", "unsupported Authorization scheme; send Bearer <token>");
      const claims = await tokens.verify(match[1]!);
      const em = orm.em.fork();
      // An access token dies with the app password it was issued from, here as on SCIM (issue 5 §3).
      req.principal =
        claims.typ === "access"
          ? await appPasswords.authenticateIssuedToken(em, claims.app_password ?? "", { companyId: claims.company, userId: claims.sub })
          : await loadPrincipal(em, { companyId: claims.company, userId: claims.sub }, { kind: "session" }, claims.act?.sub);
    } catch (err) {
      if (!(err instanceof DomainError)) return next(err);
      req.authError = err;
    }
    next();
  };
}
