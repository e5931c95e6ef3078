import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { basic, generateAppPassword, scimProbe, setUpServiceAccount, type ServiceAccountSetup } from "../integration/auth/auth-helpers.js";
import { buildConsole, type Build } from "../setup/build.js";
import { journeyScreenshots, launchChromium } from "../support/chromium.js";
import { TEST_PASSWORD } from "../setup/fixtures.js";
import { startTestApp, type TestApp } from "../setup/server.js";

/**
 * The admin's SCIM journey in a real browser: sign in, Integrations > SCIM, generate an app
 * password, copy it into the IdP (here: a SCIM request with it), close the panel, revoke it, and
 * the IdP's next request is refused. Screenshots go to test-output/admin-console/.
 */
const { dir: SCREENSHOTS, shot } = journeyScreenshots("admin-console");

let app: TestApp;
let built: Build;
let browser: Browser;
let setup: ServiceAccountSetup;

beforeAll(async () => {
  built = await buildConsole();
  app = await startTestApp({ env: { ADMIN_CONSOLE_DIR: built.dir } });
  setup = await setUpServiceAccount(app, "okta-provisioning");
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await built?.remove();
});


it("sign in, generate an app password shown once, use it for SCIM, close the panel, revoke it: SCIM refuses it next", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const browserErrors: string[] = [];
  // A Content-Security-Policy violation or a script error shows up here, and fails the journey.
  page.on("console", (m) => m.type() === "error" && browserErrors.push(`${m.text()} ${m.location().url}`));
  page.on("pageerror", (e) => browserErrors.push(e.message));

  // Sign in as the service account: only it may generate and revoke its app password.
  await page.goto(`${app.url}/admin/`);
  await page.getByLabel("Company").fill(setup.co.company.slug);
  await page.getByLabel("User name").fill("okta-provisioning");
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await shot(page, "1-sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();

  // Integrations > SCIM, with the values an IdP's form asks for.
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("SCIM");
  const connection = page.getByRole("region", { name: "Connection" });
  await expect.poll(() => connection.getByText(`${app.url}/scim/v2`, { exact: true }).count()).toBe(1);
  await expect.poll(() => connection.getByText(`${app.url}/oauth2/token`, { exact: true }).count()).toBe(1);
  await page.getByText("No app passwords yet.").waitFor();

  // Generate: keyboard only, from the labelled field.
  await page.getByLabel("Descriptive name").fill("Okta production");
  await page.getByLabel("Descriptive name").press("Enter");
  const panel = page.locator("section", { has: page.getByRole("heading", { name: /New app password/ }) });
  await panel.getByText("Copy your Client Secret now: it cannot be retrieved later, only revoked.").waitFor();
  const valueOf = (label: string) => panel.locator(".value", { has: page.getByText(label, { exact: true }) }).locator("code").textContent();
  const clientId = (await valueOf("Client ID"))!;
  const secret = (await valueOf("Client Secret"))!;
  const bearer = (await valueOf("Bearer token"))!;
  expect(bearer).toBe(`${clientId}.${secret}`);
  for (const label of ["Copy Client ID", "Copy Client Secret", "Copy Bearer token"]) {
    expect(await panel.getByRole("button", { name: label }).count(), label).toBe(1);
  }
  await shot(page, "2-secret-shown-once");

  // What the IdP does with it: a SCIM request with HTTP Basic Client ID : Client Secret.
  expect((await scimProbe(app.url, basic(clientId, secret))).status).toBe(200);

  // Closed, the secret is nowhere in the page; the list shows the credential without it.
  await page.getByRole("button", { name: "I have copied it, close" }).click();
  await panel.waitFor({ state: "detached" });
  const html = await page.content();
  expect(html).not.toContain(secret);
  expect(html).toContain(clientId);

  // Revoke asks first; cancelling changes nothing.
  await page.getByRole("button", { name: "Revoke Okta production" }).click();
  const confirm = page.getByRole("alertdialog");
  await confirm.getByText(/Revoke .Okta production.\?/).waitFor();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await confirm.waitFor({ state: "detached" });
  expect((await scimProbe(app.url, basic(clientId, secret))).status).toBe(200);

  await page.getByRole("button", { name: "Revoke Okta production" }).click();
  await shot(page, "3-revoke-confirmation");
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, revoke" }).click();
  await page.getByRole("cell", { name: /^Revoked/ }).waitFor();
  expect((await scimProbe(app.url, basic(clientId, secret))).status).toBe(401);

  // A session that no longer verifies (as an expired one) sends the admin back to sign-in, saying why.
  await context.addCookies([{ name: "rolebridge_session", value: "expired.session.token", url: app.url }]);
  await page.getByLabel("Descriptive name").fill("Okta again");
  await page.getByRole("button", { name: "Generate" }).click();
  await page.getByRole("heading", { name: "Sign in to rolebridge" }).waitFor();
  await page.getByText(/Your session has ended/).waitFor();
  await shot(page, "4-session-ended");

  expect(browserErrors).toEqual([]);
  await context.close();
});

it("an administrator sees the company's app passwords and who may generate them, with no secret and no Generate", async () => {
  const credential = await generateAppPassword(app, setup.serviceToken, "Entra ID");
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${app.url}/admin/integrations/scim`);
  await page.getByLabel("Company").fill(setup.co.company.slug);
  await page.getByLabel("User name").fill(setup.co.admin.userName);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Password").press("Enter");

  // The first journey's revoked credential is listed too; this one is the active one.
  const row = page.getByRole("row", { name: /Entra ID/ });
  await row.getByRole("cell", { name: credential.clientId }).waitFor();
  await row.getByRole("cell", { name: "okta-provisioning" }).waitFor();
  await row.getByRole("cell", { name: "Active" }).waitFor();
  await page.getByText(/sign in as the IdP's service account/).waitFor();
  expect(await page.getByRole("button", { name: "Generate" }).count()).toBe(0);
  expect(await page.getByRole("button", { name: /^Revoke/ }).count()).toBe(0);
  expect(await page.content()).not.toContain(credential.secret);
  await shot(page, "5-administrator-390px");
  await context.close();
});
