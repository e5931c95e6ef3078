/**
 * `POST /admin/session` and `DELETE /admin/session`: the admin console's sign-in and sign-out.
 * Signing in is the `login` mutation's (the same LoginService, its brute-force limits and its one
 * answer for every failure); only where the token goes differs: into an httpOnly cookie that page
 * scripts cannot read, instead of a response body a script would have to keep.
 */
import express, { Router } from "express";
import { z } from "zod";
import type { MikroORM } from "@mikro-orm/postgresql";
import { DomainError } from "../domain/errors.js";
import { AttemptsRefused } from "./attempt-limits.js";
import type { LoginService } from "./login.js";
import { CSRF_HEADER, hasCsrfHeader, OPERATOR_SESSION_COOKIE, SESSION_COOKIE, sessionCookieOptions } from "./session-cookie.js";

const SignIn = z.object({ company: z.string().min(1).max(200), userName: z.string().min(1).max(500), password: z.string().min(1).max(1000) });

export function consoleSessionRoute(orm: MikroORM, login: LoginService): Router {
  const router = Router();
  // A cross-site form could otherwise sign a victim's browser into the attacker's account (login CSRF).
  router.use("/admin/session", (req, res, next) => {
    if (hasCsrfHeader(req)) return next();
    res.status(403).json({ error: { code: "FORBIDDEN", message: `send the header ${CSRF_HEADER}: 1` } });
  });
  router.post("/admin/session", express.json({ limit: "16kb" }), async (req, res, next) => {
    const input = SignIn.safeParse(req.body);
    if (!input.success) {
      res.status(400).json({ error: { code: "BAD_USER_INPUT", message: "send company, userName and password" } });
      return;
    }
    try {
      const { company, userName, password } = input.data;
      // Like the mutation's: no tenant yet, the company comes from its slug.
      const session = await login.login(orm.em.fork(), company, userName, password, req.ip);
      res.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(req, session.expiresAt));
      res.set("Cache-Control", "no-store");
      res.status(200).json({ expiresAt: session.expiresAt.toISOString(), user: { id: session.user.id, userName: session.user.userName } });
    } catch (err) {
      if (err instanceof AttemptsRefused) {
        res.status(429).set("Retry-After", String(err.retryAfterSeconds)).json({ error: { code: err.code, message: err.message } });
      } else if (err instanceof DomainError) {
        const status = err.code === "UNAUTHENTICATED" ? 401 : err.code === "FORBIDDEN" ? 403 : 400;
        res.status(status).json({ error: { code: err.code, message: err.message, ...(err.reason ? { reason: err.reason } : {}) } });
      } else next(err);
    }
  });
  router.delete("/admin/session", (req, res) => {
    const options = sessionCookieOptions(req);
    res.clearCookie(SESSION_COOKIE, options);
    // Signing out of an impersonated session signs the operator out too.
    res.clearCookie(OPERATOR_SESSION_COOKIE, options);
    res.status(204).end();
  });
  return router;
}
