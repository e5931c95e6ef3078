import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlatformOperator, createTestCompany, createUserWithRoles, TEST_PASSWORD, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

let app: TestApp;
let a: TestCompany;
let b: TestCompany;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
});
afterAll(() => app?.close());

const COMPANY = `{ company { id slug name scimEnabled scimDeleteMode singleCustomerRole passwordPolicy { minLength requireDigit } } }`;

describe("company", () => {
  it("returns the caller's own company and never another's", async () => {
    const resA = await gql(app.url, COMPANY, {}, a.adminToken);
    expect(resA.data?.company).toMatchObject({ id: a.company.id, slug: a.company.slug, scimEnabled: true, scimDeleteMode: "DEACTIVATE" });
    const resB = await gql(app.url, COMPANY, {}, b.adminToken);
    expect(resB.data?.company.id).toBe(b.company.id);
  });

  it("refuses an anonymous caller with UNAUTHENTICATED", async () => {
    const res = await gql(app.url, COMPANY);
    expect(errorCode(res)).toBe("UNAUTHENTICATED");
  });

  it("refuses a tampered token with UNAUTHENTICATED", async () => {
    const res = await gql(app.url, COMPANY, {}, `${a.adminToken.slice(0, -4)}AAAA`);
    expect(errorCode(res)).toBe("UNAUTHENTICATED");
  });

  it("updateCompanySettings changes settings, records an audit event, and needs CanConfigureCompany", async () => {
    const res = await gql(
      app.url,
      `mutation($i: CompanySettingsInput!) { updateCompanySettings(input: $i) { scimDeleteMode singleCustomerRole passwordPolicy { minLength } } }`,
      { i: { scimDeleteMode: "DELETE", singleCustomerRole: true, passwordPolicy: { minLength: 14 } } },
      a.adminToken,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateCompanySettings).toEqual({ scimDeleteMode: "DELETE", singleCustomerRole: true, passwordPolicy: { minLength: 14 } });
    const rows = await app.orm.em.fork().getConnection().execute(
      `select action, before->>'scimDeleteMode' as before, after->>'scimDeleteMode' as after from audit_event where company_id = ?`,
      [a.company.id],
    );
    expect(rows).toContainEqual({ action: "company.updateSettings", before: "deactivate", after: "delete" });

    const viewer = await createUserWithRoles(app, a.company, "viewer@a.example", ["Viewer"]);
    const denied = await gql(app.url, `mutation { updateCompanySettings(input: { singleCustomerRole: false }) { singleCustomerRole } }`, {}, await tokenFor(app, viewer));
    expect(errorCode(denied)).toBe("FORBIDDEN");
  });

  it("rejects an out-of-range password policy with BAD_USER_INPUT naming the field, changing nothing", async () => {
    const res = await gql(app.url, `mutation { updateCompanySettings(input: { passwordPolicy: { minLength: 3 } }) { scimDeleteMode } }`, {}, b.adminToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.field).toBe("passwordPolicy.minLength");
    const after = await gql(app.url, COMPANY, {}, b.adminToken);
    expect(after.data?.company.passwordPolicy.minLength).toBe(12);
  });

  it("lets only platform operators create companies and switch SCIM on or off", async () => {
    const denied = await gql(app.url, `mutation { createCompany(input: { slug: "nope", name: "Nope" }) { id } }`, {}, a.adminToken);
    expect(errorCode(denied)).toBe("FORBIDDEN");

    const { token } = await createPlatformOperator(app);
    const created = await gql(app.url, `mutation { createCompany(input: { slug: "acme", name: "Acme" }) { id slug scimEnabled } }`, {}, token);
    expect(created.data?.createCompany).toMatchObject({ slug: "acme", scimEnabled: false });
    const id = created.data?.createCompany.id;
    const enabled = await gql(app.url, `mutation($id: ID!) { setScimEnabled(companyId: $id, enabled: true) { scimEnabled } }`, { id }, token);
    expect(enabled.data?.setScimEnabled.scimEnabled).toBe(true);

    const duplicate = await gql(app.url, `mutation { createCompany(input: { slug: "ACME", name: "Acme again" }) { id } }`, {}, token);
    expect(errorCode(duplicate)).toBe("CONFLICT");
  });

  it("login returns a session for the right password only", async () => {
    const ok = await gql(
      app.url,
      `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token user { userName } } }`,
      { c: a.company.slug.toUpperCase(), u: a.admin.userName.toUpperCase(), p: TEST_PASSWORD },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.login.user.userName).toBe(a.admin.userName);
    const me = await gql(app.url, `{ me { id userName } }`, {}, ok.data?.login.token);
    expect(me.data?.me).toEqual({ id: a.admin.id, userName: a.admin.userName });

    const bad = await gql(app.url, `mutation { login(company: "${a.company.slug}", userName: "${a.admin.userName}", password: "wrong") { token } }`);
    expect(errorCode(bad)).toBe("UNAUTHENTICATED");
  });
});
