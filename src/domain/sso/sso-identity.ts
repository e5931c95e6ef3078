/**
 * What a verified sign-in hands to the domain, whatever the protocol: the OIDC ID token's and
 * UserInfo's claims, or a SAML assertion's NameID and attributes, after the protocol layer has
 * checked signature, issuer, audience, time window and replay.
 */
export interface SsoIdentity {
  /** OIDC `sub` (OpenID Connect Core 1.0 §2) / SAML NameID. */
  subject: string;
  email: string | null;
  /** OIDC `preferred_username` or `email` / SAML NameID when it is an email. */
  userName: string | null;
  givenName: string | null;
  familyName: string | null;
  /** From the connection's configured groups claim / attribute. */
  groups: string[];
  /** The claims or attributes as received, shown by a test sign-in. */
  received: Record<string, unknown>;
}
