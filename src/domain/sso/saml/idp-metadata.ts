import { DOMParser } from "@xmldom/xmldom";
import xpath from "xpath";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const select = xpath.useNamespaces({ md: MD, ds: DS });

/** What rolebridge takes from an IdP's metadata (SAML 2.0 Metadata §2.4.3). */
export interface IdpMetadata {
  entityId: string;
  /** The SingleSignOnService of the HTTP-Redirect binding, the one rolebridge sends AuthnRequests by. */
  ssoUrl: string;
  /** The signing certificates, base64 DER as the metadata carries them. */
  certificates: string[];
}

/** Metadata that cannot configure a connection, with the reason in words for the administrator. */
export class IdpMetadataError extends Error {
  override name = "IdpMetadataError";
}

/**
 * Reads an IdP's metadata document: an EntityDescriptor (or the first IdP in an EntitiesDescriptor)
 * with an IDPSSODescriptor. Certificates of KeyDescriptors marked `use="signing"` or unmarked count
 * (an unmarked key serves both uses, Metadata §2.4.1.1); `use="encryption"` ones do not.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  // Metadata is defined by XML Schema alone; a DTD could only serve entity tricks.
  if (/<!DOCTYPE/i.test(xml)) throw new IdpMetadataError("the IdP metadata carries a DOCTYPE, which SAML metadata never needs");
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: (m: string) => void errors.push(m), fatalError: (m: string) => void errors.push(m) },
  }).parseFromString(xml, "text/xml");
  if (errors.length > 0 || !doc?.documentElement) throw new IdpMetadataError("the IdP metadata is not well-formed XML");
  const descriptor = select("//md:EntityDescriptor[md:IDPSSODescriptor][1]", doc, true) as Element | undefined;
  if (!descriptor) throw new IdpMetadataError("the metadata describes no identity provider (no EntityDescriptor with an IDPSSODescriptor)");
  const entityId = descriptor.getAttribute("entityID")?.trim();
  if (!entityId) throw new IdpMetadataError("the IdP's EntityDescriptor has no entityID");
  const sso = select(`md:IDPSSODescriptor/md:SingleSignOnService[@Binding='${REDIRECT}']/@Location`, descriptor, true) as Attr | undefined;
  if (!sso?.value) throw new IdpMetadataError("the IdP offers no SingleSignOnService with the HTTP-Redirect binding");
  const ssoUrl = sso.value.trim();
  if (!/^https?:\/\//i.test(ssoUrl)) throw new IdpMetadataError("the IdP's single sign-on URL is not an http(s) URL");
  const certificates = (
    select(
      "md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate/text()",
      descriptor,
    ) as Node[]
  )
    .map((n) => (n.nodeValue ?? "").replace(/\s+/g, ""))
    .filter((c) => c !== "");
  if (certificates.length === 0) throw new IdpMetadataError("the IdP metadata carries no signing certificate");
  return { entityId, ssoUrl, certificates: [...new Set(certificates)] };
}
