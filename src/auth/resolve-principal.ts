import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import { AppPasswordService } from "../domain/app-passwords/app-password.service.js";
import { DomainError } from "../domain/errors.js";
import { User } from "../domain/users/user.entity.js";
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
      if (claims.typ === "access") {
        req.principal = await appPasswords.authenticateIssuedToken(em, claims.app_password ?? "", { companyId: claims.company, userId: claims.sub });
      } else {
        const impersonator = claims.act?.sub;
        // An impersonated session lives only as long as its operator does (issue 5 §4): an operator
        // deactivated or stripped of the role mid-session loses the sessions they opened.
        if (impersonator !== undefined) await requireActiveOperator(em, impersonator);
        req.principal = await loadPrincipal(em, { companyId: claims.company, userId: claims.sub }, { kind: "session" }, impersonator);
      }
    } catch (err) {
      if (!(err instanceof DomainError)) return next(err);
      req.authError = err;
    }
    next();
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function requireActiveOperator(em: EntityManager, operatorId: unknown): Promise<void> {
  const operator =
    typeof operatorId === "string" && UUID.test(operatorId)
      ? await em.findOne(User, { id: operatorId, active: true, isPlatformOperator: true }, { filters: false, fields: ["id"] })
      : null;
  if (!operator) throw new DomainError("UNAUTHENTICATED", "the platform operator who opened this impersonated session can no longer act");
}
