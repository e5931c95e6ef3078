import { parse } from "cookie";
import type { CookieOptions, Request } from "express";

/** The admin console's session: the same JWT the `login` mutation returns, kept where page scripts cannot read it. */
export const SESSION_COOKIE = "rolebridge_session";

/**
 * While a platform operator impersonates a user in the console, the operator's own session waits
 * here (as httpOnly as the other), so ending the impersonation returns to it without a new sign-in.
 */
export const OPERATOR_SESSION_COOKIE = "rolebridge_operator_session";

/**
 * A request authenticated by the cookie must also carry this header. A cross-site form or image
 * cannot set a custom header, and a cross-site fetch that sets one needs a CORS preflight that
 * rolebridge never grants (OWASP CSRF Prevention Cheat Sheet, "Custom Request Headers"), so the
 * header proves the request came from the console's own pages. SameSite=Strict is the first line;
 * this one holds in browsers that ignore it.
 */
export const CSRF_HEADER = "x-rolebridge-csrf";

/** The session token in the request's cookie `name` (the console's session unless told), if any. */
export function sessionCookieOf(req: Request, name: string = SESSION_COOKIE): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parse(header)[name] || undefined;
}

/** Whether the request carries the console's CSRF header. */
export function hasCsrfHeader(req: Request): boolean {
  return req.get(CSRF_HEADER) === "1";
}

/**
 * httpOnly: page scripts (and so an injected one) never see the token. SameSite=Strict: no
 * cross-site request carries it. Secure whenever the request came over TLS (directly or through
 * a trusted proxy); plain http stays usable on a developer's machine.
 */
export function sessionCookieOptions(req: Request, expiresAt?: Date): CookieOptions {
  return { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/", ...(expiresAt ? { expires: expiresAt } : {}) };
}
