import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssertionReplayStore } from "../../../src/auth/sso/saml/assertion-replay.store.js";
import { startSamlSignIn } from "../../../src/auth/sso/saml/authn-request.js";
import { IdpMetadataError, parseIdpMetadata } from "../../../src/domain/sso/saml/idp-metadata.js";
import type { SamlConnectionSettings } from "../../../src/auth/sso/saml/saml-connection-settings.js";
import { SamlRefusal, type SamlRefusalReason } from "../../../src/auth/sso/saml/saml-refusal.js";
import { SamlRequestStore } from "../../../src/auth/sso/saml/saml-request.store.js";
import { SamlResponseValidator } from "../../../src/auth/sso/saml/saml-response.js";
import { serviceProviderEndpoints } from "../../../src/domain/sso/sso-urls.js";
import { spMetadataXml } from "../../../src/auth/sso/saml/sp-metadata.js";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { newKeyPair, TestSamlIdp, type TestResponseOptions } from "../../support/saml-idp.js";

let app: TestApp;
let acme: TestCompany;
let idp: TestSamlIdp;
const requests = new SamlRequestStore();
const validator = new SamlResponseValidator(requests, new AssertionReplayStore());
const sp = serviceProviderEndpoints("https://rolebridge.test.example", "acme-saml");

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTestCompany(app, { slug: "acme-saml" });
  idp = await TestSamlIdp.create();
});
afterAll(() => app?.close());

function em(): EntityManager {
  return app.orm.em.fork() as EntityManager;
}

function connection(overrides: Partial<SamlConnectionSettings> = {}): SamlConnectionSettings {
  return {
    id: randomUUID(),
    companyId: acme.company.id,
    idpEntityId: idp.entityId,
    idpSsoUrl: idp.ssoUrl,
    idpCertificates: [idp.certificate],
    wantAssertionsSigned: true,
    wantResponseSigned: false,
    emailAttribute: "email",
    givenNameAttribute: "firstName",
    familyNameAttribute: "lastName",
    groupsAttribute: "groups",
    ...overrides,
  };
}

/** Starts a sign-in and returns what the IdP needs to answer it. */
async function started(settings: SamlConnectionSettings, returnTo: string | null = "/admin/") {
  const redirect = await startSamlSignIn(em(), requests, settings, sp, { returnTo });
  return { redirect, request: idp.readAuthnRequest(redirect) };
}

async function answered(settings: SamlConnectionSettings, options: Partial<TestResponseOptions> = {}) {
  const { request } = await started(settings);
  const response = idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId, ...options });
  return { request, response };
}

async function refusal(settings: SamlConnectionSettings, samlResponse: string): Promise<SamlRefusal> {
  const err = await validator.validate(em(), settings, sp, samlResponse).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SamlRefusal);
  return err as SamlRefusal;
}

async function expectRefused(settings: SamlConnectionSettings, samlResponse: string, reason: SamlRefusalReason, message?: RegExp) {
  const err = await refusal(settings, samlResponse);
  expect(err.reason).toBe(reason);
  if (message) expect(err.message).toMatch(message);
}

async function pendingRequests(requestId: string): Promise<number> {
  const rows = await app.orm.em.getConnection().execute("select count(*)::int as n from saml_request where request_id = ?", [requestId]);
  return rows[0].n;
}

describe("the AuthnRequest (HTTP-Redirect binding)", () => {
  it("goes to the IdP's single sign-on URL naming our entity ID and ACS, with the return path as RelayState, and is remembered", async () => {
    const settings = connection();
    const { redirect, request } = await started(settings, "/admin/#/users");
    expect(redirect.startsWith(`${idp.ssoUrl}?`)).toBe(true);
    expect(request.issuer).toBe(sp.entityId);
    expect(request.acsUrl).toBe(sp.acsUrl);
    expect(request.destination).toBe(idp.ssoUrl);
    expect(request.relayState).toBe("/admin/#/users");
    expect(request.id).toMatch(/^_[0-9a-f]{40}$/);
    // The IdP's own policy decides how people authenticate: no RequestedAuthnContext (Entra AADSTS75011).
    expect(request.xml).not.toContain("RequestedAuthnContext");
    expect(await pendingRequests(request.id)).toBe(1);
  });

  it("a connection without a certificate cannot start a sign-in, and says what is missing", async () => {
    const err = await startSamlSignIn(em(), requests, connection({ idpCertificates: [] }), sp, { returnTo: null }).catch((e) => e);
    expect(err).toBeInstanceOf(SamlRefusal);
    expect((err as SamlRefusal).reason).toBe("CONNECTION_INCOMPLETE");
    expect((err as SamlRefusal).message).toMatch(/signing certificate/);
  });
});

describe("a valid Response", () => {
  it("signed in full (Response and Assertion) names the user, their attributes and groups, and takes the request", async () => {
    const settings = connection({ wantResponseSigned: true, wantAssertionsSigned: true });
    const { request, response } = await answered(settings, {
      nameId: "jane@acme.example",
      attributes: { email: "jane.doe@acme.example", firstName: "Jane", lastName: "Doe", groups: ["Sales", "EMEA", "Sales"] },
    });
    const result = await validator.validate(em(), settings, sp, response);
    expect(result.identity).toEqual({
      subject: "jane@acme.example",
      email: "jane.doe@acme.example",
      userName: "jane@acme.example",
      givenName: "Jane",
      familyName: "Doe",
      groups: ["Sales", "EMEA"],
      received: {
        nameID: "jane@acme.example",
        nameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        email: "jane.doe@acme.example",
        firstName: "Jane",
        lastName: "Doe",
        groups: ["Sales", "EMEA", "Sales"],
      },
    });
    expect(result.request).toEqual({ requestId: request.id, connectionId: settings.id, returnTo: "/admin/", testerUserId: null });
    expect(await pendingRequests(request.id)).toBe(0);
  });

  it("with only the Assertion signed passes a connection that requires signed assertions", async () => {
    const settings = connection({ wantResponseSigned: false, wantAssertionsSigned: true });
    const { response } = await answered(settings, { signResponse: false, nameId: "sam@acme.example" });
    expect((await validator.validate(em(), settings, sp, response)).identity.userName).toBe("sam@acme.example");
  });

  it("with only the Response signed passes a connection that requires a signed Response", async () => {
    const settings = connection({ wantResponseSigned: true, wantAssertionsSigned: false });
    const { response } = await answered(settings, { signAssertion: false, nameId: "kim@acme.example" });
    expect((await validator.validate(em(), settings, sp, response)).identity.userName).toBe("kim@acme.example");
  });

  it("a persistent NameID is the subject; the email attribute then gives the userName", async () => {
    const settings = connection();
    const { response } = await answered(settings, {
      nameId: "00u1abcd",
      nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
      attributes: { email: "lee@acme.example" },
    });
    const { identity } = await validator.validate(em(), settings, sp, response);
    expect(identity).toMatchObject({ subject: "00u1abcd", email: "lee@acme.example", userName: "lee@acme.example", groups: [] });
  });

  it("the IdP's certificate rollover: any of the connection's certificates verifies", async () => {
    const old = await newKeyPair("Old IdP key");
    const settings = connection({ idpCertificates: [old.cert, idp.certificate] });
    const { response } = await answered(settings);
    await expect(validator.validate(em(), settings, sp, response)).resolves.toBeTruthy();
  });
});

describe("refused Responses", () => {
  it("signed by a key that is not the IdP's", async () => {
    const settings = connection({ wantResponseSigned: true });
    const { response } = await answered(settings, { signWith: await newKeyPair("Attacker") });
    await expectRefused(settings, response, "INVALID_SIGNATURE", /not signed as this connection requires/);
  });

  it("changed after signing (the NameID swapped for another user's)", async () => {
    const settings = connection();
    const { response } = await answered(settings, {
      nameId: "jane@acme.example",
      afterSigning: (xml) => xml.replace(">jane@acme.example<", ">admin@acme.example<"),
    });
    await expectRefused(settings, response, "INVALID_SIGNATURE");
  });

  it("unsigned when the connection requires signed assertions", async () => {
    const settings = connection({ wantAssertionsSigned: true, wantResponseSigned: false });
    const { response } = await answered(settings, { signAssertion: false, signResponse: false });
    await expectRefused(settings, response, "INVALID_SIGNATURE");
  });

  it("with only the Assertion signed when the connection requires a signed Response", async () => {
    const settings = connection({ wantResponseSigned: true, wantAssertionsSigned: true });
    const { response } = await answered(settings, { signResponse: false });
    await expectRefused(settings, response, "INVALID_SIGNATURE");
  });

  it("with only the Response signed when the connection requires signed assertions", async () => {
    const settings = connection({ wantResponseSigned: true, wantAssertionsSigned: true });
    const { response } = await answered(settings, { signAssertion: false });
    await expectRefused(settings, response, "INVALID_SIGNATURE");
  });

  it("signature wrapping: an unsigned assertion for another user injected before the signed one", async () => {
    const settings = connection();
    const { response } = await answered(settings, {
      nameId: "jane@acme.example",
      signResponse: false,
      afterSigning: (xml) => {
        const signed = xml.slice(xml.indexOf("<saml:Assertion"), xml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length);
        const evil = signed
          .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "")
          .replace(/ID="[^"]+"/, 'ID="_evil"')
          .replace(">jane@acme.example<", ">admin@acme.example<");
        return xml.replace("<saml:Assertion", `${evil}<saml:Assertion`);
      },
    });
    await expectRefused(settings, response, "INVALID_SIGNATURE");
  });

  it("signature wrapping: the signed assertion hidden in an extension, an unsigned one in its place", async () => {
    const settings = connection();
    const { response } = await answered(settings, {
      nameId: "jane@acme.example",
      signResponse: false,
      afterSigning: (xml) => {
        const start = xml.indexOf("<saml:Assertion");
        const end = xml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length;
        const signed = xml.slice(start, end);
        const evil = signed
          .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "")
          .replace(/ID="[^"]+"/, 'ID="_evil"')
          .replace(">jane@acme.example<", ">admin@acme.example<");
        const withoutSigned = xml.slice(0, start) + evil + xml.slice(end);
        return withoutSigned.replace("<samlp:Status>", `<samlp:Extensions>${signed}</samlp:Extensions><samlp:Status>`);
      },
    });
    await expectRefused(settings, response, "INVALID_SIGNATURE");
  });

  it("meant for another service provider (Audience)", async () => {
    const settings = connection();
    const { response } = await answered(settings, { audience: "https://other-sp.example/metadata" });
    await expectRefused(settings, response, "WRONG_AUDIENCE", /Audience/);
  });

  it("issued by another IdP than the connection's, even when signed by the connection's key", async () => {
    const settings = connection();
    const { response } = await answered(settings, { issuer: "https://evil-idp.example/saml" });
    await expectRefused(settings, response, "WRONG_ISSUER", /evil-idp/);
  });

  it("expired (NotOnOrAfter ten minutes ago, beyond the one minute of clock skew)", async () => {
    const settings = connection();
    const { response } = await answered(settings, { issuedAtMs: -15 * 60_000, validForMs: 5 * 60_000 });
    await expectRefused(settings, response, "EXPIRED");
  });

  it("not yet valid (issued five minutes in the future)", async () => {
    const settings = connection();
    const { response } = await answered(settings, { issuedAtMs: 5 * 60_000 });
    await expectRefused(settings, response, "EXPIRED");
  });

  it("replayed: the same Response a second time", async () => {
    const settings = connection();
    const { response } = await answered(settings);
    await validator.validate(em(), settings, sp, response);
    await expectRefused(settings, response, "REPLAYED_ASSERTION", /already been used/);
  });

  it("the same Response posted twice at once is accepted once", async () => {
    const settings = connection();
    const { response } = await answered(settings);
    const outcomes = await Promise.allSettled([validator.validate(em(), settings, sp, response), validator.validate(em(), settings, sp, response)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SamlRefusal);
    expect(["REPLAYED_ASSERTION", "UNKNOWN_REQUEST"]).toContain((refused.reason as SamlRefusal).reason);
  });

  it("answering a request this server never sent", async () => {
    const settings = connection();
    const response = idp.response({ inResponseTo: "_0123456789abcdef0123456789abcdef01234567", acsUrl: sp.acsUrl, audience: sp.entityId });
    await expectRefused(settings, response, "UNKNOWN_REQUEST", /answers no sign-in this server started/);
  });

  it("answering a request sent through another connection", async () => {
    const settings = connection();
    const { response } = await answered(settings);
    await expectRefused({ ...settings, id: randomUUID() }, response, "UNKNOWN_REQUEST");
  });

  it("answering a request that has expired", async () => {
    const settings = connection();
    const { request, response } = await answered(settings);
    await app.orm.em.getConnection().execute("update saml_request set expires_at = now() - interval '1 second' where request_id = ?", [request.id]);
    await expectRefused(settings, response, "UNKNOWN_REQUEST");
  });

  it("pushed by the IdP unasked (no InResponseTo)", async () => {
    const settings = connection();
    const response = idp.response({ acsUrl: sp.acsUrl, audience: sp.entityId });
    await expectRefused(settings, response, "UNKNOWN_REQUEST", /IdP-initiated sign-in is not accepted/);
  });

  it("whose assertion's Recipient is another ACS", async () => {
    const settings = connection();
    const { response } = await answered(settings, { recipient: "https://other-sp.example/acs" });
    await expectRefused(settings, response, "WRONG_DESTINATION", /Recipient/);
  });

  it("addressed (Destination) to another ACS", async () => {
    const settings = connection();
    const { response } = await answered(settings, { destination: "https://other-sp.example/acs" });
    await expectRefused(settings, response, "WRONG_DESTINATION", /addressed/);
  });

  it("an IdP error status (the user cancelled) is the IdP's message, not a sign-in", async () => {
    const settings = connection();
    const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_x" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${sp.acsUrl}"><saml:Issuer>${idp.entityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode><samlp:StatusMessage>User cancelled</samlp:StatusMessage></samlp:Status></samlp:Response>`;
    await expectRefused(settings, Buffer.from(xml).toString("base64"), "IDP_ERROR_STATUS", /User cancelled/);
  });

  it("anything that is not a SAML Response", async () => {
    const settings = connection();
    await expectRefused(settings, Buffer.from("<html>hello</html>").toString("base64"), "MALFORMED_RESPONSE");
    await expectRefused(settings, "%%%not base64", "MALFORMED_RESPONSE");
  });

  it("a refused Response leaves its request usable by a valid one, which is then accepted once", async () => {
    const settings = connection();
    const { request } = await started(settings);
    const wrong = idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: "https://other-sp.example" });
    await expectRefused(settings, wrong, "WRONG_AUDIENCE");
    const right = idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId });
    await expect(validator.validate(em(), settings, sp, right)).resolves.toBeTruthy();
    const again = idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId });
    await expectRefused(settings, again, "UNKNOWN_REQUEST");
  });
});

describe("metadata", () => {
  it("rolebridge's SP metadata names its entity ID and its ACS by the HTTP-POST binding", () => {
    const xml = spMetadataXml(sp, true);
    expect(xml).toContain(`entityID="${sp.entityId}"`);
    expect(xml).toContain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${sp.acsUrl}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
  });

  it("an IdP's metadata gives its entity ID, its HTTP-Redirect sign-on URL and its signing certificate", () => {
    expect(parseIdpMetadata(idp.metadataXml())).toEqual({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, certificates: [idp.certificate] });
  });

  it("metadata that cannot configure a connection says why", () => {
    expect(() => parseIdpMetadata("not xml <")).toThrow(IdpMetadataError);
    expect(() => parseIdpMetadata(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${idp.metadataXml().replace(/^<\?xml[^>]*>/, "")}`)).toThrow(/DOCTYPE/);
    expect(() => parseIdpMetadata('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>')).toThrow(/no identity provider/);
    expect(() => parseIdpMetadata(idp.metadataXml().replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, ""))).toThrow(/no signing certificate/);
    expect(() => parseIdpMetadata(idp.metadataXml().replace(/<md:SingleSignOnService Binding="[^"]+HTTP-Redirect"[^>]*>/, ""))).toThrow(/HTTP-Redirect/);
  });
});
