import { type Request, Router } from "express";
import type { Config } from "../config.js";
import type { Issuer } from "./issuer.js";
import { publicBaseUrl } from "./public-base-url.js";

/**
 * `GET /.well-known/oauth-authorization-server` (RFC 8414 §3): where the token endpoint and the
 * keys are and what they accept, so an IdP (or an admin) configuring OAuth 2.0 client
 * credentials need not guess. `issuer` is the `iss` of the tokens (issuer.ts).
 */
export function oauthMetadataRoute(config: Config, issuer: Issuer): Router {
  const router = Router();
  router.get("/.well-known/oauth-authorization-server", (req, res) => {
    const base = baseUrl(req, config);
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.json({
      issuer: issuer.value,
      token_endpoint: `${base}/oauth2/token`,
      jwks_uri: `${base}/.well-known/jwks.json`,
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      scopes_supported: ["scim"],
      // RFC 8414 §2 requires the member; there is no authorization endpoint, so no response type.
      response_types_supported: [],
    });
  });
  return router;
}

function baseUrl(req: Request, config: Config): string {
  return publicBaseUrl(req, config);
}
