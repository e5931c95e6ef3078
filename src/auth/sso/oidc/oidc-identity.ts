import type { SsoIdentity } from "../../../domain/sso/sso-identity.js";

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/**
 * The identity in an ID token's and UserInfo's claims (OpenID Connect Core 1.0 §5.1): `sub`,
 * `email` (not trusted for matching when the IdP says `email_verified: false`), the userName from
 * `preferred_username` (Entra puts the UPN there) or the email, and the groups from the claim the
 * connection names (Okta's `groups`, Entra's `groups` or `roles`), a list or a single string.
 */
export function identityOfClaims(claims: Record<string, unknown>, groupsClaim: string | null): SsoIdentity {
  const email = claims.email_verified === false ? null : text(claims.email);
  const raw = groupsClaim ? claims[groupsClaim] : undefined;
  const groups = Array.isArray(raw) ? raw.filter((g): g is string => typeof g === "string") : typeof raw === "string" ? [raw] : [];
  return {
    subject: String(claims.sub),
    email,
    userName: text(claims.preferred_username) ?? email,
    givenName: text(claims.given_name),
    familyName: text(claims.family_name),
    groups,
    received: claims,
  };
}

/**
 * Whether the IdP left the groups out of the token and pointed elsewhere for them (a distributed
 * claim, OpenID Connect Core 1.0 §5.6.2): Entra ID does so for a user in more than 200 groups
 * (its "groups overage"). Reading that as "no groups" would strip the user's roles.
 */
export function groupsSentElsewhere(claims: Record<string, unknown>, groupsClaim: string | null): boolean {
  if (!groupsClaim || claims[groupsClaim] !== undefined) return false;
  const names = claims._claim_names;
  return typeof names === "object" && names !== null && groupsClaim in names;
}
