/**
 * An OpenID Provider for tests: `oidc-provider` (a certified OP implementation) in process on
 * 127.0.0.1, with accounts a test defines. Its login and consent interactions complete at once as
 * the account `signInAs` names, as if that person had signed in at the IdP. `tamper` lets a test
 * play an IdP whose ID token is wrong (another audience or issuer, expired, another nonce): the
 * token endpoint's answer is rewritten and re-signed with the IdP's own key, so only the claim is wrong.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import Provider from "oidc-provider";

export interface IdpAccount {
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  given_name?: string;
  family_name?: string;
  groups?: string[];
  /** Distributed claims (OpenID Connect Core 1.0 §5.6.2), as Entra ID sends them for a groups overage. */
  _claim_names?: Record<string, string>;
  _claim_sources?: Record<string, { endpoint: string }>;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, IdpAccount>;
  /** The account (its `sub`) the next interaction signs in as. */
  signInAs(sub: string): void;
  /** Rewrites the claims of the next ID tokens the token endpoint issues; null stops it. */
  tamper(change: ((claims: JWTPayload) => JWTPayload) | null): void;
  close(): Promise<void>;
}

export async function startTestIdp(options: { redirectUris: string[]; clientId?: string; clientSecret?: string }): Promise<TestIdp> {
  const clientId = options.clientId ?? "rolebridge-test";
  const clientSecret = options.clientSecret ?? "idp-client-secret-0123456789abcdef";
  const accounts = new Map<string, IdpAccount>();
  let current: string | undefined;
  let tamper: ((claims: JWTPayload) => JWTPayload) | null = null;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-idp-key", alg: "RS256", use: "sig" };

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ["test-idp-cookie-key"] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["given_name", "family_name", "preferred_username"],
      groups: ["groups"],
    },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
  });

  const callback = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        if (req.url?.startsWith("/interaction/")) return await interact(req, res);
        if (req.url === "/token" && tamper && req.headers["x-untampered"] !== "1") return await tamperedToken(req, res);
        callback(req, res);
      } catch (err) {
        res.statusCode = 500;
        res.end(String(err));
      }
    })();
  });

  /** Login as the chosen account, then consent to every scope and claim asked for. */
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === "login") {
      if (!current) throw new Error("the test named no account to sign in as (signInAs)");
      await provider.interactionFinished(req, res, { login: { accountId: current } }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = details.session!.accountId;
    const clientId = details.params.client_id as string;
    const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  /** The real token endpoint's answer, with the ID token's claims rewritten and signed again with the IdP's key. */
  async function tamperedToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: { "content-type": String(req.headers["content-type"]), authorization: String(req.headers.authorization ?? ""), "x-untampered": "1" },
      body: Buffer.concat(chunks),
    });
    const body = (await upstream.json()) as Record<string, unknown>;
    if (typeof body.id_token === "string" && tamper) {
      const claims = tamper(decodeJwt(body.id_token));
      body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "JWT" }).sign(privateKey);
    }
    res.writeHead(upstream.status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs: (sub) => {
      current = sub;
    },
    tamper: (change) => {
      tamper = change;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
