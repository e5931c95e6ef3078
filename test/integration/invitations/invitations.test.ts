import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/http/logger.js";
import { OutboxWorker } from "../../../src/mail/outbox-worker.js";
import { basic, generateAppPassword, setUpServiceAccount } from "../auth/auth-helpers.js";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { SmtpInbox } from "../../support/smtp-inbox.js";

/**
 * Password invitations end to end over real HTTP: a user created without a password gets an
 * email at a real SMTP server (in this process), whose link sets the password once, through the
 * acceptInvitation mutation; then the user signs in with it.
 */
let app: TestApp;
let inbox: SmtpInbox;
let worker: OutboxWorker;
let a: TestCompany;
let b: TestCompany;

beforeAll(async () => {
  inbox = new SmtpInbox();
  await inbox.start();
  app = await startTestApp();
  // Retries a second apart at most, so a refused attempt is retried within the test.
  worker = new OutboxWorker(app.orm, { SMTP_URL: inbox.url, MAIL_FROM: "rolebridge <no-reply@rolebridge.test>", NODE_ENV: "test" }, () => app.url, createLogger("silent"), {
    maxAttempts: 3,
    baseDelayMs: 200,
    maxDelayMs: 1_000,
  });
  worker.start();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
});
afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await inbox?.stop();
});

const CREATE = `mutation($i: UserInput!) { createUser(input: $i) { id userName hasPassword } }`;
const INVITATIONS = `query { invitations { id userId userName email state expiresAt acceptedAt revokedAt message { status attempts lastError sentAt } } }`;
const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { companySlug userName } }`;
const RESEND = `mutation($u: ID!) { resendInvitation(userId: $u) { id state message { status } } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { id state revokedAt } }`;
const LOGIN = `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token user { userName hasPassword } } }`;
const NEW_PASSWORD = "Fresh-Start-2026-ok";

function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(query, params);
}

let seen = 0;
/** The next email the inbox receives. */
async function nextMail() {
  const mails = await inbox.waitFor(seen + 1);
  return mails[seen++]!;
}

async function createInvited(company: TestCompany, userName: string) {
  const res = await gql(app.url, CREATE, { i: { userName, emails: [{ value: userName, primary: true }] } }, company.adminToken);
  expect(res.errors).toBeUndefined();
  return res.data!.createUser as { id: string; userName: string; hasPassword: boolean };
}

async function invitationOf(company: TestCompany, userId: string) {
  const res = await gql(app.url, INVITATIONS, {}, company.adminToken);
  expect(res.errors).toBeUndefined();
  return (res.data!.invitations as any[]).find((i) => i.userId === userId);
}

describe("a user created without a password", () => {
  it("gets an email whose link sets a password once, then signs in with it", async () => {
    const user = await createInvited(a, "new.hire@a.example");
    expect(user.hasPassword).toBe(false);

    const mail = await nextMail();
    expect(mail.to).toBe("new.hire@a.example");
    expect(mail.subject).toContain(a.company.name);
    expect(mail.text).toContain("new.hire@a.example");
    expect(mail.link.startsWith(`${app.url}/admin/invitation#token=`)).toBe(true);
    expect(mail.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@rolebridge\.invitation>$/);

    // Only a hash of the token is stored, nowhere the token itself.
    const stored = await sql<{ token_hash: string }>(`select t.token_hash from invitation_token t join invitation i on i.id = t.invitation_id where i.user_id = ?`, [user.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toBe(mail.token);
    const dump = await sql<{ found: boolean }>(
      `select exists(select 1 from invitation_token t where t.token_hash = ?) or exists(select 1 from outbox_message o where o::text like ?) or exists(select 1 from invitation i where i::text like ?) as found`,
      [mail.token, `%${mail.token}%`, `%${mail.token}%`],
    );
    expect(dump[0]!.found).toBe(false);

    await expect
      .poll(() => invitationOf(a, user.id), { timeout: 10_000 })
      .toMatchObject({ userName: "new.hire@a.example", email: "new.hire@a.example", state: "PENDING", message: { status: "SENT", attempts: 1, lastError: null } });

    const accepted = await gql(app.url, ACCEPT, { t: mail.token, p: NEW_PASSWORD });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation).toEqual({ companySlug: a.company.slug, userName: "new.hire@a.example" });

    const login = await gql(app.url, LOGIN, { c: a.company.slug, u: "new.hire@a.example", p: NEW_PASSWORD });
    expect(login.errors).toBeUndefined();
    expect(login.data!.login.user).toEqual({ userName: "new.hire@a.example", hasPassword: true });

    const again = await gql(app.url, ACCEPT, { t: mail.token, p: "Another-Try-2026-x" });
    expect(errorCode(again)).toBe("BAD_USER_INPUT");
    expect(again.errors![0]!.extensions!.reason).toBe("INVITATION_USED");
    expect((await invitationOf(a, user.id)).state).toBe("ACCEPTED");
    // The second try changed nothing: the first password still signs in.
    expect((await gql(app.url, LOGIN, { c: a.company.slug, u: "new.hire@a.example", p: NEW_PASSWORD })).errors).toBeUndefined();

    const audit = await sql<{ action: string }>(`select action from audit_event where target_id = ? order by created_at`, [user.id]);
    expect(audit.map((r) => r.action)).toEqual(["user.create", "invitation.accept"]);
  });

  it("a password that breaks the company policy is refused and the link keeps working", async () => {
    const user = await createInvited(a, "weak.pw@a.example");
    const mail = await nextMail();
    const weak = await gql(app.url, ACCEPT, { t: mail.token, p: "short" });
    expect(errorCode(weak)).toBe("BAD_USER_INPUT");
    expect(weak.errors![0]!.extensions!.reason).toBe("PASSWORD_POLICY");
    expect((await invitationOf(a, user.id)).state).toBe("PENDING");
    expect((await gql(app.url, ACCEPT, { t: mail.token, p: NEW_PASSWORD })).errors).toBeUndefined();
  });

  it("a link nobody issued is UNAUTHENTICATED and changes nothing", async () => {
    const res = await gql(app.url, ACCEPT, { t: "x".repeat(43), p: NEW_PASSWORD });
    expect(errorCode(res)).toBe("UNAUTHENTICATED");
    expect(res.errors![0]!.extensions!.reason).toBe("INVITATION_INVALID");
  });

  it("an expired link says so", async () => {
    const user = await createInvited(a, "late@a.example");
    const mail = await nextMail();
    await sql(`update invitation set expires_at = now() - interval '1 minute' where user_id = ?`, [user.id]);
    const res = await gql(app.url, ACCEPT, { t: mail.token, p: NEW_PASSWORD });
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0]!.extensions!.reason).toBe("INVITATION_EXPIRED");
    expect((await invitationOf(a, user.id)).state).toBe("EXPIRED");
    const [row] = await sql<{ has: boolean }>(`select password_hash is not null as has from user_account where id = ?`, [user.id]);
    expect(row!.has).toBe(false);
  });

  it("a resend sends a new link with a new expiry and the old link stops working", async () => {
    const user = await createInvited(a, "resend@a.example");
    const first = await nextMail();
    const resent = await gql(app.url, RESEND, { u: user.id }, a.adminToken);
    expect(resent.errors).toBeUndefined();
    const second = await nextMail();
    expect(second.to).toBe("resend@a.example");
    expect(second.token).not.toBe(first.token);
    expect(second.messageId).not.toBe(first.messageId);
    const old = await gql(app.url, ACCEPT, { t: first.token, p: NEW_PASSWORD });
    expect(old.errors![0]!.extensions!.reason).toBe("INVITATION_INVALID");
    expect((await gql(app.url, ACCEPT, { t: second.token, p: NEW_PASSWORD })).errors).toBeUndefined();
    const audit = await sql<{ action: string }>(`select action from audit_event where target_id = ? order by created_at`, [user.id]);
    expect(audit.map((r) => r.action)).toEqual(["user.create", "invitation.resend", "invitation.accept"]);
  });

  it("a revoked invitation's link says it was revoked", async () => {
    const user = await createInvited(a, "revoked@a.example");
    const mail = await nextMail();
    const invitation = await invitationOf(a, user.id);
    const revoked = await gql(app.url, REVOKE, { id: invitation.id }, a.adminToken);
    expect(revoked.data!.revokeInvitation).toMatchObject({ id: invitation.id, state: "REVOKED" });
    const res = await gql(app.url, ACCEPT, { t: mail.token, p: NEW_PASSWORD });
    expect(res.errors![0]!.extensions!.reason).toBe("INVITATION_REVOKED");
  });

  it("a temporary SMTP failure is recorded and retried, and the email arrives once", async () => {
    inbox.refuseNext(1);
    const user = await createInvited(a, "retry@a.example");
    const mail = await nextMail();
    expect(mail.to).toBe("retry@a.example");
    // The SMTP server has it; the worker records that as it commits.
    await expect.poll(async () => (await invitationOf(a, user.id)).message, { timeout: 10_000 }).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    const [row] = await sql<{ count: number }>(`select count(*)::int as count from invitation_token t join invitation i on i.id = t.invitation_id where i.user_id = ?`, [user.id]);
    // A token per attempt; the refused one never reached anyone.
    expect(row!.count).toBe(2);
    expect(inbox.received.filter((m) => m.to === "retry@a.example")).toHaveLength(1);
  });

  it("an IdP's SCIM POST /Users without a password invites the user it creates", async () => {
    const idp = await setUpServiceAccount(app, "scim@idp.example");
    const credential = await generateAppPassword(app, idp.serviceToken, "Okta");
    const res = await fetch(`${app.url}/scim/v2/Users`, {
      method: "POST",
      headers: { "content-type": "application/scim+json", authorization: basic(credential.clientId, credential.secret) },
      body: JSON.stringify({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "okta.user",
        emails: [{ value: "okta.user@example.com", type: "work", primary: true }],
        active: true,
      }),
    });
    expect(res.status).toBe(201);
    const mail = await nextMail();
    expect(mail.to).toBe("okta.user@example.com");
    expect(mail.text).toContain("Your user name is okta.user.");
  });

  it("the CSV upload invites the users it creates", async () => {
    const csv = "userName,givenName,familyName,email,active,customerRoles\nuploaded@a.example,Up,Loaded,uploaded@a.example,true,\n";
    const res = await gql(app.url, `mutation($c: String!) { uploadUsers(csv: $c) { created } }`, { c: csv }, a.adminToken);
    expect(res.errors).toBeUndefined();
    const mail = await nextMail();
    expect(mail.to).toBe("uploaded@a.example");
  });
});

describe("who gets no invitation", () => {
  it("a user created with a password, a service account, or one without an email gets none", async () => {
    const withPassword = await gql(app.url, CREATE, { i: { userName: "has.pw@a.example", password: NEW_PASSWORD, emails: [{ value: "has.pw@a.example", primary: true }] } }, a.adminToken);
    expect(withPassword.errors).toBeUndefined();
    const noEmail = await gql(app.url, CREATE, { i: { userName: "no-email" } }, a.adminToken);
    expect(noEmail.errors).toBeUndefined();
    const ids = [withPassword.data!.createUser.id, noEmail.data!.createUser.id];
    const rows = await sql(`select id from invitation where user_id in (?, ?)`, ids);
    expect(rows).toHaveLength(0);
    const resend = await gql(app.url, RESEND, { u: withPassword.data!.createUser.id }, a.adminToken);
    expect(errorCode(resend)).toBe("BAD_USER_INPUT");
    expect(resend.errors![0]!.message).toContain("has a password already");
  });
});

describe("tenants and permissions", () => {
  it("another company's admin neither sees nor revokes nor resends an invitation", async () => {
    const user = await createInvited(a, "private@a.example");
    await nextMail();
    const invitation = await invitationOf(a, user.id);
    const listed = await gql(app.url, INVITATIONS, {}, b.adminToken);
    expect((listed.data!.invitations as any[]).map((i) => i.id)).not.toContain(invitation.id);
    expect(errorCode(await gql(app.url, REVOKE, { id: invitation.id }, b.adminToken))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, RESEND, { u: user.id }, b.adminToken))).toBe("NOT_FOUND");
    expect((await invitationOf(a, user.id)).state).toBe("PENDING");
  });

  it("a viewer may not list, resend or revoke invitations", async () => {
    const viewer = await createUserWithRoles(app, a.company, "viewer@a.example", ["Viewer"]);
    const token = await tokenFor(app, viewer);
    expect(errorCode(await gql(app.url, INVITATIONS, {}, token))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, RESEND, { u: viewer.id }, token))).toBe("FORBIDDEN");
  });
});
