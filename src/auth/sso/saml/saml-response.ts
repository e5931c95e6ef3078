import { DOMParser } from "@xmldom/xmldom";
import type { EntityManager } from "@mikro-orm/postgresql";
import { type Profile, SamlStatusError } from "@node-saml/node-saml";
import type { AssertionReplayStore } from "./assertion-replay.store.js";
import { CLOCK_SKEW_MS, completeSettings, samlClient } from "./saml-client.js";
import type { SamlConnectionSettings } from "./saml-connection-settings.js";
import type { SsoIdentity } from "../../../domain/sso/sso-identity.js";
import { samlIdentityOf } from "./saml-identity.js";
import { SamlRefusal, type SamlRefusalReason } from "./saml-refusal.js";
import type { PendingSamlRequest, SamlRequestStore } from "./saml-request.store.js";
import type { ServiceProviderEndpoints } from "../../../domain/sso/sso-urls.js";

const PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/** A Response that passed every check: who signed in, and the request it answered. */
export interface VerifiedSamlResponse {
  identity: SsoIdentity;
  request: PendingSamlRequest;
  assertionId: string;
}

/** The root `<samlp:Response>`'s own attributes, read before any signature is checked. */
interface Envelope {
  destination: string | null;
  inResponseTo: string | null;
  issuer: string | null;
}

/** node-saml's error messages, sorted into the refusals an administrator can act on. */
const LIBRARY_ERRORS: [RegExp, SamlRefusalReason, string][] = [
  [/signature/i, "INVALID_SIGNATURE", "the SAML Response is not signed as this connection requires, or not by the IdP's certificate"],
  [/audience/i, "WRONG_AUDIENCE", "the assertion is meant for another service provider (its Audience is not this connection's entity ID)"],
  [/expired|not yet valid/i, "EXPIRED", "the assertion is outside its validity window (NotBefore/NotOnOrAfter)"],
  [/Unknown SAML issuer|Missing SAML issuer/i, "WRONG_ISSUER", "the assertion was issued by another IdP than this connection's"],
];

/**
 * Checks a Response POSTed to the ACS (HTTP-POST binding) as SAML 2.0 requires of a service
 * provider, and only then names who signed in:
 * - signatures (node-saml, over xml-crypto): the Response and/or the Assertion as the connection
 *   demands, by one of the IdP's certificates; only what a signature covers is read afterwards, and a
 *   second assertion beside a signed one is refused (signature wrapping);
 * - the Assertion's Issuer is the IdP's entity ID (Profiles §4.1.4.2), and the Response's when present;
 * - the Audience is our entity ID, within Conditions NotBefore/NotOnOrAfter (Core §2.5.1);
 * - a bearer SubjectConfirmation whose Recipient is our ACS, unexpired, answering our request
 *   (Profiles §4.1.4.2–3), and the Response's Destination is our ACS (Bindings §3.5.5.2);
 * - the request it answers is taken once, and the assertion ID refused a second time (Profiles §4.1.4.5).
 */
export class SamlResponseValidator {
  constructor(
    private readonly requests: SamlRequestStore,
    private readonly replays: AssertionReplayStore,
  ) {}

  async validate(
    em: EntityManager,
    connection: SamlConnectionSettings,
    sp: ServiceProviderEndpoints,
    samlResponse: string,
  ): Promise<VerifiedSamlResponse> {
    const settings = completeSettings(connection);
    const envelope = envelopeOf(samlResponse);
    let profile: Profile;
    try {
      const result = await samlClient(settings, sp).validatePostResponseAsync({ SAMLResponse: samlResponse });
      if (!result.profile) throw new SamlRefusal("MALFORMED_RESPONSE", "the SAML message is not a sign-in Response");
      profile = result.profile;
    } catch (err) {
      throw refusalOf(err);
    }
    const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
    if (!assertion) throw new SamlRefusal("MALFORMED_RESPONSE", "the SAML Response carries no assertion");

    if (profile.issuer !== settings.idpEntityId || (envelope.issuer !== null && envelope.issuer !== settings.idpEntityId)) {
      throw new SamlRefusal(
        "WRONG_ISSUER",
        `the assertion was issued by "${envelope.issuer ?? profile.issuer ?? "nobody"}", not by this connection's IdP "${settings.idpEntityId}"`,
      );
    }
    if (envelope.destination !== null ? envelope.destination !== sp.acsUrl : settings.wantResponseSigned) {
      throw new SamlRefusal("WRONG_DESTINATION", `the SAML Response is addressed to "${envelope.destination ?? "no Destination"}", not to ${sp.acsUrl}`);
    }
    const confirmation = bearerConfirmationOf(assertion, sp.acsUrl);
    if (envelope.inResponseTo !== null && envelope.inResponseTo !== confirmation.inResponseTo) {
      throw new SamlRefusal("UNKNOWN_REQUEST", "the Response and its assertion answer different requests");
    }

    const assertionId = attributeOf(assertion, "ID");
    if (!assertionId) throw new SamlRefusal("MALFORMED_RESPONSE", "the assertion has no ID");
    const conditionsEnd = timeOf(attributeOf(first(assertion.Conditions), "NotOnOrAfter"));
    const keepUntil = new Date(Math.max(confirmation.notOnOrAfter, conditionsEnd ?? 0) + CLOCK_SKEW_MS);
    if (!(await this.replays.firstUse(em, settings.companyId, settings.id, assertionId, keepUntil))) {
      throw new SamlRefusal("REPLAYED_ASSERTION", "this assertion has already been used to sign in; sign in again at the IdP");
    }
    const request = await this.requests.take(em, settings.companyId, settings.id, confirmation.inResponseTo);
    if (!request) {
      throw new SamlRefusal(
        "UNKNOWN_REQUEST",
        "the Response answers no sign-in this server started for this connection, or one already answered or expired; start again from the sign-in page",
      );
    }
    return { identity: samlIdentityOf(profile, settings), request, assertionId };
  }
}

/** An element as node-saml's xml2js parse gives it: attributes under `$`, text under `_`, children as arrays. */
interface XmlNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
}

function first(value: unknown): XmlNode | undefined {
  return Array.isArray(value) ? (value[0] as XmlNode | undefined) : undefined;
}

function attributeOf(node: XmlNode | undefined, name: string): string | null {
  return node?.$?.[name] ?? null;
}

function timeOf(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

interface BearerConfirmation {
  inResponseTo: string;
  notOnOrAfter: number;
}

/**
 * The bearer SubjectConfirmation that lets the assertion be used here: its Recipient is our ACS,
 * it is within NotBefore/NotOnOrAfter (NotOnOrAfter is required, Profiles §4.1.4.2), and it names
 * the request it answers. An assertion without InResponseTo was pushed unasked (IdP-initiated
 * sign-in), which rolebridge refuses: nothing would then bind it to the browser that receives it.
 */
function bearerConfirmationOf(assertion: XmlNode, acsUrl: string): BearerConfirmation {
  const confirmations = ((first(assertion.Subject)?.SubjectConfirmation as XmlNode[] | undefined) ?? []).filter(
    (c) => attributeOf(c, "Method") === BEARER,
  );
  if (confirmations.length === 0) throw new SamlRefusal("MALFORMED_RESPONSE", "the assertion has no bearer SubjectConfirmation");
  const now = Date.now();
  let refusal: SamlRefusal | undefined;
  for (const confirmation of confirmations) {
    const data = first(confirmation.SubjectConfirmationData);
    const recipient = attributeOf(data, "Recipient");
    const notBefore = timeOf(attributeOf(data, "NotBefore"));
    const notOnOrAfter = timeOf(attributeOf(data, "NotOnOrAfter"));
    const inResponseTo = attributeOf(data, "InResponseTo");
    if (recipient !== acsUrl) {
      refusal ??= new SamlRefusal("WRONG_DESTINATION", `the assertion's Recipient is "${recipient ?? "missing"}", not ${acsUrl}`);
    } else if (notOnOrAfter === null || now - CLOCK_SKEW_MS >= notOnOrAfter || (notBefore !== null && now + CLOCK_SKEW_MS < notBefore)) {
      refusal = new SamlRefusal("EXPIRED", "the assertion's SubjectConfirmationData is outside its validity window (NotOnOrAfter)");
    } else if (!inResponseTo) {
      refusal = new SamlRefusal(
        "UNKNOWN_REQUEST",
        "the assertion answers no request (IdP-initiated sign-in is not accepted); start sign-in from rolebridge's sign-in URL",
      );
    } else {
      return { inResponseTo, notOnOrAfter };
    }
  }
  throw refusal!;
}

/** The root element's Destination, InResponseTo and Issuer; a document that is no SAML Response is refused here. */
function envelopeOf(samlResponse: string): Envelope {
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  // No SAML message needs a DTD (the protocol is defined by XML Schema alone); refusing any DOCTYPE
  // before a parser sees it closes external entities (XXE) and entity expansion at once.
  if (/<!DOCTYPE/i.test(xml)) throw new SamlRefusal("MALFORMED_RESPONSE", "the SAML Response carries a DOCTYPE, which no SAML message has");
  let root: Element | null = null;
  const errors: string[] = [];
  try {
    root = new DOMParser({ errorHandler: { warning: () => undefined, error: (m: string) => void errors.push(m), fatalError: (m: string) => void errors.push(m) } }).parseFromString(xml, "text/xml")
      .documentElement;
  } catch {
    root = null;
  }
  if (!root || errors.length > 0 || root.namespaceURI !== PROTOCOL_NS || root.localName !== "Response") {
    throw new SamlRefusal("MALFORMED_RESPONSE", "SAMLResponse is not a base64-encoded SAML 2.0 <samlp:Response>");
  }
  let issuer: string | null = null;
  for (let node = root.firstChild; node; node = node.nextSibling) {
    const element = node as Element;
    if (element.nodeType === 1 && element.namespaceURI === ASSERTION_NS && element.localName === "Issuer") issuer = element.textContent?.trim() ?? null;
  }
  return { destination: root.getAttribute("Destination") || null, inResponseTo: root.getAttribute("InResponseTo") || null, issuer };
}

function refusalOf(err: unknown): SamlRefusal {
  if (err instanceof SamlRefusal) return err;
  if (err instanceof SamlStatusError) return new SamlRefusal("IDP_ERROR_STATUS", `the IdP did not sign you in: ${err.message.replace(/^SAML provider returned /, "")}`);
  const message = err instanceof Error ? err.message : String(err);
  for (const [pattern, reason, text] of LIBRARY_ERRORS) if (pattern.test(message)) return new SamlRefusal(reason, text);
  return new SamlRefusal("MALFORMED_RESPONSE", "the SAML Response could not be read as a signed sign-in Response");
}
