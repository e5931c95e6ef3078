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

describe("the outbox across a crash", () => {
  it("a server killed after the commit and before the send delivers the invitation once after a restart", async () => {
    const held = inbox.holdNext();
    const first = start();
    const demo = await demoCredentials(first);
    const login = await gql(demo.base, `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`, {
      c: demo.company,
      u: demo.adminUserName,
      p: demo.adminPassword,
    });
    const token = login.data!.login.token as string;
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
  });
});
