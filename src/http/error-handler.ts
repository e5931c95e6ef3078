import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../db/database-errors.js";
import { ScimError } from "../scim/errors.js";
import { sendScimError } from "../scim/media-type.js";

/** Seconds a client is told to wait while the database is unreachable (IdPs honour Retry-After). */
const RETRY_AFTER_SECONDS = "5";

/**
 * The answer for an error no route handled, such as the database failing while a middleware
 * resolves credentials: never express's HTML page with a stack trace. An unreachable
 * database is 503 + Retry-After, so IdPs retry instead of quarantining the job, and anything else
 * a logged 500 with the request id. SCIM paths answer in RFC 7644 §3.12 form, the rest (GraphQL)
 * as a GraphQL error with `extensions.code`.
 */
export function lastResortErrorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    // Client mistakes express itself raises (a malformed body or URL) keep their 4xx status.
    const clientStatus =
      (err as { expose?: unknown })?.expose === true || err instanceof URIError ? Number((err as { status?: unknown }).status) : NaN;
    const unavailable = isDatabaseUnavailable(err);
    if (!unavailable && !(clientStatus >= 400 && clientStatus < 500)) log.error({ err, requestId: req.requestId }, "unexpected error");
    if (req.originalUrl.startsWith("/scim/")) {
      const error = unavailable
        ? new ScimError(503, undefined, "the database is unavailable; retry shortly", { "Retry-After": RETRY_AFTER_SECONDS })
        : clientStatus >= 400 && clientStatus < 500
          ? new ScimError(400, "invalidSyntax", "the request could not be read")
          : ScimError.internal();
      return sendScimError(req, res, error);
    }
    const [status, code, message] = unavailable
      ? [503, "SERVICE_UNAVAILABLE", "the database is unavailable; retry shortly"]
      : clientStatus >= 400 && clientStatus < 500
        ? [clientStatus, "BAD_REQUEST", "the request could not be read"]
        : [500, "INTERNAL", "internal error"];
    if (unavailable) res.setHeader("Retry-After", RETRY_AFTER_SECONDS);
    res.status(status).json({ errors: [{ message, extensions: { code, requestId: req.requestId } }] });
  };
}
