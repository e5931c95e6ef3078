/**
 * `POST /admin/session/impersonation` and `DELETE /admin/session/impersonation`: a platform
 * operator, signed in to the console, opens an impersonated session as a company user and later
 * returns to their own. The session is the `impersonate` mutation's (ImpersonationService: the
 * RFC 8693 `act` claim, 15 minutes, an audit event in the user's company); only where the token
 * goes differs: into the httpOnly cookie, with the operator's own token kept aside in another, so
 * neither ever reaches a page script.
 */
import express, { Router } from "express";
import { z } from "zod";
import type { MikroORM } from "@mikro-orm/postgresql";
import { DomainError } from "../domain/errors.js";
import type { ImpersonationService } from "../domain/impersonation/impersonation.service.js";
import type { Scope } from "../domain/scope.js";
import { TENANT_FILTER } from "../domain/tenant.js";
import type { TokenService } from "./jwt.js";
import { resolvePrincipal } from "./resolve-principal.js";
import { OPERATOR_SESSION_COOKIE, SESSION_COOKIE, sessionCookieOf, sessionCookieOptions } from "./session-cookie.js";

const Begin = z.object({
  companyId: z.string().min(1).max(100),
  userName: z.string().min(1).max(500),
  reason: z.string().max(1000),
});

const STATUS: Partial<Record<DomainError["code"], number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

export function consoleImpersonationRoute(orm: MikroORM, tokens: TokenService, impersonation: ImpersonationService): Router {
  const router = Router();
  // consoleSessionRoute has already refused requests to /admin/session/* without the CSRF header.
  router.post("/admin/session/impersonation", express.json({ limit: "16kb" }), resolvePrincipal(orm, tokens, { sessionCookie: true }), async (req, res, next) => {
    const operatorToken = sessionCookieOf(req);
    if (!req.principal || !operatorToken || req.headers.authorization) {
      const error = req.authError ?? new DomainError("UNAUTHENTICATED", "sign in to the console first");
      res.status(401).json({ error: { code: error.code, message: error.message } });
      return;
    }
    const input = Begin.safeParse(req.body);
    if (!input.success) {
      res.status(400).json({ error: { code: "BAD_USER_INPUT", message: "send companyId, userName and reason" } });
      return;
    }
    try {
      const em = orm.em.fork();
      em.setFilterParams(TENANT_FILTER, { companyId: req.principal.companyId });
      const scope: Scope = { em: em as Scope["em"], principal: req.principal };
      const session = await impersonation.begin(scope, input.data);
      // The operator's token waits as long as it would have lived anyway: the browser's session.
      const options = sessionCookieOptions(req);
      res.cookie(OPERATOR_SESSION_COOKIE, operatorToken, options);
      res.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(req, session.expiresAt));
      res.set("Cache-Control", "no-store");
      res.status(200).json({ expiresAt: session.expiresAt.toISOString(), user: { id: session.user.id, userName: session.user.userName } });
    } catch (err) {
      if (!(err instanceof DomainError)) return next(err);
      res.status(STATUS[err.code] ?? 400).json({ error: { code: err.code, message: err.message } });
    }
  });
  router.delete("/admin/session/impersonation", (req, res) => {
    const operatorToken = sessionCookieOf(req, OPERATOR_SESSION_COOKIE);
    const options = sessionCookieOptions(req);
    res.clearCookie(OPERATOR_SESSION_COOKIE, options);
    // Back to the operator's own session; an impersonated session opened elsewhere has none to go back to, and just ends.
    if (operatorToken) res.cookie(SESSION_COOKIE, operatorToken, options);
    else res.clearCookie(SESSION_COOKIE, options);
    res.set("Cache-Control", "no-store");
    res.status(200).json({ restored: Boolean(operatorToken) });
  });
  return router;
}
