import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/**
 * One structured line per request with its request id (the id SCIM error bodies quote), so an
 * operator can go from an IdP's error to the server's log. Headers are logged only through the
 * logger's redaction (Authorization never appears).
 */
export function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on("finish", () => {
      const line = {
        requestId: req.requestId,
        req: { method: req.method, url: req.originalUrl.split("?")[0], headers: { "user-agent": req.headers["user-agent"], authorization: req.headers.authorization } },
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
