/**
 * What the SAML service provider needs to know of one company's SSO connection: the IdP, as its
 * metadata describes it, and how strict to be with it. The SSO connection row carries these
 * columns; the protocol code reads nothing else of it.
 */
export interface SamlConnectionSettings {
  id: string;
  companyId: string;
  /** The IdP's entityID: every assertion's `<Issuer>` must be exactly this (SAML 2.0 Profiles §4.1.4.2). */
  idpEntityId: string | null;
  /** Where AuthnRequests go, by the HTTP-Redirect binding (the IdP metadata's SingleSignOnService). */
  idpSsoUrl: string | null;
  /** The IdP's signing certificates (base64 DER or PEM); several while the IdP rolls its key over. */
  idpCertificates: string[];
  /** Refuse a Response whose Assertion carries no valid signature of its own. */
  wantAssertionsSigned: boolean;
  /** Refuse a Response whose root `<Response>` carries no valid signature. */
  wantResponseSigned: boolean;
  emailAttribute: string | null;
  givenNameAttribute: string | null;
  familyNameAttribute: string | null;
  groupsAttribute: string | null;
}
