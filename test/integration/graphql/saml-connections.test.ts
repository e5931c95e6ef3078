import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { TestSamlIdp } from "../../support/saml-idp.js";

let app: TestApp;
let acme: TestCompany;
let other: TestCompany;
let idp: TestSamlIdp;
/** An IdP's metadata endpoint on the loopback interface, which answers what `metadataBody` holds. */
let metadataServer: Server;
let metadataUrl: string;
let metadataBody: { status: number; body: string; headers?: Record<string, string> };

const FIELDS = `id name version idpMetadataUrl idpEntityId idpSsoUrl idpCertificates { subject notAfter sha256Fingerprint }
  wantAssertionsSigned wantResponseSigned emailAttribute givenNameAttribute familyNameAttribute groupsAttribute
  serviceProvider { entityId acsUrl metadataUrl signInUrl }`;
const CREATE = `mutation($input: SamlConnectionInput!) { createSamlConnection(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: SamlConnectionInput!, $v: Int) { updateSamlConnection(id: $id, input: $input, expectedVersion: $v) { ${FIELDS} } }`;
const GET = `query($id: ID!) { samlConnection(id: $id) { ${FIELDS} } }`;

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(query, params);
}

async function connectionCount(company: TestCompany): Promise<number> {
  return (await sql("select count(*)::int as n from sso_connection where company_id = ?", [company.company.id]))[0]!.n;
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTestCompany(app);
  other = await createTestCompany(app);
  idp = await TestSamlIdp.create();
  metadataBody = { status: 200, body: idp.metadataXml() };
  metadataServer = createServer((_req, res) => res.writeHead(metadataBody.status, { "content-type": "application/samlmetadata+xml", ...metadataBody.headers }).end(metadataBody.body));
  await new Promise<void>((r) => metadataServer.listen(0, "127.0.0.1", () => r()));
  metadataUrl = `http://127.0.0.1:${(metadataServer.address() as AddressInfo).port}/app/metadata`;
});
afterAll(async () => {
  metadataServer?.close();
  await app?.close();
});

describe("createSamlConnection", () => {
  it("from pasted metadata XML: the IdP's values, Okta's attribute names by default, and the ACS URL and entity ID to copy into the IdP", async () => {
    const res = await gql(app.url, CREATE, { input: { name: "Okta", idpMetadataXml: idp.metadataXml() } }, acme.adminToken);
    expect(res.errors).toBeUndefined();
    const created = res.data!.createSamlConnection;
    const base = `${app.url}/sso/${acme.company.slug}`;
    expect(created).toMatchObject({
      name: "Okta",
      version: 1,
      idpMetadataUrl: null,
      idpEntityId: idp.entityId,
      idpSsoUrl: idp.ssoUrl,
      wantAssertionsSigned: true,
      wantResponseSigned: false,
      emailAttribute: "email",
      givenNameAttribute: "firstName",
      familyNameAttribute: "lastName",
      groupsAttribute: "groups",
      serviceProvider: { entityId: `${base}/saml/metadata`, acsUrl: `${base}/saml/acs`, metadataUrl: `${base}/saml/metadata`, signInUrl: base },
    });
    expect(created.idpCertificates).toHaveLength(1);
    expect(created.idpCertificates[0].subject).toContain("CN=Test IdP");
    expect(created.idpCertificates[0].sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const [row] = await sql("select protocol, status, idp_certificates from sso_connection where id = ?", [created.id]);
    expect(row).toMatchObject({ protocol: "saml", status: "draft", idp_certificates: [idp.certificate] });
    const audit = await sql("select action, actor_user_name, after from audit_event where target_id = ?", [created.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "ssoConnection.create", actor_user_name: acme.admin.userName, after: { protocol: "saml", idpEntityId: idp.entityId } });
  });

  it("from a metadata URL the server fetches, with Entra ID's claim URIs and both signatures required", async () => {
    const res = await gql(
      app.url,
      CREATE,
      {
        input: {
          name: "Entra ID",
          idpMetadataUrl: metadataUrl,
          wantResponseSigned: true,
          emailAttribute: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
          groupsAttribute: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
        },
      },
      acme.adminToken,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createSamlConnection).toMatchObject({
      idpMetadataUrl: metadataUrl,
      idpEntityId: idp.entityId,
      wantAssertionsSigned: true,
      wantResponseSigned: true,
      emailAttribute: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
      groupsAttribute: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
      givenNameAttribute: "firstName",
    });
  });

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    ["no metadata at all", { name: "x" }, "idpMetadataUrl", /metadata/],
    ["both a URL and XML", { name: "x", idpMetadataUrl: "https://idp.example/m", idpMetadataXml: "<x/>" }, "idpMetadataXml", /not both/],
    ["metadata that is not XML", { name: "x", idpMetadataXml: "this is not xml <" }, "idpMetadataXml", /well-formed/],
    ["metadata of no identity provider", { name: "x", idpMetadataXml: '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="sp"/>' }, "idpMetadataXml", /no identity provider/],
    ["a plain-http URL off this machine", { name: "x", idpMetadataUrl: "http://idp.example.com/metadata" }, "idpMetadataUrl", /https/],
    ["a file: URL", { name: "x", idpMetadataUrl: "file:///etc/passwd" }, "idpMetadataUrl", /https/],
    ["no signature required at all", { name: "x", idpMetadataXml: "<x/>", wantAssertionsSigned: false }, "wantAssertionsSigned", /unsigned assertion proves nothing/],
    ["no name", { idpMetadataXml: "<x/>" }, "name", /required/],
  ];
  for (const [what, input, field, message] of refusals) {
    it(`refuses ${what} with BAD_USER_INPUT on ${field}, creating nothing`, async () => {
      const before = await connectionCount(acme);
      const res = await gql(app.url, CREATE, { input }, acme.adminToken);
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0]!.extensions!.field).toBe(field);
      expect(res.errors![0]!.message).toMatch(message);
      expect(await connectionCount(acme)).toBe(before);
    });
  }

  it("a metadata URL that answers 404 is BAD_USER_INPUT naming the status, and creates nothing", async () => {
    metadataBody = { status: 404, body: "not here" };
    try {
      const before = await connectionCount(acme);
      const res = await gql(app.url, CREATE, { input: { name: "x", idpMetadataUrl: metadataUrl } }, acme.adminToken);
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0]!.message).toMatch(/HTTP 404/);
      expect(await connectionCount(acme)).toBe(before);
    } finally {
      metadataBody = { status: 200, body: idp.metadataXml() };
    }
  });

  it("a metadata URL that redirects is not followed: BAD_USER_INPUT names where it points", async () => {
    metadataBody = { status: 302, body: "", headers: { location: "http://169.254.169.254/latest/meta-data" } };
    try {
      const res = await gql(app.url, CREATE, { input: { name: "x", idpMetadataUrl: metadataUrl } }, acme.adminToken);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "idpMetadataUrl" });
      expect(res.errors![0]!.message).toMatch(/redirects to http:\/\/169\.254\.169\.254/);
    } finally {
      metadataBody = { status: 200, body: idp.metadataXml() };
    }
  });

  it("needs CanConfigureCompany, and a signed-in caller", async () => {
    const viewer = await createUserWithRoles(app, acme.company, "viewer@acme.example", []);
    const denied = await gql(app.url, CREATE, { input: { name: "x", idpMetadataXml: idp.metadataXml() } }, await tokenFor(app, viewer));
    expect(errorCode(denied)).toBe("FORBIDDEN");
    const anonymous = await gql(app.url, CREATE, { input: { name: "x", idpMetadataXml: idp.metadataXml() } });
    expect(errorCode(anonymous)).toBe("UNAUTHENTICATED");
  });
});

describe("updateSamlConnection and samlConnection", () => {
  async function created(): Promise<{ id: string; version: number }> {
    const res = await gql(app.url, CREATE, { input: { name: "Okta", idpMetadataXml: idp.metadataXml() } }, acme.adminToken);
    return res.data!.createSamlConnection;
  }

  it("changes the attribute names and keeps what is left out; the version goes up and the change is audited", async () => {
    const { id } = await created();
    const res = await gql(app.url, UPDATE, { id, input: { groupsAttribute: "memberOf", givenNameAttribute: "" }, v: 1 }, acme.adminToken);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateSamlConnection).toMatchObject({ version: 2, groupsAttribute: "memberOf", givenNameAttribute: null, emailAttribute: "email", idpEntityId: idp.entityId });
    const audit = await sql("select action, before, after from audit_event where target_id = ? and action = 'ssoConnection.update'", [id]);
    expect(audit[0]).toMatchObject({ before: { groupsAttribute: "groups" }, after: { groupsAttribute: "memberOf" } });
    expect((await gql(app.url, GET, { id }, acme.adminToken)).data!.samlConnection.groupsAttribute).toBe("memberOf");
  });

  it("a stale expectedVersion is PRECONDITION_FAILED and changes nothing", async () => {
    const { id } = await created();
    await gql(app.url, UPDATE, { id, input: { name: "Okta prod" } }, acme.adminToken);
    const res = await gql(app.url, UPDATE, { id, input: { name: "Okta stale" }, v: 1 }, acme.adminToken);
    expect(errorCode(res)).toBe("PRECONDITION_FAILED");
    expect((await gql(app.url, GET, { id }, acme.adminToken)).data!.samlConnection.name).toBe("Okta prod");
  });

  it("metadata of another IdP puts an active connection back to draft; a rotated certificate alone keeps it active", async () => {
    const { id } = await created();
    await sql("update sso_connection set status = 'active' where id = ?", [id]);
    const rotated = await TestSamlIdp.create(idp.entityId);
    const kept = await gql(app.url, UPDATE, { id, input: { idpMetadataXml: rotated.metadataXml() } }, acme.adminToken);
    expect(kept.data!.updateSamlConnection.idpCertificates).toHaveLength(1);
    expect((await sql("select status, idp_certificates from sso_connection where id = ?", [id]))[0]).toEqual({ status: "active", idp_certificates: [rotated.certificate] });
    const another = await TestSamlIdp.create();
    await gql(app.url, UPDATE, { id, input: { idpMetadataXml: another.metadataXml() } }, acme.adminToken);
    expect((await sql("select status, idp_entity_id from sso_connection where id = ?", [id]))[0]).toEqual({ status: "draft", idp_entity_id: another.entityId });
  });

  it("turning off the last required signature is refused and changes nothing", async () => {
    const { id } = await created();
    const res = await gql(app.url, UPDATE, { id, input: { wantAssertionsSigned: false } }, acme.adminToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect((await gql(app.url, GET, { id }, acme.adminToken)).data!.samlConnection.wantAssertionsSigned).toBe(true);
  });

  it("another company's connection is NOT_FOUND, to read and to change", async () => {
    const { id } = await created();
    expect(errorCode(await gql(app.url, GET, { id }, other.adminToken))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, UPDATE, { id, input: { name: "mine now" } }, other.adminToken))).toBe("NOT_FOUND");
    expect((await gql(app.url, GET, { id }, acme.adminToken)).data!.samlConnection.name).toBe("Okta");
  });

  it("samlServiceProvider gives the values to enter at the IdP before any connection exists", async () => {
    const res = await gql(app.url, `{ samlServiceProvider { entityId acsUrl } }`, {}, other.adminToken);
    expect(res.data!.samlServiceProvider).toEqual({
      entityId: `${app.url}/sso/${other.company.slug}/saml/metadata`,
      acsUrl: `${app.url}/sso/${other.company.slug}/saml/acs`,
    });
  });
});

describe("ssoConnections", () => {
  it("lists SAML connections with their SAML side, as the console's SSO page reads them", async () => {
    const fresh = await createTestCompany(app);
    const created = (await gql(app.url, CREATE, { input: { name: "Entra", idpMetadataXml: idp.metadataXml() } }, fresh.adminToken)).data!.createSamlConnection;
    const res = await gql(app.url, `{ ssoConnections { id protocol status name saml { idpEntityId serviceProvider { acsUrl entityId } } } }`, {}, fresh.adminToken);
    expect(res.errors).toBeUndefined();
    expect(res.data!.ssoConnections).toEqual([
      {
        id: created.id,
        protocol: "SAML",
        status: "DRAFT",
        name: "Entra",
        saml: { idpEntityId: idp.entityId, serviceProvider: { acsUrl: created.serviceProvider.acsUrl, entityId: created.serviceProvider.entityId } },
      },
    ]);
  });
});
