import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OutgoingInvitation, OutboxDelivery } from "../../../src/domain/outbox/outbox-delivery.js";
import { OutboxStatus } from "../../../src/domain/outbox/outbox-message.entity.js";
import { createTestCompany, createUserWithRoles, TEST_PASSWORD, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * SSO enforcement over real HTTP: a company setting that refuses password sign-in (GraphQL login
 * and the console's sign-in) to everyone but break-glass accounts, and that cannot be switched on
 * while no administrator could still get in with a password.
 */
let app: TestApp;
let a: TestCompany;
let b: TestCompany;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
});
afterAll(() => app?.close());

const SETTINGS = `mutation($i: CompanySettingsInput!) { updateCompanySettings(input: $i) { ssoEnforced invitationTtlHours } }`;
const COMPANY = `query { company { ssoEnforced invitationTtlHours } }`;
const BREAK_GLASS = `mutation($u: ID!, $b: Boolean!) { setBreakGlass(userId: $u, breakGlass: $b) { id breakGlass version } }`;
const LOGIN = `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`;
const CREATE = `mutation($i: UserInput!) { createUser(input: $i) { id } }`;

function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(query, params);
}

function consoleSignIn(company: string, userName: string, password: string) {
  return fetch(`${app.url}/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-rolebridge-csrf": "1" },
    body: JSON.stringify({ company, userName, password }),
  });
}

describe("turning SSO enforcement on", () => {
  it("is refused while no administrator is break-glass, and changes nothing", async () => {
    const res = await gql(app.url, SETTINGS, { i: { ssoEnforced: true } }, a.adminToken);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0]!.extensions).toMatchObject({ field: "ssoEnforced", reason: "NO_BREAK_GLASS_ADMINISTRATOR" });
    expect((await gql(app.url, COMPANY, {}, a.adminToken)).data!.company.ssoEnforced).toBe(false);
  });

  it("is refused when the only break-glass user does not hold CanConfigureCompany", async () => {
    const viewer = await createUserWithRoles(app, a.company, "viewer.bg@a.example", ["Viewer"]);
    expect((await gql(app.url, BREAK_GLASS, { u: viewer.id, b: true }, a.adminToken)).data!.setBreakGlass.breakGlass).toBe(true);
    const res = await gql(app.url, SETTINGS, { i: { ssoEnforced: true } }, a.adminToken);
    expect(res.errors![0]!.extensions!.reason).toBe("NO_BREAK_GLASS_ADMINISTRATOR");
  });

  it("only an administrator may mark break-glass accounts", async () => {
    const viewer = await createUserWithRoles(app, a.company, "viewer2@a.example", ["Viewer"]);
    const res = await gql(app.url, BREAK_GLASS, { u: viewer.id, b: true }, await tokenFor(app, viewer));
    expect(errorCode(res)).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, BREAK_GLASS, { u: a.admin.id, b: true }, b.adminToken))).toBe("NOT_FOUND");
  });

  it("with a break-glass administrator it is on: password sign-in is refused to everyone else, the break-glass account signs in", async () => {
    const marked = await gql(app.url, BREAK_GLASS, { u: a.admin.id, b: true }, a.adminToken);
    expect(marked.data!.setBreakGlass.breakGlass).toBe(true);
    const on = await gql(app.url, SETTINGS, { i: { ssoEnforced: true, invitationTtlHours: 24 } }, a.adminToken);
    expect(on.errors).toBeUndefined();
    expect(on.data!.updateCompanySettings).toEqual({ ssoEnforced: true, invitationTtlHours: 24 });

    const employee = await createUserWithRoles(app, a.company, "employee@a.example", ["Viewer"]);
    const refused = await gql(app.url, LOGIN, { c: a.company.slug, u: employee.userName, p: TEST_PASSWORD });
    expect(errorCode(refused)).toBe("FORBIDDEN");
    expect(refused.errors![0]!.extensions!.reason).toBe("SSO_REQUIRED");
    expect(refused.data?.login ?? null).toBeNull();
    // A wrong password is still just a wrong password: enforcement is told only to whoever knows it.
    expect(errorCode(await gql(app.url, LOGIN, { c: a.company.slug, u: employee.userName, p: "wrong-Password-1" }))).toBe("UNAUTHENTICATED");

    const consoleRefused = await consoleSignIn(a.company.slug, employee.userName, TEST_PASSWORD);
    expect(consoleRefused.status).toBe(403);
    expect(await consoleRefused.json()).toMatchObject({ error: { code: "FORBIDDEN", reason: "SSO_REQUIRED" } });
    expect(consoleRefused.headers.get("set-cookie")).toBeNull();

    expect((await gql(app.url, LOGIN, { c: a.company.slug, u: a.admin.userName, p: TEST_PASSWORD })).errors).toBeUndefined();
    expect((await consoleSignIn(a.company.slug, a.admin.userName, TEST_PASSWORD)).status).toBe(200);

    // Another company is not affected.
    const other = await createUserWithRoles(app, b.company, "employee@b.example", ["Viewer"]);
    expect((await gql(app.url, LOGIN, { c: b.company.slug, u: other.userName, p: TEST_PASSWORD })).errors).toBeUndefined();

    const audit = await sql<{ action: string; after: { ssoEnforced?: boolean; breakGlass?: boolean } }>(
      `select action, after from audit_event where company_id = ? and action in ('user.setBreakGlass', 'company.updateSettings') order by created_at`,
      [a.company.id],
    );
    expect(audit.map((r) => r.action)).toEqual(["user.setBreakGlass", "user.setBreakGlass", "company.updateSettings"]);
    expect(audit.at(-1)!.after.ssoEnforced).toBe(true);
  });

  it("while it is on, the last break-glass administrator cannot be unmarked", async () => {
    const res = await gql(app.url, BREAK_GLASS, { u: a.admin.id, b: false }, a.adminToken);
    expect(res.errors![0]!.extensions!.reason).toBe("NO_BREAK_GLASS_ADMINISTRATOR");
    const [row] = await sql<{ break_glass: boolean }>(`select break_glass from user_account where id = ?`, [a.admin.id]);
    expect(row!.break_glass).toBe(true);
  });

  it("while it is on, the last break-glass administrator is neither deactivated, deleted, nor left without a password", async () => {
    // Another administrator acts, since nobody may deactivate or delete their own account.
    const other = await createUserWithRoles(app, a.company, "second.admin@a.example", ["Company Administrator"]);
    const token = await tokenFor(app, other);
    const deactivate = await gql(app.url, `mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }`, { id: a.admin.id }, token);
    expect(deactivate.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "active", reason: "NO_BREAK_GLASS_ADMINISTRATOR" });
    const remove = await gql(app.url, `mutation($id: ID!) { deleteUser(id: $id) }`, { id: a.admin.id }, token);
    expect(remove.errors![0]!.extensions!.reason).toBe("NO_BREAK_GLASS_ADMINISTRATOR");
    const clear = await gql(app.url, `mutation($id: ID!) { updateUser(id: $id, input: { password: null }) { hasPassword } }`, { id: a.admin.id }, token);
    expect(clear.errors![0]!.extensions).toMatchObject({ field: "password", reason: "NO_BREAK_GLASS_ADMINISTRATOR" });
    const [row] = await sql<{ active: boolean; has: boolean }>(`select active, password_hash is not null as has from user_account where id = ?`, [a.admin.id]);
    expect(row).toEqual({ active: true, has: true });
    const refusals = await sql<{ action: string }>(`select action from audit_event where target_id = ? and action like '%.refused' order by created_at`, [a.admin.id]);
    expect(refusals.map((r) => r.action)).toEqual(["user.deactivate.refused", "user.delete.refused", "user.update.refused"]);

    // With a second break-glass administrator, the first may go.
    expect((await gql(app.url, BREAK_GLASS, { u: other.id, b: true }, a.adminToken)).errors).toBeUndefined();
    const now = await gql(app.url, `mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }`, { id: a.admin.id }, token);
    expect(now.errors).toBeUndefined();
    expect(now.data!.setUserActive.active).toBe(false);
    a = { ...a, admin: other, adminToken: token };
  });

  it("while it is on, users created without a password get no invitation, and a resend says why", async () => {
    const created = await gql(app.url, CREATE, { i: { userName: "sso.only@a.example", emails: [{ value: "sso.only@a.example", primary: true }] } }, a.adminToken);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createUser.id;
    expect(await sql(`select id from invitation where user_id = ?`, [id])).toHaveLength(0);
    const resend = await gql(app.url, `mutation($u: ID!) { resendInvitation(userId: $u) { id } }`, { u: id }, a.adminToken);
    expect(resend.errors![0]!.extensions!.reason).toBe("SSO_REQUIRED");
  });

  it("an invitation link sent before enforcement no longer sets a password once SSO is enforced", async () => {
    const created = await gql(app.url, CREATE, { i: { userName: "before@b.example", emails: [{ value: "before@b.example", primary: true }] } }, b.adminToken);
    expect(created.errors).toBeUndefined();
    // The outbox's own delivery draws the link's token; this transport keeps the email instead of sending it.
    const sent: OutgoingInvitation[] = [];
    const delivery = new OutboxDelivery(() => app.orm.em.fork());
    while (await delivery.deliverNext(async (mail) => void sent.push(mail), OutboxStatus.SENT));
    const mail = sent.find((m) => m.recipient === "before@b.example")!;
    expect(mail).toBeDefined();

    await gql(app.url, BREAK_GLASS, { u: b.admin.id, b: true }, b.adminToken);
    expect((await gql(app.url, SETTINGS, { i: { ssoEnforced: true } }, b.adminToken)).errors).toBeUndefined();
    const res = await gql(app.url, `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { userName } }`, { t: mail.token, p: "Fresh-Start-2026-ok" });
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0]!.extensions!.reason).toBe("SSO_REQUIRED");
    const [row] = await sql<{ has: boolean }>(`select password_hash is not null as has from user_account where id = ?`, [created.data!.createUser.id]);
    expect(row!.has).toBe(false);
  });
});
