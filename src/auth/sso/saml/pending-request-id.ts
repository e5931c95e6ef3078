import { DOMParser } from "@xmldom/xmldom";

const PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";

/**
 * The AuthnRequest ID a POSTed Response says it answers: the Response's InResponseTo, else its
 * SubjectConfirmationData's. Read before any signature is checked, only to find which connection
 * to check the Response against; the validator then requires the signed InResponseTo to name the
 * same pending request of that connection. Null for anything unreadable.
 */
export function pendingRequestIdOf(samlResponse: string): string | null {
  try {
    const xml = Buffer.from(samlResponse, "base64").toString("utf8");
    const root = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, "text/xml")
      .documentElement;
    if (!root || root.namespaceURI !== PROTOCOL_NS || root.localName !== "Response") return null;
    const own = root.getAttribute("InResponseTo");
    if (own) return own;
    const data = root.getElementsByTagNameNS(ASSERTION_NS, "SubjectConfirmationData")[0];
    return data?.getAttribute("InResponseTo") || null;
  } catch {
    return null;
  }
}
