import { randomBytes } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { generate } from "selfsigned";
import { SignedXml } from "xml-crypto";

/**
 * An identity provider in the test process: a key pair and self-signed certificate made at start
 * (nothing secret is checked in), its metadata, and signed SAML 2.0 Responses built from a template.
 * xml-crypto signs them as Okta and Entra ID do (exclusive C14N, RSA-SHA256, enveloped signature
 * after the Issuer), so rolebridge's checks meet real XML-DSig. Hand-building the XML, instead of
 * samlify's IdentityProvider, lets each refusal test change exactly one thing: a foreign key, a
 * field edited after signing, an injected assertion, a past NotOnOrAfter.
 */
export interface TestResponseOptions {
  /** The AuthnRequest ID the Response answers (omit for an IdP-initiated one). */
  inResponseTo?: string;
  acsUrl: string;
  audience: string;
  nameId?: string;
  nameIdFormat?: string;
  attributes?: Record<string, string | string[]>;
  /** Which parts carry a signature (default both, as Okta can be set to). */
  signResponse?: boolean;
  signAssertion?: boolean;
  issuer?: string;
  destination?: string | null;
  recipient?: string;
  /** Milliseconds from now: the end of Conditions and of SubjectConfirmationData (default 5 minutes). */
  validForMs?: number;
  /** Milliseconds from now at which the assertion was issued and becomes valid (default 0). */
  issuedAtMs?: number;
  assertionId?: string;
  /** Sign with another key than the one in the IdP's metadata. */
  signWith?: { privateKey: string; cert: string };
  /** Changes the XML after it was signed. */
  afterSigning?: (xml: string) => string;
}

const PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

function escape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export interface KeyPair {
  privateKey: string;
  cert: string;
}

export async function newKeyPair(commonName = "Test IdP"): Promise<KeyPair> {
  const pems = await generate([{ name: "commonName", value: commonName }], { keySize: 2048, algorithm: "sha256" });
  return { privateKey: pems.private, cert: pems.cert };
}

/** The base64 DER body of a PEM certificate, as metadata carries it. */
export function certBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

export class TestSamlIdp {
  readonly ssoUrl: string;

  private constructor(
    readonly entityId: string,
    readonly keys: KeyPair,
  ) {
    this.ssoUrl = `${entityId.replace(/\/$/, "")}/sso`;
  }

  static async create(entityId = `https://idp-${randomBytes(3).toString("hex")}.test.example/saml`): Promise<TestSamlIdp> {
    return new TestSamlIdp(entityId, await newKeyPair());
  }

  get certificate(): string {
    return certBody(this.keys.cert);
  }

  /** The IdP's metadata, as Okta's "Identity Provider metadata" link or Entra ID's "Federation Metadata XML" serve it. */
  metadataXml(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escape(this.entityId)}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${this.certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escape(this.ssoUrl)}/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escape(this.ssoUrl)}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  }

  /** Reads the AuthnRequest of an HTTP-Redirect URL, as the IdP would. */
  readAuthnRequest(redirectUrl: string): { id: string; issuer: string; acsUrl: string; destination: string; relayState: string | null; xml: string } {
    const url = new URL(redirectUrl);
    const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
    const root = new DOMParser().parseFromString(xml, "text/xml").documentElement!;
    const issuer = root.getElementsByTagNameNS(ASSERTION, "Issuer")[0]?.textContent ?? "";
    return {
      id: root.getAttribute("ID")!,
      issuer,
      acsUrl: root.getAttribute("AssertionConsumerServiceURL")!,
      destination: root.getAttribute("Destination")!,
      relayState: url.searchParams.get("RelayState"),
      xml,
    };
  }

  /** A Response as the XML the IdP would POST, before base64. */
  responseXml(options: TestResponseOptions): string {
    const now = Date.now();
    const issued = new Date(now + (options.issuedAtMs ?? 0)).toISOString();
    const until = new Date(now + (options.issuedAtMs ?? 0) + (options.validForMs ?? 5 * 60_000)).toISOString();
    const issuer = escape(options.issuer ?? this.entityId);
    const responseId = `_r${randomBytes(16).toString("hex")}`;
    const assertionId = options.assertionId ?? `_a${randomBytes(16).toString("hex")}`;
    const inResponseTo = options.inResponseTo ? ` InResponseTo="${escape(options.inResponseTo)}"` : "";
    const destination = options.destination === null ? "" : ` Destination="${escape(options.destination ?? options.acsUrl)}"`;
    const attributes = Object.entries(options.attributes ?? {})
      .map(
        ([name, value]) =>
          `<saml:Attribute Name="${escape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">${(Array.isArray(value) ? value : [value])
            .map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${escape(v)}</saml:AttributeValue>`)
            .join("")}</saml:Attribute>`,
      )
      .join("");
    const assertion =
      `<saml:Assertion xmlns:saml="${ASSERTION}" ID="${assertionId}" IssueInstant="${issued}" Version="2.0">` +
      `<saml:Issuer>${issuer}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="${escape(options.nameIdFormat ?? "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")}">${escape(options.nameId ?? "jane@example.com")}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${until}" Recipient="${escape(options.recipient ?? options.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${escape(options.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "") +
      `</saml:Assertion>`;
    let xml =
      `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" ID="${responseId}" Version="2.0" IssueInstant="${issued}"${destination}${inResponseTo}>` +
      `<saml:Issuer>${issuer}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      assertion +
      `</samlp:Response>`;
    const keys = options.signWith ?? this.keys;
    if (options.signAssertion ?? true) xml = sign(xml, "Assertion", keys);
    if (options.signResponse ?? true) xml = sign(xml, "Response", keys);
    return options.afterSigning ? options.afterSigning(xml) : xml;
  }

  /** The `SAMLResponse` form field: the Response in base64 (SAML 2.0 Bindings §3.5.4). */
  response(options: TestResponseOptions): string {
    return Buffer.from(this.responseXml(options)).toString("base64");
  }
}

/** An enveloped signature over the Response or its Assertion, placed after that element's Issuer (SAML 2.0 Core §5.4.1). */
function sign(xml: string, element: "Response" | "Assertion", keys: KeyPair): string {
  const path = element === "Response" ? "/*[local-name(.)='Response']" : "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
  const signer = new SignedXml({
    privateKey: keys.privateKey,
    publicCert: keys.cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: path,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signer.computeSignature(xml, { prefix: "ds", location: { reference: `${path}/*[local-name(.)='Issuer']`, action: "after" } });
  return signer.getSignedXml();
}
