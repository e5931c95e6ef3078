import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/**
 * One structured line per request with its request id (the id SCIM error bodies quote), so an
 * operator can go from an IdP's error to the server's log. Authorization is logged only through
 * the logger's redaction, and only when the request sent one: "[redacted]" then tells an operator
 * that credentials came, never what they were, and its absence that none did.
 */
export function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on("finish", () => {
      const line = {
        requestId: req.requestId,
        req: { method: req.method, url: req.originalUrl.split("?")[0], headers: loggedHeaders(req) },
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        companyId: req.principal?.companyId,
      };
      if (res.statusCode >= 500) log.error(line, "request failed");
      else log.info(line, "request");
    });
    next();
  };
}

/**
 * The headers a request line shows, each only when the request had it: pino's redaction censors a
 * path that is present even when its value is undefined, which would log "[redacted]" credentials
 * for a request that sent none.
 */
function loggedHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  if (req.headers["user-agent"] !== undefined) headers["user-agent"] = req.headers["user-agent"];
  if (req.headers.authorization !== undefined) headers.authorization = req.headers.authorization;
  return headers;
}
