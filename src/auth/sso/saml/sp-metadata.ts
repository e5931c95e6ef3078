import { generateServiceProviderMetadata } from "@node-saml/node-saml";
import type { ServiceProviderEndpoints } from "../../../domain/sso/sso-urls.js";

/**
 * rolebridge's SP metadata for one company (SAML 2.0 Metadata §2.4.4): its entity ID and its ACS
 * by the HTTP-POST binding, and whether it wants assertions signed. An IdP that imports metadata
 * (Entra ID's "Upload metadata file", Okta's SP metadata fields) takes the values from here.
 * It carries no key: rolebridge neither signs AuthnRequests nor accepts encrypted assertions.
 */
export function spMetadataXml(sp: ServiceProviderEndpoints, wantAssertionsSigned: boolean): string {
  return generateServiceProviderMetadata({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    wantAssertionsSigned,
    identifierFormat: null,
  });
}
