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

/** The SP endpoints of `companySlug` under the server's public base URL. */
export function serviceProviderEndpoints(baseUrl: string, companySlug: string): ServiceProviderEndpoints {
  const company = `${baseUrl.replace(/\/$/, "")}/sso/${encodeURIComponent(companySlug)}`;
  return {
    entityId: `${company}/saml/metadata`,
    acsUrl: `${company}/saml/acs`,
    metadataUrl: `${company}/saml/metadata`,
    signInUrl: company,
  };
}
