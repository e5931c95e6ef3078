import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "../../../src/domain/users/user.entity.js";
import { BrowserClient } from "../../support/browser-client.js";
import { newKeyPair, TestSamlIdp, type TestResponseOptions } from "../../support/saml-idp.js";
import { createTestCompany, createUserWithRoles, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { auditOf, meWithCookie, SSO_KEY } from "./sso-fixtures.js";

/**
 * SAML 2.0 sign-in end to end over real HTTP: rolebridge as the service provider, an IdP in the
 * test process that signs its Responses (test/support/saml-idp.ts), and a cookie-keeping client as
 * the browser, which follows the redirect to the IdP and POSTs the Response to the ACS as the
 * HTTP-POST binding's self-submitting form would. Each refusal must be an error page and an audit
 * event, never a session.
 */
let app: TestApp;
let idp: TestSamlIdp;
let co: TestCompany;
let connectionId: string;
let sp: { entityId: string; acsUrl: string; metadataUrl: string; signInUrl: string };
let jane: User;

async function q(query: string, variables: Record<string, unknown> = {}) {
  const res = await gql(app.url, query, variables, co.adminToken);
  expect(res.errors).toBeUndefined();
  return res.data as Record<string, any>;
}

const JANE: Partial<TestResponseOptions> = {
  nameId: "jane@acme.example",
  attributes: { email: "jane@acme.example", firstName: "Jane", lastName: "Doe", groups: ["Sales", "Unknown Team"] },
};

beforeAll(async () => {
  app = await startTestApp({ env: { SSO_SECRET_KEY: SSO_KEY } });
  co = await createTestCompany(app);
  idp = await TestSamlIdp.create();
  const created = await q(
    `mutation($input: SamlConnectionInput!) { createSamlConnection(input: $input) { id serviceProvider { entityId acsUrl metadataUrl signInUrl } } }`,
    { input: { name: "Okta SAML", idpMetadataXml: idp.metadataXml() } },
  );
  connectionId = created.createSamlConnection.id;
  sp = created.createSamlConnection.serviceProvider;
  await q(`mutation { createCustomerRole(input: { displayName: "Sales" }) { id } }`);
  await q(`mutation { createCustomerRole(input: { displayName: "Finance" }) { id } }`);
  jane = await createUserWithRoles(app, co.company, "jane@acme.example", [], { allowSsoLogin: true, autoAssignRoles: true });
});
afterAll(() => app?.close());

/** Opens the sign-in URL and returns the AuthnRequest the browser was sent to the IdP with. */
async function startAt(browser: BrowserClient, path: string) {
  const res = await browser.request(`${app.url}${path}`);
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  expect(location.startsWith(`${idp.ssoUrl}?`)).toBe(true);
  return idp.readAuthnRequest(location);
}

/** The IdP's self-submitting form, as the browser sends it: the Response and RelayState to the ACS. */
async function postToAcs(browser: BrowserClient, samlResponse: string | null, relayState?: string | null) {
  const form = new URLSearchParams();
  if (samlResponse !== null) form.set("SAMLResponse", samlResponse);
  if (relayState) form.set("RelayState", relayState);
  const res = await browser.request(sp.acsUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  return { status: res.status, html: await res.text() };
}

/** A whole sign-in: start, the IdP answers (as `options` make it), the browser posts the answer. */
async function signIn(options: Partial<TestResponseOptions> = JANE, path = `/sso/${co.company.slug}`) {
  const browser = new BrowserClient();
  const request = await startAt(browser, path);
  const samlResponse = idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId, ...JANE, ...options });
  const answer = await postToAcs(browser, samlResponse, request.relayState);
  return { browser, request, samlResponse, ...answer };
}

async function refusals(): Promise<number> {
  return (await auditOf(app, co.company.id, "sso.signInRefused")).length;
}

async function membershipsOf(userId: string): Promise<{ role: string; source: string }[]> {
  return app.orm.em
    .getConnection()
    .execute(`select r.display_name as role, m.source from membership m join customer_role r on r.id = m.customer_role_id where m.user_id = ? order by 1, 2`, [userId]);
}

describe("the service provider's metadata", () => {
  it("is published at the entity ID, naming the ACS by the HTTP-POST binding", async () => {
    expect(sp).toEqual({
      entityId: `${app.url}/sso/${co.company.slug}/saml/metadata`,
      acsUrl: `${app.url}/sso/${co.company.slug}/saml/acs`,
      metadataUrl: `${app.url}/sso/${co.company.slug}/saml/metadata`,
      signInUrl: `${app.url}/sso/${co.company.slug}`,
    });
    const res = await fetch(sp.metadataUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/samlmetadata+xml");
    const xml = await res.text();
    expect(xml).toContain(`entityID="${sp.entityId}"`);
    expect(xml).toContain(`Location="${sp.acsUrl}"`);
  });
});

describe("a draft SAML connection", () => {
  it("refuses sign-in until a test succeeds", async () => {
    const browser = new BrowserClient();
    const res = await browser.request(`${app.url}/sso/${co.company.slug}?connection=${connectionId}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("is draft");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
  });

  it("becomes active by an administrator's test sign-in, which shows the attributes received and changes nothing else", async () => {
    const browser = new BrowserClient();
    browser.setCookie(app.url, "rolebridge_session", co.adminToken);
    const request = await startAt(browser, `/sso/${co.company.slug}?connection=${connectionId}&test=1`);
    const answer = await postToAcs(browser, idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId, ...JANE }), request.relayState);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain("Test sign-in succeeded");
    expect(answer.html).toContain("matched jane@acme.example");
    expect(answer.html).toContain("&quot;firstName&quot;: &quot;Jane&quot;");
    expect(answer.html).toContain("Unknown Team");
    const { ssoConnection } = await q(`query($id: ID!) { ssoConnection(id: $id) { status protocol } }`, { id: connectionId });
    expect(ssoConnection).toEqual({ status: "ACTIVE", protocol: "SAML" });
    expect(await membershipsOf(jane.id)).toEqual([]);
    expect((await auditOf(app, co.company.id, "ssoConnection.test")).at(-1)!.actor_user_name).toBe(co.admin.userName);
  });
});

describe("signing in through an active SAML connection", () => {
  it("ends in the console session: `me` answers with the cookie, the groups are sso memberships, and the sign-in is audited", async () => {
    await q(`mutation($u: ID!) { setUserCustomerRoles(userId: $u, displayNames: ["Finance"], source: SCIM_GROUP) { sources } }`, { u: jane.id });
    const { browser, request, status, html } = await signIn(JANE, `/sso/${co.company.slug}?returnTo=${encodeURIComponent("/admin/integrations/sso")}`);
    expect(request.acsUrl).toBe(sp.acsUrl);
    expect(request.issuer).toBe(sp.entityId);
    expect(request.relayState).toBe("/admin/integrations/sso");
    expect(status).toBe(200);
    expect(html).toContain("Signed in as jane@acme.example");
    // RelayState's return path, from the copy kept with the request.
    expect(html).toContain('href="/admin/integrations/sso"');
    const me = await meWithCookie(app, browser.cookie("rolebridge_session"));
    expect(me.body.data.me.userName).toBe("jane@acme.example");
    expect(await membershipsOf(jane.id)).toEqual([
      { role: "Finance", source: "scim-group" },
      { role: "Sales", source: "sso" },
    ]);
    const event = (await auditOf(app, co.company.id, "sso.signIn")).at(-1)!;
    expect(event.target_id).toBe(jane.id);
    expect(event.after).toMatchObject({ protocol: "saml", subject: "jane@acme.example", unknownGroups: ["Unknown Team"], customerRolesAdded: ["Sales"] });
  });

  it("a return path to another site is not followed: the browser lands in the console", async () => {
    const { request, html } = await signIn(JANE, `/sso/${co.company.slug}?returnTo=${encodeURIComponent("https://evil.example/")}`);
    expect(request.relayState).toBeNull();
    expect(html).toContain('href="/admin/my-access"');
    expect(html).not.toContain("evil.example");
  });
});

describe("refused Responses: an error page, an audit event, never a session", () => {
  const cases: { name: string; options: () => Promise<Partial<TestResponseOptions>> | Partial<TestResponseOptions>; status: number; message: RegExp }[] = [
    { name: "signed by a key that is not the IdP's", options: async () => ({ signWith: await newKeyPair("Attacker") }), status: 401, message: /not signed as this connection requires/ },
    { name: "unsigned", options: () => ({ signAssertion: false, signResponse: false }), status: 401, message: /not signed/ },
    {
      name: "signature wrapping (an unsigned assertion for the administrator injected beside the signed one)",
      options: () => ({
        signResponse: false,
        afterSigning: (xml: string) => {
          const signed = xml.slice(xml.indexOf("<saml:Assertion"), xml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length);
          const evil = signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "").replace(/ID="[^"]+"/, 'ID="_evil"').replace(/jane@acme\.example/g, co.admin.userName);
          return xml.replace("<saml:Assertion", `${evil}<saml:Assertion`);
        },
      }),
      status: 401,
      message: /not signed/,
    },
    { name: "meant for another service provider", options: () => ({ audience: "https://other-sp.example/metadata" }), status: 401, message: /Audience/ },
    { name: "issued by another IdP", options: () => ({ issuer: "https://evil-idp.example/saml" }), status: 401, message: /evil-idp\.example/ },
    { name: "expired", options: () => ({ issuedAtMs: -20 * 60_000, validForMs: 5 * 60_000 }), status: 401, message: /validity window/ },
    { name: "answering a request this server never sent", options: () => ({ inResponseTo: "_ffffffffffffffffffffffffffffffffffffffff" }), status: 401, message: /answers no sign-in this server started/ },
    { name: "pushed by the IdP unasked", options: () => ({ inResponseTo: undefined }), status: 401, message: /IdP-initiated sign-in is not accepted/ },
  ];
  for (const c of cases) {
    it(`${c.name}`, async () => {
      const before = await refusals();
      const { browser, status, html } = await signIn({ ...(await c.options()) });
      expect(status).toBe(c.status);
      expect(html).toContain("Single sign-on refused");
      expect(html).toMatch(c.message);
      expect(browser.cookie("rolebridge_session")).toBeUndefined();
      const events = await auditOf(app, co.company.id, "sso.signInRefused");
      expect(events).toHaveLength(before + 1);
      expect(events.at(-1)!.after).toMatchObject({ connectionId, protocol: "saml" });
      expect(events.at(-1)!.after.reason).toMatch(c.message);
    });
  }

  it("a replayed Response: the second POST of the same Response is refused", async () => {
    const first = await signIn(JANE);
    expect(first.status).toBe(200);
    const before = await refusals();
    const thief = new BrowserClient();
    const again = await postToAcs(thief, first.samlResponse);
    expect(again.status).toBe(401);
    expect(again.html).toContain("already been used");
    expect(thief.cookie("rolebridge_session")).toBeUndefined();
    expect(await refusals()).toBe(before + 1);
  });

  it("a user without allowSsoLogin is refused (403) after the IdP vouched for them", async () => {
    await createUserWithRoles(app, co.company, "sam@acme.example", [], { allowSsoLogin: false });
    const before = await refusals();
    const { browser, status, html } = await signIn({ nameId: "sam@acme.example", attributes: { email: "sam@acme.example" } });
    expect(status).toBe(403);
    expect(html).toContain("may not sign in with single sign-on");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    expect(await refusals()).toBe(before + 1);
    expect((await auditOf(app, co.company.id, "sso.signInRefused")).at(-1)!.after).toMatchObject({ subject: "sam@acme.example", userName: "sam@acme.example" });
  });

  it("groups Entra ID sent as a link (its overage above 150 groups) refuse the sign-in rather than strip the user's roles", async () => {
    const before = await membershipsOf(jane.id);
    const { browser, status, html } = await signIn({
      attributes: { email: "jane@acme.example", "http://schemas.microsoft.com/claims/groups.link": "https://graph.windows.net/tenant/users/x/getMemberObjects" },
    });
    expect(status).toBe(403);
    expect(html).toContain("a link to the user&#39;s groups");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    expect(await membershipsOf(jane.id)).toEqual(before);
    expect((await auditOf(app, co.company.id, "sso.signInRefused")).at(-1)!.after.reason).toContain("above 150 groups");
  });

  it("a Response for this company posted to another company's ACS signs no one in there", async () => {
    const other = await createTestCompany(app);
    const browser = new BrowserClient();
    const request = await startAt(browser, `/sso/${co.company.slug}`);
    const samlResponse = idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId, ...JANE });
    const res = await browser.request(`${app.url}/sso/${other.company.slug}/saml/acs`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("has no SAML connection this Response could answer");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    expect(await auditOf(app, other.company.id, "sso.signInRefused")).toHaveLength(1);
    // The request is still this company's, and the Response still signs Jane in here.
    expect((await postToAcs(browser, samlResponse)).status).toBe(200);
  });

  it("a POST without a SAMLResponse is a 400 page", async () => {
    const browser = new BrowserClient();
    const { status, html } = await postToAcs(browser, null);
    expect(status).toBe(400);
    expect(html).toContain("sent no SAMLResponse");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
  });

  it("garbage instead of a Response is a 400 page, not a 500", async () => {
    const { status, html } = await postToAcs(new BrowserClient(), Buffer.from("<not-saml/>").toString("base64"));
    expect(status).toBe(400);
    expect(html).toContain("not a base64-encoded SAML 2.0");
  });

  it("a form larger than any Response is a 413 page, read no further, and audited like every refusal", async () => {
    const browser = new BrowserClient();
    const before = await auditOf(app, co.company.id, "sso.signInRefused");
    const { status, html } = await postToAcs(browser, "A".repeat(600 * 1024));
    expect(status).toBe(413);
    expect(html).toContain("Single sign-on refused");
    expect(html).toContain("larger than");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    expect(await auditOf(app, co.company.id, "sso.signInRefused")).toHaveLength(before.length + 1);
  });

  it("a Response carrying a DOCTYPE with entities (XXE, entity expansion) is refused, not expanded", async () => {
    const browser = new BrowserClient();
    const request = await startAt(browser, `/sso/${co.company.slug}`);
    const xml = idp.responseXml({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId, ...JANE });
    const hostile = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${xml.replace(">jane@acme.example<", ">&x;&b;<")}`;
    const { status, html } = await postToAcs(browser, Buffer.from(hostile).toString("base64"));
    expect(status).toBe(400);
    expect(html).toContain("carries a DOCTYPE");
    expect(html).not.toContain("root:");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
  });

  it("a connection disabled while the person was at the IdP refuses the Response", async () => {
    const browser = new BrowserClient();
    const request = await startAt(browser, `/sso/${co.company.slug}`);
    await q(`mutation($id: ID!) { disableSsoConnection(id: $id) { status } }`, { id: connectionId });
    const before = await refusals();
    const { status, html } = await postToAcs(browser, idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId, ...JANE }));
    expect(status).toBe(403);
    expect(html).toContain("is disabled");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    expect(await refusals()).toBe(before + 1);
    // And no new sign-in starts through it.
    const start = await new BrowserClient().request(`${app.url}/sso/${co.company.slug}?connection=${connectionId}`);
    expect(start.status).toBe(403);
  });

  it("an administrator's test sign-in through a disabled connection succeeds and activates it again, as with OIDC", async () => {
    const { ssoConnection } = await q(`query($id: ID!) { ssoConnection(id: $id) { status } }`, { id: connectionId });
    expect(ssoConnection.status).toBe("DISABLED");
    const browser = new BrowserClient();
    browser.setCookie(app.url, "rolebridge_session", co.adminToken);
    const request = await startAt(browser, `/sso/${co.company.slug}?connection=${connectionId}&test=1`);
    const answer = await postToAcs(browser, idp.response({ inResponseTo: request.id, acsUrl: sp.acsUrl, audience: sp.entityId, ...JANE }), request.relayState);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain("Test sign-in succeeded");
    const after = await q(`query($id: ID!) { ssoConnection(id: $id) { status } }`, { id: connectionId });
    expect(after.ssoConnection.status).toBe("ACTIVE");
  });
});
