import type { EntityManager } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { User } from "../../../src/domain/users/user.entity.js";
import { BrowserClient } from "../../support/browser-client.js";
import { startTestIdp, type TestIdp } from "../../support/oidc-idp.js";
import { createTestCompany, createUserWithRoles, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { auditOf, createOidcConnection, meWithCookie, runTestSignIn, SSO_KEY } from "./sso-fixtures.js";

/**
 * OpenID Connect sign-in end to end over real HTTP: rolebridge as the relying party, oidc-provider
 * in process as the IdP, and a cookie-keeping client as the browser. Each refusal must answer with
 * an error page and an audit event, and never set a session.
 */
let app: TestApp;
let idp: TestIdp;
let co: TestCompany;
let connection: Record<string, any>;
let roles: { sales: string; finance: string; legacy: string; emea: string; auditor: string };

async function q(query: string, variables: Record<string, unknown> = {}) {
  const res = await gql(app.url, query, variables, co.adminToken);
  expect(res.errors).toBeUndefined();
  return res.data as Record<string, any>;
}

beforeAll(async () => {
  app = await startTestApp({ env: { SSO_SECRET_KEY: SSO_KEY } });
  co = await createTestCompany(app);
  idp = await startTestIdp({ redirectUris: [`${app.url}/sso/${co.company.slug}/oidc/callback`] });
  connection = await createOidcConnection(app, co.adminToken, idp);
  // The mapping the IdP's groups go through: Sales → EMEA Sales (data) + Auditor (app).
  const sales = (await q(`mutation { createCustomerRole(input: { displayName: "Sales" }) { id } }`)).createCustomerRole.id;
  const finance = (await q(`mutation { createCustomerRole(input: { displayName: "Finance" }) { id } }`)).createCustomerRole.id;
  const legacy = (await q(`mutation { createCustomerRole(input: { displayName: "Legacy" }) { id } }`)).createCustomerRole.id;
  const emea = (await q(`mutation { createDataAccessRole(input: { name: "EMEA Sales" }) { id } }`)).createDataAccessRole.id;
  const auditor = (await q(`mutation { createAppAccessRole(input: { name: "Auditor", permissions: [CanViewAuditLog] }) { id } }`)).createAppAccessRole.id;
  await q(`mutation($c: ID!, $d: [ID!]!, $a: [ID!]!) { setRoleMapping(customerRoleId: $c, dataAccessRoleIds: $d, appAccessRoleIds: $a) { version } }`, {
    c: sales,
    d: [emea],
    a: [auditor],
  });
  roles = { sales, finance, legacy, emea, auditor };
  idp.accounts.set("okta-jane", { email: "jane@acme.example", email_verified: true, preferred_username: "jane@acme.example", given_name: "Jane", family_name: "Doe", groups: ["Sales", "Unknown Team"] });
});
afterAll(async () => {
  await idp?.close();
  await app?.close();
});
beforeEach(() => idp.tamper(null));

async function signIn(sub: string, rewrite?: (url: string) => string, query = ""): Promise<{ browser: BrowserClient; status: number; html: string }> {
  idp.signInAs(sub);
  const browser = new BrowserClient();
  const res = await browser.navigate(`${app.url}/sso/${co.company.slug}${query}`, rewrite);
  return { browser, status: res.status, html: await res.text() };
}

async function createSsoUser(userName: string, extra: Partial<User> = {}): Promise<User> {
  return createUserWithRoles(app, co.company, userName, [], { allowSsoLogin: true, autoAssignRoles: true, ...extra });
}

async function membershipsOf(userId: string): Promise<{ role: string; source: string }[]> {
  return app.orm.em
    .getConnection()
    .execute(
      `select r.display_name as role, m.source from membership m join customer_role r on r.id = m.customer_role_id where m.user_id = ? order by 1, 2`,
      [userId],
    );
}

describe("configuring an OIDC connection", () => {
  it("is created as a draft with the callback URL to register, and never returns or stores the client secret in clear", async () => {
    expect(connection).toMatchObject({
      protocol: "OIDC",
      status: "DRAFT",
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecretSet: true,
      groupsClaim: "groups",
      callbackUrl: `${app.url}/sso/${co.company.slug}/oidc/callback`,
      signInUrl: `${app.url}/sso/${co.company.slug}`,
    });
    expect(JSON.stringify(connection)).not.toContain(idp.clientSecret);
    const [row] = await app.orm.em.getConnection().execute(`select client_secret from sso_connection where id = ?`, [connection.id]);
    expect(row.client_secret).toMatch(/^v1\./);
    expect(row.client_secret).not.toContain(idp.clientSecret);
    const [audit] = await auditOf(app, co.company.id, "ssoConnection.create");
    expect(JSON.stringify(audit)).not.toContain(idp.clientSecret);
  });

  it("refuses bad input with a code and a field, and creates nothing", async () => {
    const before = await app.orm.em.getConnection().execute(`select count(*)::int as n from sso_connection`);
    const res = await gql(
      app.url,
      `mutation { createOidcConnection(input: { name: "x", issuer: "ftp://idp.example", clientId: "c", clientSecret: "s" }) { id } }`,
      {},
      co.adminToken,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "issuer" });
    const noName = await gql(app.url, `mutation { createOidcConnection(input: { name: " ", issuer: "https://idp.example", clientId: "c", clientSecret: "s" }) { id } }`, {}, co.adminToken);
    expect(noName.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    const after = await app.orm.em.getConnection().execute(`select count(*)::int as n from sso_connection`);
    expect(after[0].n).toBe(before[0].n);
  });

  it("is not visible to another company", async () => {
    const other = await createTestCompany(app);
    const res = await gql(app.url, `query($id: ID!) { ssoConnection(id: $id) { id } }`, { id: connection.id }, other.adminToken);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const list = await gql(app.url, `{ ssoConnections { id } }`, {}, other.adminToken);
    expect(list.data!.ssoConnections).toEqual([]);
  });
});

describe("a draft connection", () => {
  it("refuses sign-in before a successful test, with a page and an audit event", async () => {
    await createSsoUser("jane@acme.example");
    const { browser, status, html } = await signIn("okta-jane");
    expect(status).toBe(404);
    expect(html).toContain("has no active single sign-on connection");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    const direct = await new BrowserClient().navigate(`${app.url}/sso/${co.company.slug}?connection=${connection.id}`);
    expect(direct.status).toBe(403);
    expect(await direct.text()).toContain("is draft");
    const refusals = await auditOf(app, co.company.id, "sso.signInRefused");
    expect(refusals.at(-1)!.after.reason).toContain("is draft");
  });

  it("becomes active by a test sign-in, which shows the claims, the user and the roles, and changes nothing else", async () => {
    const jane = (await app.orm.em.fork().findOneOrFail(User, { userName: "jane@acme.example", company: co.company.id }, { filters: false })) as User;
    idp.signInAs("okta-jane");
    const { status, html } = await runTestSignIn(app, co.adminToken, connection.testSignInUrl);
    expect(status).toBe(200);
    expect(html).toContain("Test sign-in succeeded");
    expect(html).toContain("matched jane@acme.example");
    expect(html).toMatch(/<dd id="roles">Sales<\/dd>/);
    expect(html).toContain("Unknown Team");
    expect(html).toContain("EMEA Sales");
    expect(html).toContain("&quot;preferred_username&quot;: &quot;jane@acme.example&quot;");
    const { ssoConnection } = await q(`query($id: ID!) { ssoConnection(id: $id) { status testedAt lastTestResult } }`, { id: connection.id });
    expect(ssoConnection.status).toBe("ACTIVE");
    expect(ssoConnection.lastTestResult.customerRoles).toEqual(["Sales"]);
    expect(ssoConnection.lastTestResult.unknownGroups).toEqual(["Unknown Team"]);
    // Nothing but the connection changed: no membership, no session for Jane.
    expect(await membershipsOf(jane.id)).toEqual([]);
    const tests = await auditOf(app, co.company.id, "ssoConnection.test");
    expect(tests).toHaveLength(1);
    expect(tests[0]!.actor_user_name).toBe(co.admin.userName);
  });

  it("a test sign-in without an admin session is refused", async () => {
    const browser = new BrowserClient();
    const res = await browser.navigate(connection.testSignInUrl);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("needs an administrator signed in");
  });
});

describe("signing in through an active connection", () => {
  it("signs the user into the console session, replaces only the sso memberships, and audits unknown groups", async () => {
    const jane = (await app.orm.em.fork().findOneOrFail(User, { userName: "jane@acme.example", company: co.company.id }, { filters: false })) as User;
    // Memberships other sources own, and a stale one from an earlier SSO sign-in.
    await q(`mutation($u: ID!) { setUserCustomerRoles(userId: $u, displayNames: ["Finance"], source: SCIM_GROUP) { sources } }`, { u: jane.id });
    await q(`mutation($u: ID!) { setUserCustomerRoles(userId: $u, displayNames: ["Finance"], source: UPLOAD) { sources } }`, { u: jane.id });
    await q(`mutation($u: ID!) { setUserCustomerRoles(userId: $u, displayNames: ["Legacy"], source: SSO) { sources } }`, { u: jane.id });

    const { browser, status, html } = await signIn("okta-jane", undefined, "?login_hint=jane%40acme.example");
    expect(status).toBe(200);
    expect(html).toContain("Signed in as jane@acme.example");
    const hops = browser.hops.map((h) => new URL(h.url).pathname);
    expect(hops[0]).toBe(`/sso/${co.company.slug}`);
    expect(hops).toContain(`/sso/${co.company.slug}/oidc/callback`);
    // The authorization request carried state, nonce and a PKCE S256 challenge.
    const authorize = new URL(browser.hops[0]!.location!);
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("login_hint")).toBe("jane@acme.example");

    const session = browser.cookie("rolebridge_session");
    const me = await meWithCookie(app, session);
    expect(me.body.data.me.userName).toBe("jane@acme.example");

    expect(await membershipsOf(jane.id)).toEqual([
      { role: "Finance", source: "scim-group" },
      { role: "Finance", source: "upload" },
      { role: "Sales", source: "sso" },
    ]);
    // "Unknown Team" was reported, not created.
    const names = await app.orm.em.getConnection().execute(`select display_name from customer_role where company_id = ? order by 1`, [co.company.id]);
    expect(names.map((r: any) => r.display_name)).toEqual(["Finance", "Legacy", "Sales"]);
    const [event] = (await auditOf(app, co.company.id, "sso.signIn")).slice(-1);
    expect(event!.target_id).toBe(jane.id);
    expect(event!.after).toMatchObject({ unknownGroups: ["Unknown Team"], customerRolesAdded: ["Sales"], customerRolesRemoved: ["Legacy"], subject: "okta-jane" });
  });

  it("the effective access shows the mapped roles with their provenance sso", async () => {
    const jane = (await app.orm.em.fork().findOneOrFail(User, { userName: "jane@acme.example", company: co.company.id }, { filters: false })) as User;
    const { effectiveAccess } = await q(
      `query($u: ID!) { effectiveAccess(userId: $u) { dataAccessRoles { role { name } grants { kind membershipSource customerRole { displayName } } } appAccessRoles { role { name } grants { membershipSource } } } }`,
      { u: jane.id },
    );
    expect(effectiveAccess.dataAccessRoles).toEqual([
      { role: { name: "EMEA Sales" }, grants: [{ kind: "MAPPING", membershipSource: "SSO", customerRole: { displayName: "Sales" } }] },
    ]);
    expect(effectiveAccess.appAccessRoles).toEqual([{ role: { name: "Auditor" }, grants: [{ membershipSource: "SSO" }] }]);
  });

  it("groups the IdP sent elsewhere (Entra's overage) refuse the sign-in rather than strip the user's roles", async () => {
    const jane = (await app.orm.em.fork().findOneOrFail(User, { userName: "jane@acme.example", company: co.company.id }, { filters: false })) as User;
    const before = await membershipsOf(jane.id);
    const { groups: _, ...rest } = idp.accounts.get("okta-jane")!;
    idp.accounts.set("okta-overage", { ...rest, _claim_names: { groups: "src1" }, _claim_sources: { src1: { endpoint: "https://graph.example/v1.0/users/x/getMemberObjects" } } });
    const { browser, status, html } = await signIn("okta-overage");
    expect(status).toBe(403);
    expect(html).toContain("elsewhere instead of in the token");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    expect(await membershipsOf(jane.id)).toEqual(before);
  });

  it("a user of another company with the same address is never matched", async () => {
    const elsewhere = await createTestCompany(app);
    await createUserWithRoles(app, elsewhere.company, "pat@acme.example", [], { allowSsoLogin: true, autoAssignRoles: true });
    idp.accounts.set("okta-pat", { email: "pat@acme.example", email_verified: true, preferred_username: "pat@acme.example", groups: ["Sales"] });
    const { browser, status, html } = await signIn("okta-pat");
    expect(status).toBe(403);
    expect(html).toContain("no user of");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    const theirs = await app.orm.em.getConnection().execute(`select count(*)::int as n from audit_event where company_id = ? and action like 'sso.%'`, [elsewhere.company.id]);
    expect(theirs[0].n).toBe(0);
  });

  it("a user without allowSsoLogin is refused with a page and an audit event, and gets no session", async () => {
    await createSsoUser("sam@acme.example", { allowSsoLogin: false });
    idp.accounts.set("okta-sam", { email: "sam@acme.example", email_verified: true, preferred_username: "sam@acme.example", groups: ["Sales"] });
    const { browser, status, html } = await signIn("okta-sam");
    expect(status).toBe(403);
    expect(html).toContain("may not sign in with single sign-on");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    const [refusal] = (await auditOf(app, co.company.id, "sso.signInRefused")).slice(-1);
    expect(refusal!.after).toMatchObject({ subject: "okta-sam", userName: "sam@acme.example" });
  });

  it("a person with no user is refused unless the company creates users at sign-in; then the user is created with its sso roles", async () => {
    idp.accounts.set("okta-new", { email: "new@acme.example", email_verified: true, preferred_username: "new@acme.example", given_name: "Nia", family_name: "New", groups: ["Sales"] });
    const refused = await signIn("okta-new");
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("does not create users at sign-in");

    await q(`mutation { updateCompanySettings(input: { ssoJitProvisioning: true }) { ssoJitProvisioning } }`);
    const { browser, status } = await signIn("okta-new");
    expect(status).toBe(200);
    const me = await meWithCookie(app, browser.cookie("rolebridge_session"));
    expect(me.body.data.me.userName).toBe("new@acme.example");
    const created = (await app.orm.em.fork().findOneOrFail(User, { userName: "new@acme.example", company: co.company.id }, { filters: false })) as User;
    expect(created).toMatchObject({ givenName: "Nia", familyName: "New", allowSsoLogin: true, autoAssignRoles: true });
    expect(await membershipsOf(created.id)).toEqual([{ role: "Sales", source: "sso" }]);
    // They sign in through the IdP: no invitation to set a password, although the company does not enforce SSO.
    const invitations = await app.orm.em.getConnection().execute(`select count(*)::int as n from invitation where user_id = ?`, [created.id]);
    expect(invitations[0].n).toBe(0);
    await q(`mutation { updateCompanySettings(input: { ssoJitProvisioning: false }) { ssoJitProvisioning } }`);
  });

  it("a test sign-in of someone the company would create shows the user it would create, and creates nothing", async () => {
    await q(`mutation { updateCompanySettings(input: { ssoJitProvisioning: true }) { ssoJitProvisioning } }`);
    idp.accounts.set("okta-later", { email: "later@acme.example", email_verified: true, preferred_username: "later@acme.example", groups: ["Sales"] });
    idp.signInAs("okta-later");
    const { status, html } = await runTestSignIn(app, co.adminToken, connection.testSignInUrl);
    expect(status).toBe(200);
    expect(html).toContain("would be created as later@acme.example");
    const rows = await app.orm.em.getConnection().execute(`select count(*)::int as n from user_account where lower(user_name) = 'later@acme.example'`);
    expect(rows[0].n).toBe(0);
    await q(`mutation { updateCompanySettings(input: { ssoJitProvisioning: false }) { ssoJitProvisioning } }`);
  });

  it("where the company allows it, a group that names no role creates an unmapped one", async () => {
    await q(`mutation { updateCompanySettings(input: { ssoCreateUnknownGroups: true }) { ssoCreateUnknownGroups } }`);
    idp.accounts.set("okta-jane", { ...idp.accounts.get("okta-jane"), groups: ["Sales", "Brand New Team"] });
    try {
      const { status } = await signIn("okta-jane");
      expect(status).toBe(200);
      const jane = (await app.orm.em.fork().findOneOrFail(User, { userName: "jane@acme.example", company: co.company.id }, { filters: false })) as User;
      expect(await membershipsOf(jane.id)).toContainEqual({ role: "Brand New Team", source: "sso" });
      const { unmappedCustomerRoles } = await q(`{ unmappedCustomerRoles { nodes { displayName } } }`);
      expect(unmappedCustomerRoles.nodes.map((r: any) => r.displayName)).toContain("Brand New Team");
      const [event] = (await auditOf(app, co.company.id, "sso.signIn")).slice(-1);
      expect(event!.after).toMatchObject({ createdCustomerRoles: ["Brand New Team"], unknownGroups: [] });
    } finally {
      idp.accounts.set("okta-jane", { ...idp.accounts.get("okta-jane"), groups: ["Sales", "Unknown Team"] });
      await q(`mutation { updateCompanySettings(input: { ssoCreateUnknownGroups: false }) { ssoCreateUnknownGroups } }`);
    }
  });
});

describe("refusals of the IdP's answer", () => {
  const cases: { name: string; change: (c: any) => any; message: RegExp }[] = [
    { name: "an ID token for another audience", change: (c) => ({ ...c, aud: "someone-else" }), message: /aud/ },
    { name: "an ID token from another issuer", change: (c) => ({ ...c, iss: "http://evil.example" }), message: /iss/ },
    { name: "an expired ID token", change: (c) => ({ ...c, iat: c.iat - 7200, exp: c.iat - 3600 }), message: /exp|expired|timestamp/i },
    { name: "an ID token with another nonce", change: (c) => ({ ...c, nonce: "not-the-one-sent" }), message: /nonce/ },
  ];
  for (const c of cases) {
    it(`${c.name} is refused with a page and an audit event, never a session`, async () => {
      const before = (await auditOf(app, co.company.id, "sso.signInRefused")).length;
      idp.tamper(c.change);
      const { browser, status, html } = await signIn("okta-jane");
      expect(status).toBe(401);
      expect(html).toContain("failed validation");
      expect(html).toMatch(c.message);
      expect(browser.cookie("rolebridge_session")).toBeUndefined();
      const refusals = await auditOf(app, co.company.id, "sso.signInRefused");
      expect(refusals).toHaveLength(before + 1);
      expect(refusals.at(-1)!.after.reason).toContain("failed validation");
    });
  }

  it("a callback whose state is not the one this browser started is refused", async () => {
    const { browser, status, html } = await signIn("okta-jane", (url) =>
      url.includes("/oidc/callback") ? url.replace(/([?&]state=)[^&]+/, "$1forged-state") : url,
    );
    expect(status).toBe(401);
    expect(html).toContain("state does not match");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    expect((await auditOf(app, co.company.id, "sso.signInRefused")).at(-1)!.after.reason).toContain("state does not match");
  });

  it("a callback in a browser that started no sign-in is refused", async () => {
    const browser = new BrowserClient();
    const res = await browser.navigate(`${app.url}/sso/${co.company.slug}/oidc/callback?code=abc&state=xyz`);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("no sign-in in progress");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
  });

  it("refused callbacks count against the address like wrong passwords: past the limit they get 429 and are not checked", async () => {
    const limited = await startTestApp({ databaseUrl: app.databaseUrl, env: { SSO_SECRET_KEY: SSO_KEY, AUTH_FAILURE_IP_LIMIT: "2" } });
    try {
      const callback = `${limited.url}/sso/${co.company.slug}/oidc/callback?code=abc&state=xyz`;
      expect((await new BrowserClient().navigate(callback)).status).toBe(401);
      expect((await new BrowserClient().navigate(callback)).status).toBe(401);
      const before = (await auditOf(app, co.company.id, "sso.signInRefused")).length;
      const third = await new BrowserClient().navigate(callback);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await third.text()).toContain("too many failed authentication attempts from this address");
      expect(await auditOf(app, co.company.id, "sso.signInRefused")).toHaveLength(before);
    } finally {
      await limited.close();
    }
  });

  it("an unknown company answers a page, not an error", async () => {
    const res = await new BrowserClient().navigate(`${app.url}/sso/no-such-company`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("there is no company");
  });
});

describe("a disabled connection", () => {
  it("refuses every sign-in with a page and an audit event", async () => {
    const { disableSsoConnection } = await q(`mutation($id: ID!) { disableSsoConnection(id: $id) { status } }`, { id: connection.id });
    expect(disableSsoConnection.status).toBe("DISABLED");
    const { browser, status, html } = await signIn("okta-jane");
    expect(status).toBe(404);
    expect(html).toContain("has no active single sign-on connection");
    expect(browser.cookie("rolebridge_session")).toBeUndefined();
    const direct = await new BrowserClient().navigate(`${app.url}/sso/${co.company.slug}?connection=${connection.id}`);
    expect(direct.status).toBe(403);
    expect(await direct.text()).toContain("is disabled");
    const refusals = await auditOf(app, co.company.id, "sso.signInRefused");
    expect(refusals.at(-1)!.after).toMatchObject({ connectionId: connection.id });
  });
});
