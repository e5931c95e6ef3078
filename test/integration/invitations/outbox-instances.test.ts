import { MikroORM } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ormConfig } from "../../../src/db/mikro-orm.config.js";
import { createLogger } from "../../../src/http/logger.js";
import { OutboxWorker } from "../../../src/mail/outbox-worker.js";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { SmtpInbox } from "../../support/smtp-inbox.js";

/**
 * Two server instances work one outbox: each message is claimed by one of them (SELECT … FOR
 * UPDATE SKIP LOCKED) and sent once, however the two race. Each worker has its own ORM and
 * connection pool, as a second process would.
 */
const USERS = 12;

let app: TestApp;
let other: MikroORM;
let inbox: SmtpInbox;
let co: TestCompany;
const workers: OutboxWorker[] = [];

beforeAll(async () => {
  inbox = new SmtpInbox();
  await inbox.start();
  app = await startTestApp();
  other = await MikroORM.init(ormConfig({ clientUrl: app.databaseUrl, poolMax: 4 }));
  co = await createTestCompany(app);
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await other?.close(true);
  await app?.close();
  await inbox?.stop();
});

describe("two instances", () => {
  it("send each of a burst of invitations exactly once", async () => {
    for (let i = 0; i < USERS; i++) {
      const userName = `burst${i}@example.com`;
      const res = await gql(app.url, `mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: { userName, emails: [{ value: userName, primary: true }] } }, co.adminToken);
      expect(res.errors).toBeUndefined();
    }
    const config = { SMTP_URL: inbox.url, MAIL_FROM: "rolebridge <no-reply@rolebridge.test>", NODE_ENV: "test" } as const;
    for (const orm of [app.orm, other]) {
      const worker = new OutboxWorker(orm, config, () => app.url, createLogger("silent"));
      workers.push(worker);
      worker.start();
    }
    const mails = await inbox.waitFor(USERS);
    await Promise.all(workers.map((w) => w.stop()));
    expect(inbox.received).toHaveLength(USERS);
    expect(new Set(mails.map((m) => m.to)).size).toBe(USERS);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(USERS);
    const rows: { status: string; attempts: number }[] = await app.orm.em
      .fork()
      .getConnection()
      .execute(`select status, attempts from outbox_message where company_id = ?`, [co.company.id]);
    expect(rows).toHaveLength(USERS);
    expect(rows.filter((r) => r.status === "sent" && r.attempts === 1)).toHaveLength(USERS);
  });
});
