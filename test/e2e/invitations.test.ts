import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "../../src/http/logger.js";
import { OutboxWorker } from "../../src/mail/outbox-worker.js";
import { buildConsole, type Build } from "../setup/build.js";
import { createTestCompany, TEST_PASSWORD, type TestCompany } from "../setup/fixtures.js";
import { startTestApp, type TestApp } from "../setup/server.js";
import { journeyScreenshots, launchChromium } from "../support/chromium.js";
import { SmtpInbox } from "../support/smtp-inbox.js";

/**
 * The invitation journey in a real browser: an administrator invites someone from Users >
 * Invitations, the email arrives at a real SMTP server in this process, the invitee opens its
 * link in a browser of their own, sets a password and lands signed in; the administrator sees the
 * invitation accepted, and revokes another. Screenshots go to test-output/invitations/.
 */
const { dir: SCREENSHOTS, shot } = journeyScreenshots("invitations");
const NEW_PASSWORD = "Welcome-Aboard-2026";

let app: TestApp;
let built: Build;
let browser: Browser;
let inbox: SmtpInbox;
let worker: OutboxWorker;
let co: TestCompany;

beforeAll(async () => {
  inbox = new SmtpInbox();
  await inbox.start();
  built = await buildConsole();
  app = await startTestApp({ env: { ADMIN_CONSOLE_DIR: built.dir } });
  worker = new OutboxWorker(app.orm, { SMTP_URL: inbox.url, MAIL_FROM: "rolebridge <no-reply@rolebridge.test>", NODE_ENV: "test" }, () => app.url, createLogger("silent"));
  worker.start();
  co = await createTestCompany(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await app?.close();
  await inbox?.stop();
  await built?.remove();
});


function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  // A Content-Security-Policy violation or a script error shows up here, and fails the journey.
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && errors.push(`${m.text()} ${m.location().url}`));
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

async function signInAsAdmin(page: Page) {
  await page.goto(`${app.url}/admin/users/invitations`);
  await page.getByLabel("Company").fill(co.company.slug);
  await page.getByLabel("User name").fill(co.admin.userName);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Password").press("Enter");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toContain("Invitations");
}

it("an admin invites someone, the email's link sets their password, and they land signed in", async () => {
  const admin = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const adminPage = await admin.newPage();
  adminPage.setDefaultTimeout(15_000);
  const adminErrors = watchErrors(adminPage);
  await signInAsAdmin(adminPage);
  await adminPage.getByText("No invitations yet.").waitFor();

  // Invite, keyboard only, from the labelled fields.
  await adminPage.getByLabel("User name").fill("new.analyst");
  await adminPage.getByLabel("Email").fill("new.analyst@example.com");
  await adminPage.getByLabel("Email").press("Enter");
  await adminPage.getByText("new.analyst was created and invited at new.analyst@example.com.").waitFor();

  const [mail] = await inbox.waitFor(1);
  expect(mail!.to).toBe("new.analyst@example.com");
  const row = adminPage.getByRole("row", { name: /new\.analyst@example\.com/ });
  // The SMTP server has it; the worker records that as it commits, and the page shows it on a reload.
  await expect
    .poll(async () => {
      await adminPage.reload();
      return row.getByRole("cell", { name: "Sent", exact: true }).count();
    }, { timeout: 15_000, interval: 250 })
    .toBe(1);
  await shot(adminPage, "1-invitation-sent-1280");

  // The invitee, in a browser of their own, opens the link from the email.
  const invitee = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await invitee.newPage();
  page.setDefaultTimeout(15_000);
  const inviteeErrors = watchErrors(page);
  await page.goto(mail!.link);
  await page.getByRole("heading", { name: "Set your password" }).waitFor();
  // The token leaves the address bar as soon as the page has read it.
  expect(page.url()).toBe(`${app.url}/admin/invitation`);

  // A password the company policy refuses: the server's message, and the form stays.
  await page.getByLabel("New password").fill("short");
  await page.getByLabel("Repeat the password").fill("short");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await page.getByRole("alert").getByText(/password does not satisfy the company password policy/).waitFor();
  await shot(page, "2-policy-refused-390");

  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the password").fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the password").press("Enter");
  await page.getByText("Signed in as new.analyst", { exact: true }).waitFor();
  await page.getByRole("status").getByText(/Your password is set and you are signed in/).waitFor();
  await shot(page, "3-signed-in-390");

  // The same link again, in a fresh browser: it was used, and the page says so.
  const again = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await again.goto(mail!.link);
  await again.getByLabel("New password").fill("Another-Try-2026-x");
  await again.getByLabel("Repeat the password").fill("Another-Try-2026-x");
  await again.getByRole("button", { name: "Set password and sign in" }).click();
  await again.getByRole("alert").getByText(/this invitation was used already/).waitFor();
  await shot(again, "4-link-used-1280");

  // The admin sees it accepted, with no Resend or Revoke left.
  await adminPage.reload();
  await row.getByRole("cell", { name: "Accepted" }).waitFor();
  expect(await row.getByRole("button").count()).toBe(0);

  expect(adminErrors).toEqual([]);
  expect(inviteeErrors).toEqual([]);
  await admin.close();
  await invitee.close();
});

it("an admin resends and revokes an invitation; the revoked link says so", async () => {
  const admin = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await admin.newPage();
  page.setDefaultTimeout(15_000);
  await signInAsAdmin(page);
  await page.getByLabel("User name").fill("temp.contractor");
  await page.getByLabel("Email").fill("temp.contractor@example.com");
  await page.getByRole("button", { name: "Create and invite" }).click();
  await page.getByText(/temp\.contractor was created and invited/).waitFor();
  const [, first] = await inbox.waitFor(2);
  expect(first!.to).toBe("temp.contractor@example.com");

  await page.getByRole("button", { name: "Resend the invitation to temp.contractor@example.com" }).click();
  await page.getByText("The invitation to temp.contractor@example.com was sent again.").waitFor();
  const [, , second] = await inbox.waitFor(3);
  expect(second!.token).not.toBe(first!.token);

  // Revoke asks first; focus starts on Cancel.
  await page.getByRole("button", { name: "Revoke the invitation to temp.contractor@example.com" }).click();
  const confirm = page.getByRole("alertdialog");
  await confirm.getByText("Revoke the invitation to temp.contractor@example.com?").waitFor();
  await shot(page, "5-revoke-confirmation-390");
  await confirm.getByRole("button", { name: "Yes, revoke" }).click();
  await page.getByText("The invitation to temp.contractor@example.com was revoked.").waitFor();
  await page.getByRole("row", { name: /temp\.contractor@example\.com/ }).getByRole("cell", { name: "Revoked" }).waitFor();

  const invitee = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await invitee.goto(second!.link);
  await invitee.getByLabel("New password").fill(NEW_PASSWORD);
  await invitee.getByLabel("Repeat the password").fill(NEW_PASSWORD);
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await invitee.getByRole("alert").getByText(/this invitation was revoked/).waitFor();
  await shot(invitee, "6-link-revoked-1280");
  await admin.close();
});
