import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildConsole, type Build } from "../setup/build.js";
import { createTestCompany, createUserWithRoles, TEST_PASSWORD, type TestCompany } from "../setup/fixtures.js";
import { gql } from "../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../setup/server.js";
import { journeyScreenshots, launchChromium } from "../support/chromium.js";
import { TestSamlIdp } from "../support/saml-idp.js";
import { SSO_KEY } from "../integration/sso/sso-fixtures.js";

/**
 * SAML 2.0 in a real browser: an administrator reads the ACS URL and entity ID on Integrations >
 * Single sign-on, adds a SAML connection from the IdP's metadata URL (a wrong one first, whose
 * error the page shows), runs its test sign-in through the IdP, which activates it; then an
 * employee signs in through it and lands in the console. The IdP is an HTTP server in the test
 * process that reads the AuthnRequest and answers with the HTTP-POST binding's self-submitting
 * form, signed by test/support/saml-idp.ts. Screenshots go to test-output/saml/.
 */
const { dir: SCREENSHOTS, shot } = journeyScreenshots("saml");

let app: TestApp;
let built: Build;
let browser: Browser;
let idp: TestSamlIdp;
let idpServer: Server;
let co: TestCompany;
/** Who the IdP says signs in. */
const person = { nameId: "jane@acme.example", attributes: { email: "jane@acme.example", firstName: "Jane", lastName: "Doe", groups: ["Sales"] } };

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

beforeAll(async () => {
  built = await buildConsole();
  app = await startTestApp({ env: { ADMIN_CONSOLE_DIR: built.dir, SSO_SECRET_KEY: SSO_KEY } });
  co = await createTestCompany(app);
  idpServer = createServer((req, res) => {
    const url = new URL(req.url!, `http://${req.headers.host}`);
    if (url.pathname === "/saml/metadata") return void res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(idp.metadataXml());
    // The browser asks the IdP's page for its icon; a 404 would be logged as a page error.
    if (url.pathname === "/favicon.ico") return void res.writeHead(204).end();
    if (url.pathname !== "/saml/sso") return void res.writeHead(404).end();
    // The IdP's part of SAML 2.0 Web Browser SSO: read the AuthnRequest, answer at its ACS.
    const request = idp.readAuthnRequest(url.href);
    const audience = request.issuer;
    const samlResponse = idp.response({ inResponseTo: request.id, acsUrl: request.acsUrl, audience, ...person });
    res.writeHead(200, { "content-type": "text/html" }).end(
      `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeAttribute(request.acsUrl)}">` +
        `<input type="hidden" name="SAMLResponse" value="${samlResponse}">` +
        (request.relayState ? `<input type="hidden" name="RelayState" value="${escapeAttribute(request.relayState)}">` : "") +
        `<noscript><button>Continue</button></noscript></form></body></html>`,
    );
  });
  await new Promise<void>((r) => idpServer.listen(0, "127.0.0.1", () => r()));
  idp = await TestSamlIdp.create(`http://127.0.0.1:${(idpServer.address() as AddressInfo).port}/saml`);
  const res = await gql(app.url, `mutation { createCustomerRole(input: { displayName: "Sales" }) { id } }`, {}, co.adminToken);
  expect(res.errors).toBeUndefined();
  await createUserWithRoles(app, co.company, "jane@acme.example", [], { allowSsoLogin: true, autoAssignRoles: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  idpServer?.close();
  await app?.close();
  await built?.remove();
});


async function newPage(viewport: { width: number; height: number }, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
  page.on("pageerror", (e) => errors.push(e.message));
  return page;
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scroll, width, widest } = await page.evaluate(() => {
    const width = window.innerWidth;
    const widest = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { scroll: document.documentElement.scrollWidth, width, widest };
  });
  expect(scroll, `page is ${scroll}px wide in a ${width}px window: ${widest.join(", ")}`).toBeLessThanOrEqual(width);
}

it("an admin adds a SAML connection from the IdP's metadata URL, tests it through the IdP; an employee signs in through it", async () => {
  const errors: string[] = [];
  const admin = await newPage({ width: 1280, height: 800 }, errors);
  await admin.goto(`${app.url}/admin/integrations/sso`);
  await admin.getByLabel("Work email or user name").fill(co.admin.userName);
  await admin.getByLabel("Company").fill(co.company.slug);
  await admin.getByLabel("Password").fill(TEST_PASSWORD);
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.getByRole("heading", { level: 1, name: /Single sign-on/ }).waitFor();

  // The values to enter at the IdP are there before anything is created.
  const add = admin.locator("section", { has: admin.getByRole("heading", { name: /SAML 2\.0 connection/ }) });
  await add.getByText(`${app.url}/sso/${co.company.slug}/saml/acs`, { exact: true }).waitFor();
  await add.getByText(`${app.url}/sso/${co.company.slug}/saml/metadata`, { exact: true }).first().waitFor();

  // A metadata URL rolebridge will not fetch: the API's message, and nothing created.
  await add.getByLabel("SAML connection name").fill("Entra ID");
  await add.getByLabel("Metadata URL").fill("http://idp.example.com/metadata");
  await add.getByRole("button", { name: "Add SAML connection" }).click();
  await admin.getByRole("alert").getByText(/idpMetadataUrl must use https/).waitFor();
  await admin.getByText("No connections yet: add one below.").waitFor();

  // Entra ID's claim URIs with one click, then the IdP's real metadata URL, by keyboard.
  await add.getByRole("button", { name: "Entra ID claim URIs" }).click();
  expect(await add.getByLabel("Email attribute").inputValue()).toBe("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress");
  await add.getByRole("button", { name: "Okta names" }).click();
  await add.getByLabel("Metadata URL").fill(`${idp.entityId}/metadata`);
  await add.getByLabel("Metadata URL").press("Enter");
  const card = admin.locator("article.connection", { has: admin.getByRole("heading", { name: /Entra ID/ }) });
  await card.getByText(/^Draft/).waitFor();
  await card.getByText(idp.entityId, { exact: true }).waitFor();
  await card.getByText(`${app.url}/sso/${co.company.slug}/saml/acs`, { exact: true }).waitFor();
  await card.getByText(/SHA-256/).first().waitFor();
  await shot(admin, "1-saml-connection-draft");

  // Editing: turning off every signature is refused with the API's message.
  await card.getByRole("button", { name: "Edit SAML settings of Entra ID" }).click();
  await card.getByLabel("Signed assertion (Okta's and Entra ID's default)").uncheck();
  await card.getByRole("button", { name: "Save" }).click();
  await admin.getByRole("alert").getByText(/unsigned assertion proves nothing/).waitFor();
  await card.getByRole("button", { name: "Cancel" }).click();

  // The test sign-in: to the IdP, whose form posts the signed Response back to the ACS.
  await card.getByRole("link", { name: "Test sign-in" }).click();
  await admin.getByRole("heading", { name: "Test sign-in succeeded" }).waitFor();
  expect(await admin.locator("#user").textContent()).toBe("matched jane@acme.example");
  expect(await admin.locator("#roles").textContent()).toBe("Sales");
  await shot(admin, "2-saml-test-sign-in-result");
  await admin.getByRole("link", { name: "Back to the SSO connections" }).click();
  await card.getByText("Active", { exact: true }).waitFor();
  await expectNoHorizontalScroll(admin);

  // The same page on a phone.
  const phone = await newPage({ width: 390, height: 844 }, errors);
  await phone.context().addCookies(await admin.context().cookies());
  await phone.goto(`${app.url}/admin/integrations/sso`);
  await phone.getByText("Active", { exact: true }).waitFor();
  await expectNoHorizontalScroll(phone);
  await shot(phone, "3-saml-connection-phone");
  await phone
    .locator("section", { has: phone.getByRole("heading", { name: /SAML 2\.0 connection/ }) })
    .screenshot({ path: path.join(SCREENSHOTS, "3b-saml-form-phone.png") });

  // The employee: the sign-in URL, the IdP, and back into the console.
  const jane = await newPage({ width: 1280, height: 800 }, errors);
  await jane.goto(`${app.url}/sso/${co.company.slug}`);
  await jane.getByRole("heading", { level: 1, name: "Your access" }).waitFor();
  await jane.getByText("Signed in as").getByText("jane@acme.example").waitFor();
  await shot(jane, "4-signed-in-with-saml");

  expect(errors).toEqual([]);
});
