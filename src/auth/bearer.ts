import { DomainError } from "../domain/errors.js";

/** What a bearer string is: a rolebridge JWT, or the single-string app-password token. */
export type BearerCredential =
  | { kind: "jwt"; token: string }
  | { kind: "app-password"; clientId: string; secret: string };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
// Client IDs and secrets are base64url (app-password-secret.ts), so the token has exactly one dot.
const APP_PASSWORD_TOKEN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
// A compact JWS (RFC 7515 §7.1) is three base64url parts; its header is a JSON object, so it starts "eyJ" ('{"').
const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The token of `Authorization: Bearer <token>` (RFC 6750 §2.1), or null when the header is not Bearer. */
export function parseBearerAuthorization(header: string | undefined): string | null {
  if (!header || !/^Bearer(\s|$)/i.test(header)) return null;
  const match = BEARER.exec(header);
  if (!match) throw new DomainError("UNAUTHENTICATED", "malformed Bearer credentials; send Bearer <token>");
  return match[1]!;
}

/**
 * Tells a JWT (an OAuth 2.0 access token, SailPoint) from an app-password token `<clientId>.<secret>`
 * (the "Secret Token" pasted into Entra or OneLogin). Throws UNAUTHENTICATED for anything else.
 */
export function classifyBearer(token: string): BearerCredential {
  if (JWT.test(token)) return { kind: "jwt", token };
  const match = APP_PASSWORD_TOKEN.exec(token);
  if (match) return { kind: "app-password", clientId: match[1]!, secret: match[2]! };
  throw new DomainError("UNAUTHENTICATED", "the bearer token is neither an app-password token nor a rolebridge access token");
}
