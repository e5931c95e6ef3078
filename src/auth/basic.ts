import { DomainError } from "../domain/errors.js";

export interface BasicCredentials {
  /** The Client ID (RFC 7617 user-id). */
  clientId: string;
  /** The Client Secret (RFC 7617 password). */
  secret: string;
}

const BASIC = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i;

/**
 * Parses `Authorization: Basic base64(clientId:secret)` (RFC 7617 §2): IdP connectors send the
 * Client ID as the username and the Client Secret as the password. Returns null when the header
 * is not Basic; throws UNAUTHENTICATED when it is Basic but malformed.
 *
 * `formUrlEncoded`: RFC 6749 §2.3.1 has OAuth clients form-urlencode both parts before encoding
 * (client_secret_basic at the token endpoint); SCIM's plain Basic does not.
 */
export function parseBasicAuthorization(header: string | undefined, opts: { formUrlEncoded?: boolean } = {}): BasicCredentials | null {
  if (!header || !/^Basic(\s|$)/i.test(header)) return null;
  const match = BASIC.exec(header);
  if (!match) throw malformed();
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  // RFC 7617 §2: the user-id cannot contain a colon; the password may.
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw malformed();
  let clientId = decoded.slice(0, colon);
  let secret = decoded.slice(colon + 1);
  if (opts.formUrlEncoded) {
    try {
      clientId = decodeURIComponent(clientId.replace(/\+/g, " "));
      secret = decodeURIComponent(secret.replace(/\+/g, " "));
    } catch {
      throw malformed();
    }
  }
  if (!secret) throw malformed();
  return { clientId, secret };
}

function malformed(): DomainError {
  return new DomainError("UNAUTHENTICATED", "malformed Basic credentials; send base64(<Client ID>:<Client Secret>)");
}
