import { MikroORM } from "@mikro-orm/postgresql";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ormConfig } from "../../src/db/mikro-orm.config.js";
import { createLogger } from "../../src/http/logger.js";
import { OutboxWorker } from "../../src/mail/outbox-worker.js";
import { type Build, buildApp, type CliResult, runBuiltCli } from "../setup/build.js";
import { cloneTemplateDatabase } from "../setup/db.js";
import { SmtpInbox } from "../support/smtp-inbox.js";

/**
 * The CLI's invitations, as an operator runs them (the built CLI as a child process on this
 * file's database): create-admin --invite creates an administrator without a password whose
 * invitation a server's outbox then sends, and resend-invitation sends it again with a new link.
 */
let build: Build;
let databaseUrl: string;
let db: pg.Client;
let orm: MikroORM;
let inbox: SmtpInbox;
let worker: OutboxWorker;

function cli(...args: string[]): Promise<CliResult> {
  return runBuiltCli(build, args, databaseUrl);
}

beforeAll(async () => {
  [build, databaseUrl] = await Promise.all([buildApp({ cli: true }), cloneTemplateDatabase()]);
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  inbox = new SmtpInbox();
  await inbox.start();
  // The server's outbox worker, on the same database as the CLI.
  orm = await MikroORM.init(ormConfig({ clientUrl: databaseUrl, poolMax: 2 }));
  worker = new OutboxWorker(orm, { SMTP_URL: inbox.url, MAIL_FROM: "rolebridge <no-reply@rolebridge.test>", NODE_ENV: "test" }, () => "https://rolebridge.example.com", createLogger("silent"));
  worker.start();
});
afterAll(async () => {
  await worker?.stop();
  await orm?.close(true);
  await inbox?.stop();
  await db?.end();
  await build?.remove();
});

describe("invitations from the CLI", () => {
  it("create-admin --invite creates an administrator without a password, and the invitation is sent; resend-invitation sends a new link", async () => {
    expect((await cli("create-company", "--slug", "invco", "--name", "Invite Co")).code).toBe(0);
    const created = await cli("create-admin", "--company", "invco", "--user-name", "boss@invco.example", "--invite", "--json");
    expect(created.code, created.stderr).toBe(0);
    expect(created.json.invitation).toEqual({ email: "boss@invco.example" });
    expect(created.json.password).toBeUndefined();
    const [user] = (await db.query(`select id, password_hash from user_account where user_name = 'boss@invco.example'`)).rows;
    expect(user.password_hash).toBeNull();

    const [first] = await inbox.waitFor(1);
    expect(first!.to).toBe("boss@invco.example");
    expect(first!.link.startsWith("https://rolebridge.example.com/admin/invitation#token=")).toBe(true);

    const human = await cli("resend-invitation", "--company", "invco", "--user-name", "BOSS@invco.example");
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain("Invitation for boss@invco.example in company invco queued to boss@invco.example");
    const [, second] = await inbox.waitFor(2);
    expect(second!.token).not.toBe(first!.token);

    const audit = (await db.query(`select action, actor_user_name from audit_event where target_id = $1 order by created_at`, [user.id])).rows;
    expect(audit).toEqual([
      { action: "user.create", actor_user_name: "system:cli" },
      { action: "invitation.resend", actor_user_name: "system:cli" },
    ]);
  });

  it("refuses --invite with a password, without an email, and resend-invitation for a user who has a password: one line, exit 1, nothing written", async () => {
    expect((await cli("create-company", "--slug", "refco", "--name", "Refuse Co")).code).toBe(0);
    const withPassword = await cli("create-admin", "--company", "refco", "--user-name", "a@refco.example", "--invite", "--password", "Some-Password-2026");
    expect(withPassword.code).toBe(1);
    expect(withPassword.stderr.trim()).toMatch(/^error: .*invited account gets no password/);
    const noEmail = await cli("create-admin", "--company", "refco", "--user-name", "plainname", "--invite");
    expect(noEmail.code).toBe(1);
    expect(noEmail.stderr.trim()).toMatch(/^error: .*needs an email address/);
    const { rows } = await db.query(`select count(*)::int as n from user_account u join company c on c.id = u.company_id where c.slug = 'refco'`);
    expect(rows[0].n).toBe(0);

    expect((await cli("create-admin", "--company", "refco", "--user-name", "pw@refco.example", "--password", "Some-Password-2026")).code).toBe(0);
    const resend = await cli("resend-invitation", "--company", "refco", "--user-name", "pw@refco.example");
    expect(resend.code).toBe(1);
    expect(resend.stderr.trim()).toMatch(/^error: .*has a password already/);
  });
});
