import { Router } from "express";
import type { TokenService } from "./jwt.js";

/**
 * `GET /.well-known/jwks.json` (RFC 7517 §5): the public keys that verify rolebridge's tokens —
 * the signing key and the retired ones whose tokens may not have expired yet — so a resource
 * server or an IdP can check an access token itself. Never private material.
 */
export function jwksRoute(tokens: TokenService): Router {
  const router = Router();
  router.get("/.well-known/jwks.json", async (_req, res, next) => {
    try {
      const jwks = await tokens.jwks();
      // Short: a key rotated in elsewhere must reach verifiers soon (a token's kid they lack
      // makes well-behaved ones refetch anyway).
      res.setHeader("Cache-Control", "public, max-age=60");
      res.json({ keys: jwks.keys.map(publicPart) });
    } catch (err) {
      next(err);
    }
  });
  return router;
}

/** Only the members a public Ed25519 JWK has (RFC 8037 §2), whatever else the row holds. */
function publicPart(jwk: Record<string, unknown>): Record<string, unknown> {
  const { kty, crv, x, kid, alg, use } = jwk;
  return { kty, crv, x, kid, alg, use };
}
