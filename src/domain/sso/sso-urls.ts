/**
 * rolebridge's own addresses as a SAML service provider for one company: what an administrator
 * copies into the IdP (Okta's "Single sign-on URL" and "Audience URI", Entra ID's "Reply URL" and
 * "Identifier"), and what every Response is checked against.
 */
export interface ServiceProviderEndpoints {
  /** The SP's entityID: the Audience every assertion must name (SAML 2.0 Core §2.5.1.4). */
  entityId: string;
  /** The AssertionConsumerService (HTTP-POST binding): the Destination and Recipient of every Response. */
  acsUrl: string;
  /** Where the SP metadata is published (the entity ID resolves to it, as SAML 2.0 Metadata §4.1 recommends). */
  metadataUrl: string;
  /** Where a sign-in starts (Entra ID's "Sign on URL", Okta's "Initiate login URI"). */
  signInUrl: string;
}

/**
 * Where a company's single sign-on starts, `GET /sso/:company` under the server's public base URL.
 * Every protocol's addresses (OIDC's redirect URI, SAML's ACS and metadata) live under it, and an
 * IdP compares them character for character (RFC 6749 §3.1.2.3, SAML 2.0 Bindings §3.5.5.2), so
 * they are all built here.
 */
export function ssoSignInUrl(baseUrl: string, companySlug: string): string {
  return `${baseUrl.replace(/\/$/, "")}/sso/${encodeURIComponent(companySlug)}`;
}

/** The redirect URI of a company's OIDC connections, which the admin registers at the IdP. */
export function oidcCallbackUrl(baseUrl: string, companySlug: string): string {
  return `${ssoSignInUrl(baseUrl, companySlug)}/oidc/callback`;
}

/** The SP endpoints of `companySlug` under the server's public base URL. */
export function serviceProviderEndpoints(baseUrl: string, companySlug: string): ServiceProviderEndpoints {
  const company = ssoSignInUrl(baseUrl, companySlug);
  return {
    entityId: `${company}/saml/metadata`,
    acsUrl: `${company}/saml/acs`,
    metadataUrl: `${company}/saml/metadata`,
    signInUrl: company,
  };
}
