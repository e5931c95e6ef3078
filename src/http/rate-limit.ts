/**
 * The HTTP side of the brute-force limits, which authentication applies where it compares a
 * secret (src/auth/attempt-limits.ts): the client address they count, and the 429 answers, each
 * in the body its surface speaks (the token endpoint answers its own, as an OAuth error).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { AttemptsRefused } from "../auth/attempt-limits.js";
import type { GraphQLContext } from "../graphql/context.js";
import { ScimError } from "../scim/errors.js";
import { sendScimError } from "../scim/media-type.js";

/** Express "trust proxy" from TRUST_PROXY: a hop count, true/false, or addresses/subnets. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Mount right after the SCIM credential middleware: an attempt it refused is answered 429 with
 * Retry-After, before the router, whatever the path.
 */
export function answerRefusedScimAttempts(log: Logger): RequestHandler {
  return (req, res, next) => {
    const refused = req.authError;
    if (!(refused instanceof AttemptsRefused)) return next();
    log.warn({ surface: "scim", dimension: refused.dimension, requestId: req.requestId }, "authentication refused: too many attempts");
    // An RFC 7644 §3.12 error body like every other SCIM error (with the request id), which the
    // facade also keeps for the request's provisioning record.
    sendScimError(req, res, new ScimError(429, undefined, refused.message, { "Retry-After": String(refused.retryAfterSeconds) }));
  };
}

/**
 * A login refused by the limits is a GraphQL error (code TOO_MANY_REQUESTS, graphql/errors.ts)
 * sent with HTTP 429 and Retry-After, so HTTP clients and proxies see the throttling too.
 */
export function answerRefusedLogins(log: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response, contextValue }) {
          const refused = errors.map((e) => e.originalError).find((e): e is AttemptsRefused => e instanceof AttemptsRefused);
          if (!refused) return;
          log.warn({ surface: "graphql", dimension: refused.dimension, requestId: contextValue.requestId }, "authentication refused: too many attempts");
          response.http.status = 429;
          response.http.headers.set("retry-after", String(refused.retryAfterSeconds));
        },
      };
    },
  };
}
