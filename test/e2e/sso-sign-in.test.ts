import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildConsole, type Build } from "../setup/build.js";
import { createTestCompany, createUserWithRoles, TEST_PASSWORD, type TestCompany } from "../setup/fixtures.js";
import { gql } from "../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../setup/server.js";
import { journeyScreenshots, launchChromium } from "../support/chromium.js";
import { startTestIdp, type TestIdp } from "../support/oidc-idp.js";
import { SSO_KEY } from "../integration/sso/sso-fixtures.js";

/**
 * Single sign-on in a real browser: an administrator adds an OIDC connection in the console,
 * runs its test sign-in (which activates it) and claims the company's email domain; then an
 * employee types only their work address at sign-in, goes straight to the IdP (oidc-provider in
 * process), and lands in the console with the roles the mapping gives their IdP groups.
 * Screenshots go to test-output/sso/.
 */
const { dir: SCREENSHOTS, shot } = journeyScreenshots("sso");

let app: TestApp;
let built: Build;
let browser: Browser;
let idp: TestIdp;
let co: TestCompany;

beforeAll(async () => {
  built = await buildConsole();
  app = await startTestApp({ env: { ADMIN_CONSOLE_DIR: built.dir, SSO_SECRET_KEY: SSO_KEY } });
  co = await createTestCompany(app);
  idp = await startTestIdp({ redirectUris: [`${app.url}/sso/${co.company.slug}/oidc/callback`] });
  const q = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await gql(app.url, query, variables, co.adminToken);
    expect(res.errors).toBeUndefined();
    return res.data as Record<string, any>;
  };
  const sales = (await q(`mutation { createCustomerRole(input: { displayName: "Sales" }) { id } }`)).createCustomerRole.id;
  const emea = (await q(`mutation { createDataAccessRole(input: { name: "EMEA Sales" }) { id } }`)).createDataAccessRole.id;
  const auditor = (await q(`mutation { createAppAccessRole(input: { name: "Auditor", permissions: [CanViewAuditLog] }) { id } }`)).createAppAccessRole.id;
  await q(`mutation($c: ID!, $d: [ID!]!, $a: [ID!]!) { setRoleMapping(customerRoleId: $c, dataAccessRoleIds: $d, appAccessRoleIds: $a) { version } }`, {
    c: sales,
    d: [emea],
    a: [auditor],
  });
  await createUserWithRoles(app, co.company, "jane@acme.example", [], { allowSsoLogin: true, autoAssignRoles: true });
  idp.accounts.set("okta-jane", { email: "jane@acme.example", email_verified: true, preferred_username: "jane@acme.example", given_name: "Jane", groups: ["Sales", "Everyone"] });
  idp.signInAs("okta-jane");
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
  await app?.close();
  await built?.remove();
});


async function newPage(viewport: { width: number; height: number }, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // A Content-Security-Policy violation or a script error shows up here, and fails the journey.
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
  page.on("pageerror", (e) => errors.push(e.message));
  return page;
}

/** Nothing wider than the window: the layout holds at this width. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  // Evaluated in the page (a string, since the test's own types have no DOM).
  const { scroll, width, widest } = (await page.evaluate(`(() => {
    const width = window.innerWidth;
    // The elements that stick out, so a failure says where the layout broke.
    const widest = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 || e.scrollWidth > e.clientWidth + 1)
      .slice(0, 5)
      .map((e) => e.tagName.toLowerCase() + "." + e.className);
    return { scroll: document.documentElement.scrollWidth, width, widest };
  })()`)) as { scroll: number; width: number; widest: string[] };
  expect(scroll, `page is ${scroll}px wide in a ${width}px window: ${widest.join(", ")}`).toBeLessThanOrEqual(width);
}

it("an admin adds an OIDC connection, tests it, claims the domain; an employee signs in with their email alone and lands with the mapped roles", async () => {
  const errors: string[] = [];
  const admin = await newPage({ width: 1280, height: 800 }, errors);
  await admin.goto(`${app.url}/admin/integrations/sso`);
  await admin.getByLabel("Work email or user name").fill(co.admin.userName);
  await admin.getByLabel("Company").fill(co.company.slug);
  await admin.getByLabel("Password").fill(TEST_PASSWORD);
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.getByRole("heading", { level: 1, name: /Single sign-on/ }).waitFor();

  // The redirect URI to register at the IdP is on the page before anything is created.
  await admin.getByText(`${app.url}/sso/${co.company.slug}/oidc/callback`, { exact: true }).first().waitFor();

  // A bad issuer is refused with the API's message, and nothing is created.
  await admin.getByLabel("Name", { exact: true }).fill("Okta");
  await admin.getByLabel("Issuer URL").fill("http://idp.example.com");
  await admin.getByLabel("Client ID", { exact: true }).fill(idp.clientId);
  await admin.getByLabel("Client secret").fill(idp.clientSecret);
  await admin.getByRole("button", { name: "Add OIDC connection" }).click();
  await admin.getByRole("alert").getByText(/issuer must use https/).waitFor();
  await admin.getByText("No connections yet: add one below.").waitFor();

  await admin.getByLabel("Issuer URL").fill(idp.issuer);
  await admin.getByLabel("Scopes besides openid").fill("email profile groups");
  await admin.getByLabel("Client secret").press("Enter");
  const card = admin.locator("article.connection", { has: admin.getByRole("heading", { name: /Okta/ }) });
  await card.getByText(/^Draft/).waitFor();
  expect(await admin.content()).not.toContain(idp.clientSecret);
  await shot(admin, "1-connection-draft");

  // The test sign-in: through the IdP and back to a page showing what it found.
  await card.getByRole("link", { name: "Test sign-in" }).click();
  await admin.getByRole("heading", { name: "Test sign-in succeeded" }).waitFor();
  expect(await admin.locator("#user").textContent()).toBe("matched jane@acme.example");
  expect(await admin.locator("#roles").textContent()).toBe("Sales");
  await shot(admin, "2-test-sign-in-result");
  await admin.getByRole("link", { name: "Back to the SSO connections" }).click();
  await card.getByText("Active", { exact: true }).waitFor();
  await card.getByText(/Subject okta-jane: matched jane@acme.example; roles Sales; unknown groups Everyone\./).waitFor();

  // Claim the employees' domain for it.
  await card.getByLabel("Email domain for Okta").fill("acme.example");
  await card.getByRole("button", { name: "Claim domain" }).click();
  await card.getByText("acme.example", { exact: true }).waitFor();
  await shot(admin, "3-domain-claimed");
  await expectNoHorizontalScroll(admin);

  // The same page on a phone.
  const phone = await newPage({ width: 390, height: 844 }, errors);
  await phone.context().addCookies(await admin.context().cookies());
  await phone.goto(`${app.url}/admin/integrations/sso`);
  await phone.getByText("Active", { exact: true }).waitFor();
  await expectNoHorizontalScroll(phone);
  await shot(phone, "4-connections-phone");

  // The employee: email first, straight to the IdP, back signed in, looking at their access.
  const jane = await newPage({ width: 1280, height: 800 }, errors);
  await jane.goto(`${app.url}/admin/`);
  await jane.getByLabel("Work email or user name").fill("jane@acme.example");
  await jane.getByText(/acme\.example signs in with single sign-on/).waitFor();
  expect(await jane.getByLabel("Password").count()).toBe(0);
  await shot(jane, "5-email-first");
  await jane.getByLabel("Work email or user name").press("Enter");
  await jane.getByRole("heading", { level: 1, name: "Your access" }).waitFor();
  expect(new URL(jane.url()).pathname).toBe("/admin/my-access");
  await jane.getByText("Signed in as").getByText("jane@acme.example").waitFor();
  const data = jane.locator("section", { has: jane.getByRole("heading", { name: "Data-access roles" }) });
  const apps = jane.locator("section", { has: jane.getByRole("heading", { name: "App-access roles" }) });
  await data.getByText("EMEA Sales: through Sales (SSO)").waitFor();
  await apps.getByText("Auditor: through Sales (SSO)").waitFor();
  await shot(jane, "6-landed-with-mapped-roles");

  // Disabled, the connection stops at once: the same address gets the password form again.
  await admin.goto(`${app.url}/admin/integrations/sso`);
  await card.getByRole("button", { name: "Disable" }).click();
  await card.getByText(/^Disabled/).waitFor();
  const later = await newPage({ width: 390, height: 844 }, errors);
  await later.goto(`${app.url}/admin/`);
  await later.getByLabel("Work email or user name").fill("jane@acme.example");
  await later.getByLabel("Password").waitFor();
  await later.getByLabel("Work email or user name").press("Enter");
  await later.getByRole("alert").getByText(/Enter your company and password/).waitFor();
  await shot(later, "7-disabled-back-to-password");
  await expectNoHorizontalScroll(later);

  expect(errors).toEqual([]);
});
