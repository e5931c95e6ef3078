import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsole, type Build } from "../../setup/build.js";
import { createTestCompany, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * `GET /graphql` in a browser: the GraphQL explorer (GraphiQL) built with the admin console and
 * served from this server under a Content-Security-Policy of its own, with every asset local; the
 * requests GraphQL clients make to /graphql answered by Apollo as before.
 */
let app: TestApp;
let unbuilt: TestApp;
let built: Build;
let co: TestCompany;
/** What Chromium sends when a person opens a page. */
const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8" };
/** A URL on a host that serves packages or fonts to browsers: what Apollo's landing page loads. */
const CDN = /https?:\/\/[^\s"'`)]*(unpkg|jsdelivr|esm\.sh|cdnjs|skypack|jspm|googleapis|gstatic|apollographql|embeddable-sandbox|cdn\.)/i;

beforeAll(async () => {
  built = await buildConsole();
  app = await startTestApp({ env: { ADMIN_CONSOLE_DIR: built.dir } });
  unbuilt = await startTestApp({ databaseUrl: app.databaseUrl, env: { ADMIN_CONSOLE_DIR: `${built.dir}-missing` } });
  co = await createTestCompany(app);
});
afterAll(async () => {
  await unbuilt?.close();
  await app?.close();
  await built?.remove();
});

describe("a browser opening /graphql", () => {
  it("gets the explorer page under a CSP that admits only this origin, with no inline script or style", async () => {
    const res = await fetch(`${app.url}/graphql`, { headers: BROWSER });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/https?:/);
    const html = await res.text();
    expect(html).toContain('<div id="explorer">');
    expect(html).not.toMatch(/https?:\/\//);
    // Every script is a file of its own: the CSP would refuse an inline one.
    for (const script of html.match(/<script[^>]*>/g) ?? []) expect(script).toMatch(/ src="\/admin\/assets\//);
  });

  it("loads every asset the page names from this server with 200, none of them from a CDN", async () => {
    const html = await (await fetch(`${app.url}/graphql`, { headers: BROWSER })).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.filter((a) => a.endsWith(".js")).length).toBeGreaterThan(0);
    expect(assets.filter((a) => a.endsWith(".css")).length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset, asset).toMatch(/^\/admin\//);
      const res = await fetch(`${app.url}${asset}`);
      expect(res.status, asset).toBe(200);
      expect(await res.text(), asset).not.toMatch(CDN);
    }
  });

  it("the whole built bundle (GraphiQL and the chunks it loads later) names no CDN host", async () => {
    const dir = path.join(built.dir, "assets");
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith("explorer-") && f.endsWith(".js"))).toBe(true);
    for (const file of files) expect(await readFile(path.join(dir, file), "utf8"), file).not.toMatch(CDN);
  });

  it("says how to build it when the server runs without a built console", async () => {
    const res = await fetch(`${unbuilt.url}/graphql`, { headers: BROWSER });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("npm run build");
  });
});

describe("GraphQL clients at /graphql are answered by Apollo as before", () => {
  it("a POST runs the operation", async () => {
    const token = await tokenFor(app, co.admin);
    const res = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...BROWSER },
      body: JSON.stringify({ query: "{ me { userName } }" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.me.userName).toBe(co.admin.userName);
  });

  it("a GET with a query, even from a browser, gets a GraphQL result and not the page", async () => {
    const res = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { ...BROWSER, "apollo-require-preflight": "true" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("a GET with a query but without a preflight header is still refused by Apollo's CSRF prevention", async () => {
    const res = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: BROWSER });
    expect(res.status).toBe(400);
  });

  it("a GET without a query from a client that asks for JSON gets Apollo's 400, not the page", async () => {
    for (const accept of ["application/json", "*/*"]) {
      const res = await fetch(`${app.url}/graphql`, { headers: { accept } });
      expect(res.status, accept).toBe(400);
      expect(res.headers.get("content-type"), accept).not.toMatch(/^text\/html/);
    }
  });
});
