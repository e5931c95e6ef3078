import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Build, buildApp, type Spawned } from "../../setup/build.js";
import { cloneTemplateDatabase } from "../../setup/db.js";
import { gql } from "../../setup/graphql-client.js";
import { SmtpInbox } from "../../support/smtp-inbox.js";
import { baseUrlOf, demoCredentials, startBuiltServer } from "./helpers.js";

/**
 * A crash between the commit of a new user and the sending of its invitation loses nothing and
 * doubles nothing. The built server runs as a child process against an SMTP server in this
 * process, which holds the server's SMTP session before accepting the sender: the invitation is
 * committed and its sending has begun, but no mail server has it. The server is killed there
 * with SIGKILL, and started again on the same database: the invitation arrives exactly once, and
 * its link works.
 */
let build: Build;
let databaseUrl: string;
let db: pg.Client;
let inbox: SmtpInbox;
const started: Spawned[] = [];

beforeAll(async () => {
  [build, databaseUrl] = await Promise.all([buildApp(), cloneTemplateDatabase()]);
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  inbox = new SmtpInbox();
  await inbox.start();
});
afterAll(async () => {
  for (const server of started) server.kill();
  await db?.end();
  await inbox?.stop();
  await build?.remove();
});

function start(): Spawned {
  const server = startBuiltServer(build, databaseUrl, { SMTP_URL: inbox.url, NODE_ENV: "production" });
  started.push(server);
  return server;
}

/** The demo admin's password, printed on the first run (the first test's), and a session with it. */
let demoLogin: { company: string; userName: string; password: string } | undefined;

async function adminToken(base: string): Promise<string> {
  const login = await gql(base, `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`, {
    c: demoLogin!.company,
    u: demoLogin!.userName,
    p: demoLogin!.password,
  });
  return login.data!.login.token as string;
}

describe("the outbox across a crash", () => {
  it("a server killed after the commit and before the send delivers the invitation once after a restart", async () => {
    const held = inbox.holdNext();
    const first = start();
    const demo = await demoCredentials(first);
    demoLogin = { company: demo.company, userName: demo.adminUserName, password: demo.adminPassword };
    const token = await adminToken(demo.base);
    const created = await gql(demo.base, `mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: { userName: "crash@demo.example", emails: [{ value: "crash@demo.example", primary: true }] } }, token);
    expect(created.errors).toBeUndefined();

    // The worker has claimed the message and is waiting for the SMTP server: kill it there.
    await held;
    first.child.kill("SIGKILL");
    await first.exited(10_000);
    expect(inbox.received).toHaveLength(0);
    const { rows: before } = await db.query(`select o.status, o.attempts from outbox_message o join invitation i on i.id = o.invitation_id join user_account u on u.id = i.user_id where u.user_name = 'crash@demo.example'`);
    // The claim died with its connection: the message is due again, no attempt recorded.
    expect(before).toEqual([{ status: "pending", attempts: 0 }]);

    const second = start();
    const base = await baseUrlOf(second);
    const [mail] = await inbox.waitFor(1);
    expect(mail!.to).toBe("crash@demo.example");
    expect(mail!.link.startsWith(`${base}/admin/invitation#token=`)).toBe(true);
    // The SMTP server has it; the worker records that in the transaction that still holds the message.
    const recorded = async () =>
      (await db.query(`select o.status, o.attempts, o.sent_at is not null as sent from outbox_message o join invitation i on i.id = o.invitation_id join user_account u on u.id = i.user_id where u.user_name = 'crash@demo.example'`)).rows;
    await expect.poll(recorded, { timeout: 10_000 }).toEqual([{ status: "sent", attempts: 1, sent: true }]);

    const accepted = await gql(base, `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { userName } }`, { t: mail!.token, p: "Still-Delivered-2026" });
    expect(accepted.errors).toBeUndefined();
    // Marked sent, the message is never sent again: the inbox holds it once.
    expect(inbox.received.filter((m) => m.to === "crash@demo.example")).toHaveLength(1);
    second.child.kill("SIGTERM");
    expect(await second.exited(20_000)).toBe(0);
  });

  it("SIGTERM while an SMTP server stalls the send stops cleanly (exit 0) and the invitation goes out after the restart", async () => {
    const held = inbox.holdNext();
    const first = start();
    const base = await baseUrlOf(first);
    const token = await adminToken(base);
    const created = await gql(base, `mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: { userName: "stalled@demo.example", emails: [{ value: "stalled@demo.example", primary: true }] } }, token);
    expect(created.errors).toBeUndefined();
    await held;
    const before = inbox.received.length;
    first.child.kill("SIGTERM");
    expect(await first.exited(20_000)).toBe(0);

    const second = start();
    await baseUrlOf(second);
    const mails = await inbox.waitFor(before + 1);
    expect(mails[before]!.to).toBe("stalled@demo.example");
    second.child.kill("SIGTERM");
    expect(await second.exited(20_000)).toBe(0);
    expect(inbox.received.filter((m) => m.to === "stalled@demo.example")).toHaveLength(1);
  });
});
