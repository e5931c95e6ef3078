import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import type { SamlConnectionSettings } from "./saml-connection-settings.js";
import { SamlRefusal } from "./saml-refusal.js";
import type { ServiceProviderEndpoints } from "../../../domain/sso/sso-urls.js";

/**
 * How far the IdP's clock may be from ours when NotBefore and NotOnOrAfter are compared. SAML 2.0
 * Core §1.3.3 leaves it to the relying party; a minute absorbs NTP drift without stretching a
 * five-minute assertion much.
 */
export const CLOCK_SKEW_MS = 60_000;

/** The settings a connection cannot sign anyone in without. */
export interface CompleteSamlSettings extends SamlConnectionSettings {
  idpEntityId: string;
  idpSsoUrl: string;
}

/** The connection's settings, or a refusal naming what an administrator still has to fill in. */
export function completeSettings(settings: SamlConnectionSettings): CompleteSamlSettings {
  const missing = [
    settings.idpEntityId ? null : "the IdP entity ID",
    settings.idpSsoUrl ? null : "the IdP single sign-on URL",
    settings.idpCertificates.length > 0 ? null : "an IdP signing certificate",
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    throw new SamlRefusal("CONNECTION_INCOMPLETE", `the SAML connection is missing ${missing.join(", ")}; load the IdP's metadata again`);
  }
  return settings as CompleteSamlSettings;
}

/**
 * node-saml configured for one connection, the one place its options are chosen:
 * - the Audience must be our entity ID, and the Response or Assertion signed as the connection demands;
 * - InResponseTo is checked by rolebridge itself (`saml-response.ts`) against the request table,
 *   which every instance shares, instead of node-saml's per-process cache;
 * - no RequestedAuthnContext: Entra ID refuses a request for PasswordProtectedTransport when the
 *   user signed in another way (AADSTS75011), and the IdP's own policy decides how people sign in;
 * - no NameIDPolicy format: Okta refuses a format other than the one its app is set to, so the IdP's
 *   configured NameID format stands.
 */
export function samlClient(
  settings: CompleteSamlSettings,
  sp: ServiceProviderEndpoints,
  options: { requestId?: string } = {},
): SAML {
  return new SAML({
    issuer: sp.entityId,
    audience: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: settings.idpSsoUrl,
    idpIssuer: settings.idpEntityId,
    idpCert: settings.idpCertificates,
    wantAssertionsSigned: settings.wantAssertionsSigned,
    wantAuthnResponseSigned: settings.wantResponseSigned,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.never,
    disableRequestedAuthnContext: true,
    identifierFormat: null,
    ...(options.requestId ? { generateUniqueId: () => options.requestId! } : {}),
  });
}
