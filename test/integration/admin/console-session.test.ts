import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConsole, type Build } from "../../setup/build.js";
import { createTestCompany, TEST_PASSWORD, type TestCompany } from "../../setup/fixtures.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * The admin console's cookie session over real HTTP: sign-in and sign-out at /admin/session, the
 * cookie accepted by /graphql only with the CSRF header, and the built console served at /admin
 * under its Content-Security-Policy.
 */
let app: TestApp;
let unbuilt: TestApp;
let built: Build;
let co: TestCompany;
const CSRF = { "x-rolebridge-csrf": "1" };

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

async function signIn(password = TEST_PASSWORD, headers: Record<string, string> = CSRF): Promise<Response> {
  return fetch(`${app.url}/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ company: co.company.slug, userName: co.admin.userName, password }),
  });
}

/** The `name=value` part of the session cookie a response set. */
function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("rolebridge_session="));
  expect(cookie, "no session cookie was set").toBeDefined();
  return cookie!.split(";")[0]!;
}

async function me(cookie: string, headers: Record<string, string> = CSRF): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...headers },
    body: JSON.stringify({ query: "{ me { userName } }" }),
  });
  return { status: res.status, body: await res.json() };
}

describe("signing in to the admin console", () => {
  it("sets an httpOnly, SameSite=Strict session cookie that /graphql accepts with the CSRF header", async () => {
    const res = await signIn();
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).user.userName).toBe(co.admin.userName);
    const [setCookie] = res.headers.getSetCookie();
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(res.headers.get("cache-control")).toBe("no-store");

    const answer = await me(sessionCookie(res));
    expect(answer.status).toBe(200);
    expect(answer.body.data.me.userName).toBe(co.admin.userName);
  });

  it("a wrong password is 401 with the login mutation's message, and sets no cookie", async () => {
    const res = await signIn("wrong-password-1");
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error).toEqual({ code: "UNAUTHENTICATED", message: "unknown company, userName or password" });
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("a sign-in without the CSRF header is refused with 403 before the password is checked", async () => {
    const res = await signIn(TEST_PASSWORD, {});
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe("/graphql with the session cookie", () => {
  it("without the CSRF header is refused with 403 and runs nothing", async () => {
    const cookie = sessionCookie(await signIn());
    const answer = await me(cookie, {});
    expect(answer.status).toBe(403);
    expect(answer.body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(answer.body.errors[0].message).toContain("x-rolebridge-csrf");
  });

  it("with a token that does not verify is UNAUTHENTICATED, as an expired session is", async () => {
    const answer = await me("rolebridge_session=not.a.token");
    expect(answer.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("Bearer requests need no CSRF header, as before", async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${co.adminToken}` },
      body: JSON.stringify({ query: "{ me { userName } }" }),
    });
    expect(((await res.json()) as any).data.me.userName).toBe(co.admin.userName);
  });

  it("signing out clears the cookie", async () => {
    const res = await fetch(`${app.url}/admin/session`, { method: "DELETE", headers: CSRF });
    expect(res.status).toBe(204);
    const [cleared] = res.headers.getSetCookie();
    expect(cleared).toMatch(/^rolebridge_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
  });
});

describe("/admin", () => {
  it("serves the built console, for every client-side route, under a strict Content-Security-Policy", async () => {
    for (const route of ["/admin", "/admin/", "/admin/integrations/scim"]) {
      const res = await fetch(`${app.url}${route}`);
      expect(res.status, route).toBe(200);
      const html = await res.text();
      expect(html).toContain('<div id="root"></div>');
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      // No inline script: every script is a file of the console's own.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
    const html = await (await fetch(`${app.url}/admin/`)).text();
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${app.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect((await fetch(`${app.url}/admin/assets/missing.js`)).status).toBe(404);
  });

  it("says how to build the console where none was built", async () => {
    const res = await fetch(`${unbuilt.url}/admin`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("npm run build");
  });
});
