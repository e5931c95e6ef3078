import { isUtf8 } from "node:buffer";
import express, { type NextFunction, type Request, type Response } from "express";
import { depthOver, MAX_BODY_DEPTH } from "../body-depth.js";
import { ScimError } from "./errors.js";
import { requestStateOf } from "./request-state.js";

/** RFC 7644 §3.1 and §8.1: the SCIM media type; every response, errors included, goes out in it. */
export const SCIM_MEDIA_TYPE = "application/scim+json";

/**
 * Largest accepted request body, of every SCIM request. It is bulk.maxPayloadSize too (RFC 7644
 * §3.7.4): one limit for both means whatever a single request may carry fits in a Bulk
 * operation's data, and the body parser, which reads every body, enforces them both.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Sends a SCIM JSON body with the SCIM media type (as Zitadel's content-type middleware does). */
export function sendScim(res: Response, status: number, body: unknown): void {
  // res.end, not res.send: express would add a body-hash ETag to lists and errors, which SCIM
  // clients would take for a resource version (RFC 7644 §3.14); single resources set their own.
  const payload = Buffer.from(JSON.stringify(body), "utf8");
  // The bare media type: JSON is UTF-8 by definition (RFC 8259 §8.1), and several SCIM validators
  // compare the whole header with "application/scim+json".
  res.status(status).setHeader("Content-Type", SCIM_MEDIA_TYPE);
  res.setHeader("Content-Length", payload.length);
  res.end(payload);
}

/** Sends a ScimError as an RFC 7644 §3.12 body carrying the request id. */
export function sendScimError(req: Request, res: Response, error: ScimError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  requestStateOf(res).error = { status: error.status, scimType: error.scimType, detail: error.detail };
  sendScim(res, error.status, error.body(req.requestId));
}

/**
 * Parses request bodies sent as application/scim+json or application/json (Okta's create uses
 * application/json) up to 1 MB. Too large is 413 and malformed JSON is 400
 * invalidSyntax, both in SCIM form.
 */
export function scimBodyParser() {
  const parse = express.json({
    type: [SCIM_MEDIA_TYPE, "application/json", "application/*+json"],
    limit: MAX_BODY_BYTES,
    strict: true,
    // RFC 8259 §8.1: JSON is UTF-8. Decoding invalid bytes would store U+FFFD in place of what the
    // IdP sent (a userName it could then never find again), so such a body is refused instead.
    verify: (_req, _res, buf) => {
      if (!isUtf8(buf)) throw Object.assign(new Error("invalid UTF-8"), { type: "encoding.invalid" });
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (err?: unknown) => {
      if (err) return sendScimError(req, res, bodyError(err, req));
      if (depthOver(req.body, MAX_BODY_DEPTH)) {
        return sendScimError(req, res, ScimError.invalidSyntax(`the request body is nested more than ${MAX_BODY_DEPTH} levels deep; no SCIM message is`));
      }
      next();
    });
  };
}

function bodyError(err: unknown, req: Request): ScimError {
  const type = (err as { type?: string }).type;
  if (type === "entity.too.large") {
    // RFC 7644 §3.7.4: a BulkRequest over maxPayloadSize is 413 with a detail naming the limit.
    if (/^\/bulk\/?$/i.test(req.path)) return ScimError.payloadTooLarge(`the BulkRequest is larger than bulk.maxPayloadSize (${MAX_BODY_BYTES} bytes) allows (RFC 7644 §3.7.4)`);
    return ScimError.payloadTooLarge(`the request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  if (type === "entity.parse.failed") return ScimError.invalidSyntax("the request body is not valid JSON");
  if (type === "encoding.invalid") return ScimError.invalidSyntax("the request body is not valid UTF-8 (RFC 8259 §8.1)");
  if (type === "charset.unsupported" || type === "encoding.unsupported") return ScimError.invalidSyntax("the request body's charset or encoding is not supported; send UTF-8");
  return ScimError.invalidSyntax("the request body could not be read");
}
