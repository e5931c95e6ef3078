import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildConsole, type Build } from "../setup/build.js";
import { journeyScreenshots, launchChromium } from "../support/chromium.js";
import { createTestCompany, TEST_PASSWORD, tokenFor, type TestCompany } from "../setup/fixtures.js";
import { startTestApp, type TestApp } from "../setup/server.js";

/**
 * The GraphQL explorer in a real browser: open /graphql, write an operation, run it, read the
 * result, with the console's session cookie or a Bearer token in GraphiQL's headers editor. A
 * script error, a Content-Security-Policy violation (a console error in Chromium) or a failed
 * request fails the journey. Screenshots go to test-output/graphql-explorer/.
 */
const { dir: SCREENSHOTS, shot } = journeyScreenshots("graphql-explorer");

let app: TestApp;
let built: Build;
let browser: Browser;
let co: TestCompany;

beforeAll(async () => {
  built = await buildConsole();
  app = await startTestApp({ env: { ADMIN_CONSOLE_DIR: built.dir } });
  co = await createTestCompany(app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await built?.remove();
});


/** A page that records every script error, CSP violation and failed or refused request. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()} ${m.location().url}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`response ${r.status()}: ${r.url()}`));
  // Everything the explorer loads comes from this server.
  page.on("request", (r) => !r.url().startsWith(app.url) && !r.url().startsWith("data:") && problems.push(`request off this server: ${r.url()}`));
  return { page, problems };
}

/**
 * Replaces the text of the visible CodeMirror editor inside `editor` (the variables and headers
 * editors share one place, one of them hidden); insertText, so no brackets are auto-closed.
 */
async function write(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(`${editor} .CodeMirror`).filter({ visible: true }).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

async function run(page: Page): Promise<string> {
  await page.getByRole("button", { name: /Execute query/ }).click();
  const result = page.locator(".result-window .CodeMirror");
  await expect.poll(() => result.textContent()).toContain('"data"');
  return (await result.textContent())!;
}

it("signed in to the console, /graphql opens GraphiQL, runs { me { userName } } with the session cookie, shows the result and the schema's docs", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The console's sign-in; the browser keeps its cookie for /graphql.
  const signIn = await context.request.post(`${app.url}/admin/session`, {
    headers: { "x-rolebridge-csrf": "1" },
    data: { company: co.company.slug, userName: co.admin.userName, password: TEST_PASSWORD },
  });
  expect(signIn.status()).toBe(200);
  const { page, problems } = await watchedPage(context);

  await page.goto(`${app.url}/graphql`);
  await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
  await shot(page, "1-explorer-opened");
  await write(page, ".graphiql-query-editor", "{ me { userName } }");
  const result = await run(page);
  expect(result).toContain(`"userName": "${co.admin.userName}"`);

  // The schema came through introspection: the documentation explorer lists the root types.
  await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
  await page.locator(".graphiql-doc-explorer").getByText("Root Types").waitFor();
  await page.locator(".graphiql-doc-explorer").getByRole("link", { name: "Query", exact: true }).waitFor();
  await shot(page, "2-me-with-session-cookie");

  expect(problems).toEqual([]);
  await context.close();
});

it("without a session, a Bearer token set in the headers editor authenticates the operation", async () => {
  const token = await tokenFor(app, co.admin);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await watchedPage(context);

  await page.goto(`${app.url}/graphql`);
  await write(page, ".graphiql-query-editor", "{ __typename }");
  expect(await run(page)).toContain('"__typename": "Query"');

  await page.getByRole("button", { name: "Headers" }).click();
  await write(page, ".graphiql-editor-tool", JSON.stringify({ authorization: `Bearer ${token}` }));
  await write(page, ".graphiql-query-editor", "{ me { userName } }");
  expect(await run(page)).toContain(`"userName": "${co.admin.userName}"`);
  await shot(page, "3-me-with-bearer-header");

  expect(problems).toEqual([]);
  await context.close();
});
