import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { USERS_AND_ROLES_CSV_HEADER } from "../../src/http/reports.route.js";
import { basic, generateAppPassword, scimProbe, setUpServiceAccount, type ServiceAccountSetup } from "../integration/auth/auth-helpers.js";
import { buildConsole, type Build } from "../setup/build.js";
import { createPlatformOperator, createUserWithRoles, TEST_PASSWORD } from "../setup/fixtures.js";
import { createScimTenant } from "../setup/scim-client.js";
import { startTestApp, type TestApp } from "../setup/server.js";
import { journeyScreenshots, launchChromium } from "../support/chromium.js";

/**
 * An administrator's operating journeys in a real browser: rotating the SCIM credential while the
 * IdP keeps calling, the IdP setup tabs, the provisioning health panel and the request an IdP
 * quotes, and the users-and-roles CSV as a real download. Screenshots go to
 * test-output/admin-console-ops/.
 */
const { dir: SCREENSHOTS, shot } = journeyScreenshots("admin-console-ops");

let app: TestApp;
let built: Build;
let browser: Browser;
let setup: ServiceAccountSetup;

beforeAll(async () => {
  built = await buildConsole();
  app = await startTestApp({ env: { ADMIN_CONSOLE_DIR: built.dir } });
  setup = await setUpServiceAccount(app, "entra-provisioning");
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await built?.remove();
});


interface Session {
  context: BrowserContext;
  page: Page;
  browserErrors: string[];
}

async function signIn(userName: string, viewport: { width: number; height: number }, at = "/admin/", company = setup.co.company.slug): Promise<Session> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const browserErrors: string[] = [];
  // A Content-Security-Policy violation or a script error shows up here, and fails the journey.
  page.on("console", (m) => m.type() === "error" && browserErrors.push(`${m.text()} ${m.location().url}`));
  page.on("pageerror", (e) => browserErrors.push(e.message));
  await page.goto(`${app.url}${at}`);
  await page.getByLabel("Company").fill(company);
  await page.getByLabel("User name").fill(userName);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Password").press("Enter");
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  return { context, page, browserErrors };
}

/** No element wider than the window: a layout that breaks shows up as horizontal scrolling. */
async function expectNoHorizontalScroll(page: Page) {
  // A string, evaluated in the page: the test's own TypeScript has no DOM types.
  const { scrollWidth, clientWidth } = (await page.evaluate(
    "({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })",
  )) as { scrollWidth: number; clientWidth: number };
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

it("rotate while the IdP keeps calling with the old secret, then switches: the old one stops working, and the page shows both", async () => {
  const { context, page, browserErrors } = await signIn("entra-provisioning", { width: 1280, height: 800 });
  await page.getByRole("heading", { level: 1, name: /SCIM/ }).waitFor();

  // The IdP tabs say which value goes into which field of each IdP's form.
  const tabs = page.getByRole("tablist", { name: "Identity provider" });
  await tabs.getByRole("tab", { name: "Okta" }).click();
  const panel = page.getByRole("tabpanel");
  await panel.getByRole("row", { name: /SCIM connector base URL/ }).getByText(`${app.url}/scim/v2`, { exact: true }).waitFor();
  await panel.getByRole("row", { name: /Unique identifier field for users/ }).getByText("userName", { exact: true }).waitFor();
  await panel.getByRole("row", { name: /Authentication Mode/ }).getByText(/Basic Auth/).waitFor();
  // Keyboard: the arrow key moves to Entra ID.
  await tabs.getByRole("tab", { name: "Okta" }).press("ArrowRight");
  expect(await tabs.getByRole("tab", { name: "Entra ID" }).getAttribute("aria-selected")).toBe("true");
  await panel.getByRole("row", { name: /Tenant URL/ }).getByText(`${app.url}/scim/v2`, { exact: true }).waitFor();
  await panel.getByRole("row", { name: /Secret Token/ }).getByText(/Bearer token/).waitFor();
  await shot(page, "1-entra-tab");
  await tabs.getByRole("tab", { name: "SailPoint" }).click();
  await panel.getByRole("row", { name: /Token URL/ }).getByText(`${app.url}/oauth2/token`, { exact: true }).waitFor();

  // Generate the first credential; the IdP uses it.
  await page.getByLabel("Descriptive name").fill("Entra ID");
  await page.getByLabel("Descriptive name").press("Enter");
  const secretPanel = () => page.locator("section", { has: page.getByRole("heading", { name: /New app password/ }) });
  const valueOf = (label: string) => secretPanel().locator(".value", { has: page.getByText(label, { exact: true }) }).locator("code").textContent();
  const oldClientId = (await valueOf("Client ID"))!;
  const oldBearer = (await valueOf("Bearer token"))!;
  await page.getByRole("button", { name: "I have copied it, close" }).click();
  expect((await scimProbe(app.url, `Bearer ${oldBearer}`)).status).toBe(200);

  // Rotate: the successor's secret is shown once, and the old credential keeps working.
  await page.getByRole("button", { name: `Rotate Entra ID (${oldClientId})` }).click();
  await secretPanel().getByText(/keeps working until the first successful request with this one/).waitFor();
  const newClientId = (await valueOf("Client ID"))!;
  const newSecret = (await valueOf("Client Secret"))!;
  expect(newClientId).not.toBe(oldClientId);
  await shot(page, "2-rotated-successor-shown-once");
  await page.getByRole("button", { name: "I have copied it, close" }).click();
  expect(await page.content()).not.toContain(newSecret);

  for (let i = 0; i < 3; i++) expect((await scimProbe(app.url, `Bearer ${oldBearer}`)).status).toBe(200);
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByRole("row", { name: new RegExp(oldClientId) }).getByRole("cell", { name: "Active until its successor's first use" }).waitFor();
  await page.getByRole("row", { name: new RegExp(newClientId) }).getByRole("cell", { name: /Active, not used yet/ }).waitFor();
  // One rotation at a time: no Rotate button while this one is under way.
  expect(await page.getByRole("button", { name: /^Rotate/ }).count()).toBe(0);
  await shot(page, "3-rotation-under-way");

  // The IdP switches (HTTP Basic with the new Client ID and Secret); the old one stops working.
  expect((await scimProbe(app.url, basic(newClientId, newSecret))).status).toBe(200);
  const refused = await scimProbe(app.url, `Bearer ${oldBearer}`);
  expect(refused.status).toBe(401);

  await page.getByRole("button", { name: "Refresh" }).click();
  const oldRow = page.getByRole("row", { name: new RegExp(oldClientId) });
  await oldRow.getByRole("cell", { name: /^Revoked/ }).waitFor();
  // Its last use (by the IdP before switching) and the failed request after it.
  expect(await oldRow.getByRole("cell", { name: "Never" }).count()).toBe(0);
  await oldRow.getByRole("cell", { name: /the app password is revoked/ }).waitFor();
  const newRow = page.getByRole("row", { name: new RegExp(newClientId) });
  await newRow.getByRole("cell", { name: "Active", exact: true }).waitFor();
  expect(await newRow.getByRole("cell", { name: "Never" }).count()).toBe(0);
  await shot(page, "4-old-revoked-by-first-use");

  expect(browserErrors).toEqual([]);
  await context.close();
});

it("a SCIM request appears in the provisioning panel, and the request id an IdP quotes opens it", async () => {
  // What an IdP sees: an error with a request id (here: a wrong secret for the company's Client ID).
  const [active] = (await app.orm.em
    .fork()
    .getConnection()
    .execute(`select client_id from app_password where company_id = ? and revoked_at is null`, [setup.co.company.id])) as { client_id: string }[];
  const clientId = active?.client_id ?? (await generateAppPassword(app, setup.serviceToken, "Entra ID")).clientId;
  const refused = await fetch(`${app.url}/scim/v2/Users?filter=${encodeURIComponent('userName eq "new.joiner@example.com"')}`, {
    headers: { accept: "application/scim+json", authorization: basic(clientId, "not-the-secret") },
  });
  expect(refused.status).toBe(401);
  const requestId = refused.headers.get("x-request-id")!;
  // Refusals are logged off the request path, in batches; flush the batch instead of waiting for it.
  await app.services.provisioningEvents.flush();

  const { context, page, browserErrors } = await signIn(setup.co.admin.userName, { width: 1280, height: 800 }, "/admin/provisioning");
  await page.getByRole("heading", { level: 1, name: "Provisioning" }).waitFor();
  await page.getByRole("status").filter({ hasText: /Working|Failing/ }).waitFor();
  await page.getByText("Requests with a revoked credential").waitFor();
  await shot(page, "5-provisioning-health");

  // Filtered to refusals, the request is listed.
  await page.getByLabel("Status").selectOption("401");
  await page.getByLabel("Operation").selectOption("GET Users");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const row = page.getByRole("row", { name: new RegExp(requestId) });
  await row.getByRole("cell", { name: /^401/ }).waitFor();
  await row.getByRole("cell", { name: /wrong Client Secret/ }).waitFor();

  // Opened by the id an IdP shows.
  await page.getByLabel("Request id").fill(requestId);
  await page.getByLabel("Request id").press("Enter");
  const detail = page.getByRole("region", { name: `Request ${requestId}` });
  await detail.getByText(/wrong Client Secret/).waitFor();
  await detail.getByText("401", { exact: true }).waitFor();
  await detail.getByText(/^GET \/scim\/v2\/Users\?filter=/).waitFor();
  await shot(page, "6-request-opened");

  // An id that is no request of this company: the API's message, shown as it is.
  await page.getByLabel("Request id").fill("not-a-request");
  await page.getByLabel("Request id").press("Enter");
  await page.getByRole("alert").filter({ hasText: /not found|no ProvisioningEvent|not-a-request/i }).waitFor();
  expect(browserErrors).toEqual([]);
  await context.close();

  // The same panel at phone width.
  const phone = await signIn(setup.co.admin.userName, { width: 390, height: 844 }, "/admin/provisioning");
  await phone.page.getByText("Requests with a revoked credential").waitFor();
  await phone.page.getByRole("row", { name: new RegExp(requestId) }).waitFor();
  await expectNoHorizontalScroll(phone.page);
  await shot(phone.page, "7-provisioning-390px");
  await phone.context.close();
});

it("the request list pages by cursor: Load more appends the next page", async () => {
  const tenant = await createScimTenant(app);
  const admin = await createUserWithRoles(app, tenant.company, "admin@paging.example", ["Company Administrator"]);
  for (let i = 0; i < 30; i++) expect((await tenant.client.get(`/Users?count=1&startIndex=${i + 1}`)).status).toBe(200);
  await app.services.provisioningEvents.flush();

  const { context, page, browserErrors } = await signIn(admin.userName, { width: 1280, height: 800 }, "/admin/provisioning", tenant.company.slug);
  await page.getByRole("status").filter({ hasText: "Working: all 30 requests in this window succeeded." }).waitFor();
  await page.getByText("Showing 25 of 30, newest first.").waitFor();
  expect(await page.getByRole("row", { name: /startIndex=30(?!\d)/ }).count()).toBe(1);
  expect(await page.getByRole("row", { name: /startIndex=1(?!\d)/ }).count()).toBe(0);
  await page.getByRole("button", { name: "Load more" }).click();
  await page.getByText("Showing 30 of 30, newest first.").waitFor();
  // Every request once, newest first, with no gap or repeat at the page boundary.
  const paths = await page.getByRole("row").filter({ hasText: "GET /scim/v2/Users" }).locator("td[data-label=Request]").allTextContents();
  expect(paths.map((t) => Number(/startIndex=(\d+)/.exec(t)![1]))).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
  expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
  await shot(page, "8-requests-paged");
  expect(browserErrors).toEqual([]);
  await context.close();
});

it("downloads the users-and-roles CSV as a file", async () => {
  const { context, page, browserErrors } = await signIn(setup.co.admin.userName, { width: 1280, height: 800 });
  await page.getByRole("link", { name: "Backups and reports" }).click();
  await page.getByRole("heading", { level: 1, name: "Backups and reports" }).waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download users and roles (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe("users-and-roles.csv");
  const file = await download.path();
  const lines = (await readFile(file, "utf8")).trim().split(/\r?\n/);
  expect(lines[0]).toBe(USERS_AND_ROLES_CSV_HEADER.join(","));
  expect(lines.find((l) => l.startsWith(`${setup.co.admin.id},${setup.co.admin.userName},`))).toMatch(/,true,/);
  await shot(page, "9-backups-and-reports");
  await expectNoHorizontalScroll(page);
  expect(browserErrors).toEqual([]);
  await context.close();
});

it("the audit log shows the rotation with its before and after; settings change what SCIM DELETE does, and a bad value shows the API's message", async () => {
  const { context, page, browserErrors } = await signIn(setup.co.admin.userName, { width: 1280, height: 800 }, "/admin/audit-log");
  await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
  await page.getByLabel("Action starts with").fill("appPassword.r");
  await page.getByLabel("Target type").selectOption("AppPassword");
  await page.getByRole("button", { name: "Apply filters" }).click();
  // The first journey's rotation and the automatic revocation its successor's first use made.
  const rotateRow = page.getByRole("row", { name: /appPassword\.rotate/ });
  await rotateRow.getByRole("cell", { name: "entra-provisioning" }).waitFor();
  await page.getByRole("row", { name: /appPassword\.revokeOnSuccessorUse/ }).waitFor();
  expect(await page.getByRole("row", { name: /appPassword\.generate/ }).count()).toBe(0);
  await rotateRow.getByRole("button", { name: /Show before and after of appPassword\.rotate/ }).click();
  const changed = page.locator(".before-after tr.changed", { has: page.getByRole("rowheader", { name: /supersededAt/ }) });
  // Marked as changed: null before, the rotation's time after.
  await changed.getByRole("cell", { name: "null", exact: true }).waitFor();
  await changed.getByRole("cell", { name: /^\d{4}-\d{2}-\d{2}T/ }).waitFor();
  await page.locator(".before-after").getByRole("rowheader", { name: /successor/ }).waitFor();
  await shot(page, "10-audit-before-after");

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
  await page.getByLabel("Delete the user").check();
  await page.getByLabel("Minimum length").fill("5");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByRole("alert").filter({ hasText: "minLength must be between 8 and 256" }).waitFor();
  const stored = async () =>
    ((await app.orm.em.fork().getConnection().execute(`select scim_delete_mode, password_min_length from company where id = ?`, [setup.co.company.id])) as any[])[0];
  expect(await stored()).toMatchObject({ scim_delete_mode: "deactivate" });

  await page.getByLabel("Minimum length").fill("14");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByRole("status").filter({ hasText: "Settings saved." }).waitFor();
  expect(await stored()).toMatchObject({ scim_delete_mode: "delete", password_min_length: 14 });
  await shot(page, "11-settings-saved");
  expect(browserErrors).toEqual([]);
  await context.close();
});

it("a platform operator creates a company and switches SCIM on; a taken slug shows the API's message", async () => {
  const { operator } = await createPlatformOperator(app);
  const { context, page, browserErrors } = await signIn(operator.userName, { width: 390, height: 844 }, "/admin/platform/companies", "platform");
  await page.getByRole("heading", { level: 1, name: "Companies" }).waitFor();
  await page.getByLabel("Slug").fill("globex");
  await page.getByLabel("Name").fill("Globex Corporation");
  await page.getByRole("button", { name: "Create company" }).click();
  await page.getByRole("status").filter({ hasText: "Company globex created." }).waitFor();
  await page.getByRole("button", { name: "Switch SCIM on for globex" }).click();
  await page.getByRole("button", { name: "Switch SCIM off for globex" }).waitFor();
  const [row] = (await app.orm.em.fork().getConnection().execute(`select name, scim_enabled from company where slug = 'globex'`)) as any[];
  expect(row).toEqual({ name: "Globex Corporation", scim_enabled: true });

  await page.getByLabel("Slug").fill("GLOBEX");
  await page.getByLabel("Name").fill("Globex again");
  await page.getByRole("button", { name: "Create company" }).click();
  await page.getByRole("alert").filter({ hasText: /slug/i }).waitFor();
  await expectNoHorizontalScroll(page);
  await shot(page, "12-platform-companies-390px");
  expect(browserErrors).toEqual([]);
  await context.close();
});

it("exports the role mapping and imports it back with a preview; uploads users with a preview, then applies; clears uploaded roles", async () => {
  const { context, page, browserErrors } = await signIn(setup.co.admin.userName, { width: 1280, height: 800 }, "/admin/reports");
  await page.getByRole("heading", { level: 1, name: "Backups and reports" }).waitFor();

  // The mapping, exported as a file, and imported back: the preview says nothing changes.
  const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export the role mapping (JSON)" }).click()]);
  expect(exported.suggestedFilename()).toBe("role-mappings.json");
  const mappingFile = await exported.path();
  expect(JSON.parse(await readFile(mappingFile, "utf8"))).toMatchObject({ format: "rolebridge.role-mappings", version: 1 });
  await page.getByLabel("Role mapping file (JSON)").setInputFiles(mappingFile);
  const mappingPreview = page.locator(".preview").filter({ hasText: /mappings? change/ });
  await mappingPreview.getByRole("heading", { name: "Preview: nothing has changed yet" }).waitFor();
  await mappingPreview.getByText(/^0 mappings change/).waitFor();
  // A file that is no mapping: the API's message, and nothing applied.
  await page.getByLabel("Role mapping file (JSON)").setInputFiles({ name: "wrong.json", mimeType: "application/json", buffer: Buffer.from('{"format":"other"}') });
  await page.getByRole("alert").filter({ hasText: 'format must be "rolebridge.role-mappings"' }).waitFor();

  // Users from CSV: previewed (nothing written), then applied.
  const csv = "userName,givenName,familyName,customerRoles\nuploaded.user@example.com,Up,Loaded,Sales (upload)\n";
  await page.getByLabel("Users file (CSV)").setInputFiles({ name: "users.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const uploadPreview = page.locator(".preview").filter({ hasText: /created/ });
  await uploadPreview.getByRole("heading", { name: "Preview: nothing has changed yet" }).waitFor();
  await uploadPreview.getByText(/1 created, 0 updated/).waitFor();
  await uploadPreview.getByText(/Line 2: uploaded.user@example.com, created; roles added: Sales \(upload\)/).waitFor();
  const users = async () =>
    (await app.orm.em.fork().getConnection().execute(`select user_name from user_account where company_id = ? and user_name = 'uploaded.user@example.com'`, [
      setup.co.company.id,
    ])) as unknown[];
  expect(await users()).toHaveLength(0);
  await shot(page, "13-upload-preview");
  await page.getByRole("button", { name: "Apply this upload" }).click();
  await uploadPreview.getByRole("heading", { name: "Applied" }).waitFor();
  expect(await users()).toHaveLength(1);

  // Clearing uploaded roles, with the advice, after a confirmation.
  await page.getByText(/It is not recommended to use bulk user upload along with SCIM/).waitFor();
  await page.getByRole("button", { name: "Clear uploaded roles" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, clear uploaded roles" }).click();
  await page.getByRole("status").filter({ hasText: "Removed 1 role assignment made by uploads." }).waitFor();
  const uploaded = (await app.orm.em.fork().getConnection().execute(`select count(*)::int as n from membership where company_id = ? and source = 'upload'`, [
    setup.co.company.id,
  ])) as { n: number }[];
  expect(uploaded[0]!.n).toBe(0);
  await shot(page, "14-uploaded-roles-cleared");
  expect(browserErrors).toEqual([]);
  await context.close();
});
