import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildConsole, type Build } from "../setup/build.js";
import { createPlatformOperator, createTestCompany, createUserWithRoles, TEST_PASSWORD, type TestCompany } from "../setup/fixtures.js";
import { startTestApp, type TestApp } from "../setup/server.js";
import { journeyScreenshots, launchChromium } from "../support/chromium.js";
import { insertUsers, ok } from "../integration/graphql/customer-roles.fixtures.js";

/**
 * An administrator's journeys through Users, Customer roles and their mapping in a real browser:
 * map an unmapped role after reading the preview, and see the member's effective access change;
 * find a user by search and deactivate them; what a viewer and an impersonated session see.
 * Screenshots go to test-output/admin-users/.
 */
const { dir: SCREENSHOTS, shot } = journeyScreenshots("admin-users");

let app: TestApp;
let built: Build;
let browser: Browser;
let co: TestCompany;
let memberId: string;

beforeAll(async () => {
  built = await buildConsole();
  app = await startTestApp({ env: { ADMIN_CONSOLE_DIR: built.dir } });
  co = await createTestCompany(app);
  // A member who takes roles from the mapping, in a role nobody has mapped yet.
  [memberId] = await insertUsers(app, co.company.id, 1, { prefix: "jane.doe", autoAssignRoles: true });
  await insertUsers(app, co.company.id, 120, { prefix: "staff" });
  await ok(app, co.adminToken, `mutation { createDataAccessRole(input: { name: "EMEA Sales", description: "Sales data of Europe, Middle East and Africa" }) { id } }`);
  await ok(app, co.adminToken, `mutation { createDataAccessRole(input: { name: "Finance" }) { id } }`);
  await ok(app, co.adminToken, `mutation($u: [ID!]!) { createCustomerRole(input: { displayName: "Sales (EMEA)", memberIds: $u }) { id } }`, { u: [memberId] });
  await ok(app, co.adminToken, `mutation { createCustomerRole(input: { displayName: "Engineering" }) { id } }`);
  await ok(app, co.adminToken, `mutation { createUser(input: { userName: "grace.hopper@navy.example", name: { givenName: "Grace", familyName: "Hopper" } }) { id } }`);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await built?.remove();
});


async function openPage(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

async function signIn(page: Page, userName: string, at = "/admin/") {
  await page.goto(`${app.url}${at}`);
  await page.getByLabel("Company").fill(co.company.slug);
  await page.getByLabel("User name").fill(userName);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Password").press("Enter");
}

/** Nothing wider than the window: a table or a form that overflows breaks the layout. */
async function expectNoHorizontalOverflow(page: Page) {
  // A string, so the server's TypeScript (no DOM library) does not type the browser's code.
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
  expect(overflow).toBeLessThanOrEqual(0);
}

it("maps an unmapped role after previewing who gains what, and the member's effective access shows the new role and why", async () => {
  const { context, page, errors } = await openPage({ width: 1280, height: 800 });
  await signIn(page, co.admin.userName);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customer roles" }).click();
  await page.getByRole("heading", { level: 1, name: "Customer roles" }).waitFor();
  await page.getByRole("checkbox", { name: "Only unmapped roles" }).check();
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("heading", { name: "2 customer roles" }).waitFor();
  const row = page.getByRole("row", { name: /Sales \(EMEA\)/ });
  await row.getByText("Unmapped").waitFor();
  expect(await row.getByRole("cell", { name: "1", exact: true }).count()).toBe(1);
  await page.getByText(/roles on this page are unmapped/).waitFor();
  await shot(page, "1-customer-roles-unmapped-highlighted");

  await row.getByRole("link", { name: "Sales (EMEA)" }).click();
  await page.getByRole("heading", { level: 1, name: "Sales (EMEA)" }).waitFor();
  await page.getByRole("link", { name: /^jane\.doe-/ }).waitFor();
  await page.getByRole("button", { name: "Edit mapping" }).click();
  // Keyboard: tick the role with Space, preview with Enter on the button.
  await page.getByRole("checkbox", { name: "EMEA Sales" }).focus();
  await page.keyboard.press("Space");
  expect(await page.getByRole("checkbox", { name: "EMEA Sales" }).isChecked()).toBe(true);
  await page.getByRole("button", { name: "Preview" }).press("Enter");

  const preview = page.locator(".preview");
  await preview.getByRole("heading", { name: /Preview/ }).waitFor();
  await preview.getByText(/1 user gains it: jane\.doe-000001@example\.com/).waitFor();
  expect(await preview.getByText("EMEA Sales (data-access)").count()).toBe(1);
  await shot(page, "2-mapping-preview");
  // A preview is a dry run: nothing is mapped yet.
  const before = await ok(app, co.adminToken, `{ unmappedCustomerRoles { nodes { displayName } } }`);
  expect(before.unmappedCustomerRoles.nodes.map((r: { displayName: string }) => r.displayName)).toContain("Sales (EMEA)");

  await preview.getByRole("button", { name: "Save mapping" }).click();
  await page.getByRole("status").getByText(/The mapping of Sales \(EMEA\) is saved/).waitFor();
  await page.getByText("Holding this role grants nothing yet.").waitFor({ state: "detached" });

  await page.getByRole("link", { name: /^jane\.doe-/ }).click();
  await page.getByRole("heading", { level: 1, name: "jane.doe-000001@example.com" }).waitFor();
  const access = page.locator("section", { has: page.getByRole("heading", { name: "Effective access" }) });
  const grant = access.getByRole("row", { name: /EMEA Sales/ });
  await grant.getByText("Customer role “Sales (EMEA)” (membership: Admin) → mapping").waitFor();
  await page.locator("section", { has: page.getByRole("heading", { name: "Customer roles" }) }).getByRole("cell", { name: "Admin" }).waitFor();
  await shot(page, "3-user-effective-access");
  await expectNoHorizontalOverflow(page);

  // The same, as the API says it.
  const after = await ok(app, co.adminToken, `query($id: ID!) { effectiveAccess(userId: $id) { dataAccessRoles { role { name } } } }`, { id: memberId });
  expect(after.effectiveAccess.dataAccessRoles).toEqual([{ role: { name: "EMEA Sales" } }]);
  expect(errors).toEqual([]);
  await context.close();
});

it("finds a user by a name prefix, opens them and deactivates them; a refused change shows the server's message", async () => {
  const { context, page, errors } = await openPage({ width: 1280, height: 800 });
  await signIn(page, co.admin.userName);
  // Users is the administrator's first page.
  await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
  await page.getByRole("heading", { name: /123 users/ }).waitFor();
  expect(await page.getByRole("button", { name: "Next page" }).isEnabled()).toBe(true);

  const search = page.getByRole("searchbox", { name: "Search" });
  await search.fill("hop");
  await search.press("Enter");
  await page.getByRole("heading", { name: "1 user" }).waitFor();
  const row = page.getByRole("row", { name: /grace\.hopper/ });
  await row.getByRole("cell", { name: "Grace Hopper" }).waitFor();
  await row.getByRole("cell", { name: "Manual" }).waitFor();
  await shot(page, "4-users-search");

  await row.getByRole("link", { name: "grace.hopper@navy.example" }).click();
  await page.getByRole("heading", { level: 1, name: "grace.hopper@navy.example" }).waitFor();
  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("status").getByText("grace.hopper@navy.example is deactivated and can no longer sign in.").waitFor();
  await page.getByRole("button", { name: "Activate" }).waitFor();
  const audit = page.locator("section", { has: page.getByRole("heading", { name: "Audit history" }) });
  await audit.getByText("user.deactivate").or(audit.getByText("user.update")).first().waitFor();
  await shot(page, "5-user-deactivated");

  const stored = await app.orm.em.fork().getConnection().execute(`select active from user_account where user_name = 'grace.hopper@navy.example'`);
  expect(stored).toEqual([{ active: false }]);

  // The administrator's own page: deactivating oneself is not offered.
  await page.goto(`${app.url}/admin/users/${co.admin.id}`);
  await page.getByRole("heading", { level: 1, name: co.admin.userName }).waitFor();
  expect(await page.getByRole("button", { name: "Deactivate" }).isDisabled()).toBe(true);

  // A password the company's policy refuses: the server's message, and nothing changes.
  await page.getByRole("button", { name: "Reset password" }).click();
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set password" }).click();
  await page.getByRole("alert").getByText(/password/i).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

it("at phone width the users list and a user's page fit the screen", async () => {
  const { context, page, errors } = await openPage({ width: 390, height: 844 });
  await signIn(page, co.admin.userName, "/admin/users");
  await page.getByRole("heading", { name: /users/ }).first().waitFor();
  await page.getByRole("link", { name: /^staff-000001/ }).waitFor();
  await expectNoHorizontalOverflow(page);
  await shot(page, "6-users-390px");
  await page.goto(`${app.url}/admin/users/${memberId}`);
  await page.getByRole("heading", { name: "Effective access" }).waitFor();
  await expectNoHorizontalOverflow(page);
  await shot(page, "7-user-390px");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customer roles" }).click();
  await page.getByRole("link", { name: "Sales (EMEA)" }).click();
  await page.getByRole("button", { name: "Edit mapping" }).click();
  await page.getByRole("button", { name: "Preview" }).click();
  await page.locator(".preview").getByRole("heading", { name: /Preview/ }).waitFor();
  await expectNoHorizontalOverflow(page);
  await shot(page, "7b-mapping-preview-390px");
  expect(errors).toEqual([]);
  await context.close();
});

it("a viewer's navigation offers only what a viewer may open, and no actions", async () => {
  await createUserWithRoles(app, co.company, "viewer@co.example", ["Viewer"]);
  const { context, page, errors } = await openPage({ width: 1280, height: 800 });
  await signIn(page, "viewer@co.example");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Users" }).waitFor();
  expect(await nav.getByRole("link", { name: "SCIM" }).count()).toBe(0);
  await page.goto(`${app.url}/admin/users/${memberId}`);
  await page.getByRole("heading", { name: "Effective access" }).waitFor();
  expect(await page.getByRole("button", { name: "Deactivate" }).count()).toBe(0);
  await page.goto(`${app.url}/admin/integrations/scim`);
  await page.getByRole("alert").getByText(/There is no page at \/admin\/integrations\/scim for your account/).waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

it("an impersonated session names the operator on every page, and ending it returns to sign-in", async () => {
  const { operator, token } = await createPlatformOperator(app);
  const session = await ok(app, token, `mutation($c: ID!, $u: ID!) { impersonate(companyId: $c, userId: $u, reason: "ticket 42") { token } }`, {
    c: co.company.id,
    u: co.admin.id,
  });
  const { context, page, errors } = await openPage({ width: 1280, height: 800 });
  await context.addCookies([{ name: "rolebridge_session", value: session.impersonate.token, url: app.url }]);
  await page.goto(`${app.url}/admin/customer-roles`);
  const banner = page.getByRole("region", { name: "Impersonation" });
  await banner.getByText(`${operator.userName}`).waitFor();
  await banner.getByText(/is acting as/).waitFor();
  await page.getByRole("link", { name: "Users" }).click();
  await banner.waitFor();
  await shot(page, "8-impersonation-banner");
  await banner.getByRole("button", { name: "End impersonation" }).click();
  await page.getByRole("heading", { name: "Sign in to rolebridge" }).waitFor();
  await page.getByText("The impersonated session has ended.").waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

it("a platform operator impersonates a company's administrator from the console and returns to their own session", async () => {
  const { operator } = await createPlatformOperator(app);
  const { context, page, errors } = await openPage({ width: 1280, height: 800 });
  await page.goto(`${app.url}/admin/`);
  await page.getByLabel("Company").fill("platform");
  await page.getByLabel("User name").fill(operator.userName);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByLabel("Password").press("Enter");

  // An operator holds no company permission: only the platform's pages are offered, Impersonate first.
  await page.getByRole("heading", { level: 1, name: "Impersonate a user" }).waitFor();
  const nav = page.getByRole("navigation", { name: "Main" });
  expect(await nav.getByRole("link").allTextContents()).toEqual(["Impersonate", "Companies (platform)"]);
  await page.getByLabel("Company", { exact: true }).selectOption({ label: `${co.company.name} (${co.company.slug})` });
  await page.getByLabel("User name", { exact: true }).fill("nobody@nowhere.example");
  await page.getByLabel("Reason", { exact: true }).fill("support ticket 4711");
  await page.getByRole("button", { name: "Impersonate" }).click();
  await page.getByRole("alert").getByText(/nobody@nowhere\.example/).waitFor();

  await page.getByLabel("User name", { exact: true }).fill(co.admin.userName);
  await page.getByRole("button", { name: "Impersonate" }).click();
  const banner = page.getByRole("region", { name: "Impersonation" });
  await banner.getByText(operator.userName).waitFor();
  await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
  await nav.getByRole("link", { name: "Customer roles" }).waitFor();
  await shot(page, "9-operator-impersonating");

  await banner.getByRole("button", { name: "End impersonation" }).click();
  await page.getByRole("heading", { level: 1, name: "Impersonate a user" }).waitFor();
  await banner.waitFor({ state: "detached" });
  const events: { actor_user_name: string }[] = await app.orm.em
    .fork()
    .getConnection()
    .execute(`select actor_user_name from audit_event where action = 'session.impersonate' and company_id = ?`, [co.company.id]);
  expect(events.map((e) => e.actor_user_name)).toContain(operator.userName);
  // The browser logs the refused attempt's 404 itself; anything else is a fault of the page.
  expect(errors.filter((e) => !/status of 404 .*\/admin\/session\/impersonation$/.test(e))).toEqual([]);
  await context.close();
});

it("creates an app-access role with permissions, edits it, is told when a name is taken, and deletes it after confirming", async () => {
  const { context, page, errors } = await openPage({ width: 1280, height: 800 });
  await signIn(page, co.admin.userName, "/admin/access-roles");
  await page.getByRole("heading", { level: 1, name: "Access roles" }).waitFor();
  const apps = page.locator("section", { has: page.getByRole("heading", { name: "App-access roles" }) });

  await apps.getByText("New app-access role").click();
  const create = apps.getByRole("form", { name: "New app-access role" });
  await create.getByLabel("Name").fill("Helpdesk");
  await create.getByLabel("Description").fill("Resets passwords");
  await create.getByRole("checkbox", { name: "CanManageUsers" }).check();
  await create.getByRole("button", { name: "Create" }).click();
  await page.getByRole("status").getByText("Created Helpdesk.").waitFor();
  await apps.getByRole("row", { name: /Helpdesk/ }).getByRole("cell", { name: "CanManageUsers" }).waitFor();

  await apps.getByRole("button", { name: "Edit Helpdesk" }).click();
  const edit = apps.getByRole("form", { name: "Edit Helpdesk" });
  await edit.getByRole("checkbox", { name: "CanViewUsers" }).check();
  await edit.getByRole("button", { name: "Save" }).click();
  await apps.getByRole("row", { name: /Helpdesk/ }).getByRole("cell", { name: "CanManageUsers, CanViewUsers" }).waitFor();

  // The server refuses a name that is taken, ignoring case; its message is shown and nothing is created.
  await create.getByLabel("Name").fill("helpdesk");
  await create.getByRole("button", { name: "Create" }).click();
  await page.getByRole("alert").getByText("name is already taken").waitFor();
  expect(await apps.getByRole("row", { name: /Helpdesk/i }).count()).toBe(1);
  await shot(page, "10-access-roles-conflict");

  await apps.getByRole("button", { name: "Delete Helpdesk" }).click();
  const confirm = page.getByRole("alertdialog");
  await confirm.getByRole("button", { name: "Yes, delete" }).click();
  await page.getByRole("status").getByText("Deleted Helpdesk.").waitFor();
  expect(await apps.getByRole("row", { name: /Helpdesk/ }).count()).toBe(0);
  const roles = await ok(app, co.adminToken, `{ appAccessRoles { name } }`);
  expect(roles.appAccessRoles.map((r: { name: string }) => r.name)).not.toContain("Helpdesk");
  expect(errors).toEqual([]);
  await context.close();
});
