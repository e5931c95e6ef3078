import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/http/logger.js";
import { OutboxWorker } from "../../../src/mail/outbox-worker.js";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * Without SMTP_URL nothing is sent, and nothing is lost: the invitations wait in the outbox, where
 * administrators see them. In development the worker writes each link to the log at info level
 * instead (the only place a token is ever logged); in production it does not run. Everything the
 * app itself logs, at trace level, while a link is accepted never contains the token.
 */
let app: TestApp;
let co: TestCompany;
const appLog: string[] = [];
let devWorker: OutboxWorker | undefined;
let deactivatedId: string;

beforeAll(async () => {
  app = await startTestApp({ env: { LOG_LEVEL: "trace" }, logDestination: { write: (line: string) => void appLog.push(line) } });
  co = await createTestCompany(app);
});
afterAll(async () => {
  await devWorker?.stop();
  await app?.close();
});

const CREATE = `mutation($i: UserInput!) { createUser(input: $i) { id } }`;
const INVITATIONS = `query { invitations { userId state message { status sentAt attempts } } }`;

async function invite(userName: string): Promise<string> {
  const res = await gql(app.url, CREATE, { i: { userName, emails: [{ value: userName, primary: true }] } }, co.adminToken);
  expect(res.errors).toBeUndefined();
  return res.data!.createUser.id;
}

async function messageOf(userId: string) {
  const res = await gql(app.url, INVITATIONS, {}, co.adminToken);
  return (res.data!.invitations as any[]).find((i) => i.userId === userId)?.message;
}

describe("the outbox without SMTP_URL", () => {
  it("in production nothing runs: the invitation waits in the outbox, shown to admins as pending", async () => {
    const worker = new OutboxWorker(app.orm, { MAIL_FROM: "x <x@example.com>", NODE_ENV: "production" }, () => app.url, createLogger("silent"));
    expect(worker.active).toBe(false);
    worker.start();
    const id = await invite("kept@example.com");
    deactivatedId = await invite("left@example.com");
    const deactivated = await gql(app.url, `mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }`, { id: deactivatedId }, co.adminToken);
    expect(deactivated.errors).toBeUndefined();
    await worker.stop();
    expect(await messageOf(id)).toMatchObject({ status: "PENDING", sentAt: null, attempts: 0 });
  });

  it("in development the link is logged at info instead of sent, marked LOGGED, and it works; the app's own log never holds the token", async () => {
    const workerLog: Record<string, any>[] = [];
    const logged = new Promise<void>((resolve) => {
      const log = createLogger("info", {
        write: (line: string) => {
          workerLog.push(JSON.parse(line));
          if (line.includes("invitationLink") && line.includes("dev@example.com")) resolve();
        },
      });
      devWorker = new OutboxWorker(app.orm, { MAIL_FROM: "x <x@example.com>", NODE_ENV: "development" }, () => app.url, log);
      devWorker.start();
    });
    expect(devWorker!.active).toBe(true);
    const id = await invite("dev@example.com");
    await logged;
    // The earlier, production-only invitation is due too: the development worker logs both.
    const line = workerLog.find((l) => l.to === "dev@example.com")!;
    expect(line.level).toBe(30);
    expect(line.msg).toMatch(/no SMTP_URL/);
    const token = decodeURIComponent(String(line.invitationLink).split("#token=")[1]);
    expect(line.invitationLink).toBe(`${app.url}/admin/invitation#token=${encodeURIComponent(token)}`);
    await expect.poll(async () => (await messageOf(id))?.status, { timeout: 10_000 }).toBe("LOGGED");
    // A user deactivated before their email went out is not sent one.
    expect(await messageOf(deactivatedId)).toMatchObject({ status: "CANCELLED", sentAt: null });
    expect(workerLog.some((l) => l.to === "left@example.com")).toBe(false);

    const accepted = await gql(app.url, `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { userName } }`, { t: token, p: "Logged-Link-2026-ok" });
    expect(accepted.errors).toBeUndefined();
    expect(appLog.length).toBeGreaterThan(0);
    expect(appLog.join("\n")).not.toContain(token);
  });
});
