import { Router } from "express";
import * as client from "openid-client";
import type { SsoConnectionService } from "../../../domain/sso/sso-connection.service.js";
import { isLoopback } from "../../../domain/sso/sso-connection.service.js";
import { type SsoConnection, SsoProtocol } from "../../../domain/sso/sso-connection.entity.js";
import { oidcCallbackUrl } from "../../../domain/sso/sso-urls.js";
import type { SsoFlowCookie } from "../sso-flow-state.js";
import { type SsoFinish, type SsoProtocolFlow, SsoProtocolRefusal, type SsoStart } from "../sso-protocol-flow.js";
import { connectionOf, ssoRequestOf } from "../sso-request.js";
import { groupsSentElsewhere, identityOfClaims } from "./oidc-identity.js";

/** How long a discovered configuration (endpoints, keys) is reused before it is fetched again. */
const DISCOVERY_TTL_MS = 10 * 60_000;

/**
 * OpenID Connect sign-in with openid-client: the authorization code flow (OpenID Connect Core
 * 1.0 §3.1) with state, nonce and PKCE S256 (RFC 7636), the ID token's signature checked against
 * the IdP's keys even though it comes straight from the token endpoint (non-repudiation), and its
 * `iss`, `aud`, `exp`, `iat` and `nonce` checked by openid-client (§3.1.3.7). Claims from UserInfo
 * are merged in (Okta and oidc-provider put profile and group claims there, not in the ID token).
 */
export class OidcFlow implements SsoProtocolFlow {
  readonly protocol = SsoProtocol.OIDC;
  /** Per connection id, the configuration discovered for one version of it. */
  private readonly discovered = new Map<string, { version: number; at: number; config: Promise<client.Configuration> }>();

  constructor(
    private readonly connections: SsoConnectionService,
    private readonly cookie: SsoFlowCookie,
  ) {}

  async start(req: Parameters<SsoProtocolFlow["start"]>[0], res: Parameters<SsoProtocolFlow["start"]>[1], start: SsoStart): Promise<void> {
    const config = await this.configuration(start.em, start.connection);
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: oidcCallbackUrl(start.baseUrl, start.company.slug),
      scope: ["openid", ...start.connection.scopes].join(" "),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
      // OpenID Connect Core 1.0 §3.1.2.1: Okta and Entra pre-fill the sign-in with it.
      ...(start.loginHint ? { login_hint: start.loginHint } : {}),
    });
    await this.cookie.set(start.em, req, res, {
      companyId: start.company.id,
      connectionId: start.connection.id,
      state,
      nonce,
      codeVerifier,
      ...(start.testerUserId ? { testerUserId: start.testerUserId } : {}),
    });
    res.set("Cache-Control", "no-store").redirect(303, url.href);
  }

  routes(finish: SsoFinish): Router {
    const router = Router({ mergeParams: true });
    router.get("/callback", async (req, res, next) => {
      try {
        const { em, company, baseUrl } = ssoRequestOf(res);
        await finish(req, res, company, async () => {
          const flow = await this.cookie.read(em, req);
          this.cookie.clear(req, res);
          if (!flow || flow.companyId !== company.id || !flow.nonce || !flow.codeVerifier) {
            throw new SsoProtocolRefusal("this browser has no sign-in in progress (it took longer than 10 minutes, or started in another browser); start the sign-in again", null);
          }
          const connection = await connectionOf(em, company, flow.connectionId);
          if (!connection) throw new SsoProtocolRefusal("the SSO connection of this sign-in no longer exists", null);
          const params = new URL(req.originalUrl, baseUrl).searchParams;
          // RFC 6749 §4.1.2.1: the IdP refused, or the person cancelled.
          const idpError = params.get("error");
          if (idpError) {
            throw new SsoProtocolRefusal(`the IdP refused the sign-in: ${params.get("error_description") ?? idpError}`, connection);
          }
          if (params.get("state") !== flow.state) {
            throw new SsoProtocolRefusal("the sign-in's state does not match the one this browser started (RFC 6749 §10.12); start the sign-in again", connection);
          }
          const config = await this.configuration(em, connection);
          const callbackUrl = new URL(oidcCallbackUrl(baseUrl, company.slug));
          callbackUrl.search = params.toString();
          let claims: Record<string, unknown>;
          try {
            const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
              pkceCodeVerifier: flow.codeVerifier,
              expectedState: flow.state,
              expectedNonce: flow.nonce,
              idTokenExpected: true,
            });
            const idToken = tokens.claims()!;
            claims = { ...idToken };
            if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
              // §5.3.2: UserInfo's sub must be the ID token's, which fetchUserInfo checks.
              const userInfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
              claims = { ...userInfo, ...idToken };
            }
          } catch (err) {
            throw new SsoProtocolRefusal(`the IdP's answer failed validation: ${describe(err)}`, connection);
          }
          const identity = identityOfClaims(claims, connection.groupsClaim ?? null);
          if (groupsSentElsewhere(claims, connection.groupsClaim ?? null)) {
            throw new SsoProtocolRefusal(
              `the IdP sent the "${connection.groupsClaim}" claim elsewhere instead of in the token (Entra ID does so above 200 groups), so the roles cannot be set; ` +
                "an administrator can send app roles (the roles claim) or only the groups assigned to the application instead",
              connection,
              identity,
              403,
            );
          }
          return { connection, identity, testerUserId: flow.testerUserId };
        });
      } catch (err) {
        next(err);
      }
    });
    return router;
  }

  /**
   * The IdP's configuration from its discovery document (OpenID Connect Discovery 1.0 §4), whose
   * `issuer` openid-client requires to equal the connection's. Kept per connection, for the
   * version it was discovered for: a changed connection is discovered again and replaces it.
   */
  private configuration(em: SsoStart["em"], connection: SsoConnection): Promise<client.Configuration> {
    const key = connection.id;
    const cached = this.discovered.get(key);
    if (cached && cached.version === connection.version && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const config = (async () => {
      const secret = await this.connections.clientSecretOf({ em }, connection);
      const issuer = new URL(connection.issuer!);
      const insecure = issuer.protocol === "http:" && isLoopback(issuer.hostname);
      let config: client.Configuration;
      try {
        config = await client.discovery(issuer, connection.clientId!, undefined, client.ClientSecretBasic(secret), {
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
          timeout: 10,
        });
      } catch (err) {
        throw new SsoProtocolRefusal(`the IdP's discovery document at ${connection.issuer}/.well-known/openid-configuration could not be used: ${describe(err)}`, connection, null, 502);
      }
      client.enableNonRepudiationChecks(config);
      return config;
    })();
    const entry = { version: connection.version, at: Date.now(), config };
    this.discovered.set(key, entry);
    config.catch(() => {
      if (this.discovered.get(key) === entry) this.discovered.delete(key);
    });
    return config;
  }
}

/** openid-client's message, with the IdP's error code when the IdP answered one (RFC 6749 §5.2). */
function describe(err: unknown): string {
  if (err instanceof client.ResponseBodyError) return `${err.error}${err.error_description ? `: ${err.error_description}` : ""}`;
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
    return `${err.message}${cause}`;
  }
  return String(err);
}
