import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../../src/domain/users/user.entity.js";
import { createPlatformOperator, createTestCompany, TEST_PASSWORD, type TestCompany } from "../../setup/fixtures.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * A platform operator in the console opens an impersonated session as a company user and returns
 * to their own, over real HTTP: the cookies it sets, the audit event it leaves, and what it refuses.
 */
let app: TestApp;
let co: TestCompany;
let operator: User;
const CSRF = { "x-rolebridge-csrf": "1" };

beforeAll(async () => {
  app = await startTestApp();
  co = await createTestCompany(app);
  ({ operator } = await createPlatformOperator(app));
});
afterAll(() => app?.close());

/** The cookies a response set, as `name=value` by name. */
function cookiesOf(res: Response): Record<string, string> {
  return Object.fromEntries(
    res.headers.getSetCookie().map((c) => {
      const pair = c.split(";")[0]!;
      return [pair.slice(0, pair.indexOf("=")), pair];
    }),
  );
}

async function signIn(company: string, userName: string): Promise<string> {
  const res = await fetch(`${app.url}/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...CSRF },
    body: JSON.stringify({ company, userName, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return cookiesOf(res).rolebridge_session!;
}

function begin(cookie: string, body: Record<string, unknown>, headers: Record<string, string> = CSRF): Promise<Response> {
  return fetch(`${app.url}/admin/session/impersonation`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...headers },
    body: JSON.stringify(body),
  });
}

async function principal(cookie: string): Promise<any> {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...CSRF },
    body: JSON.stringify({ query: "{ principal { user { userName } isPlatformOperator impersonator { userName } } }" }),
  });
  return ((await res.json()) as any).data?.principal;
}

async function auditEvents(): Promise<any[]> {
  return app.orm.em.fork().getConnection().execute(`select actor_user_name, target_id, after from audit_event where action = 'session.impersonate' order by created_at`);
}

describe("impersonating from the console", () => {
  it("puts the impersonated session in the cookie, keeps the operator's aside, records why, and ending it returns to the operator", async () => {
    const operatorCookie = await signIn("platform", operator.userName);
    const res = await begin(operatorCookie, { companyId: co.company.id, userName: co.admin.userName.toUpperCase(), reason: "support case 9001" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).user).toEqual({ id: co.admin.id, userName: co.admin.userName });
    const set = cookiesOf(res);
    expect(set.rolebridge_operator_session).toBe(operatorCookie.replace("rolebridge_session=", "rolebridge_operator_session="));
    expect(res.headers.getSetCookie().every((c) => /HttpOnly/i.test(c) && /SameSite=Strict/i.test(c))).toBe(true);

    const impersonated = await principal(set.rolebridge_session!);
    expect(impersonated).toEqual({ user: { userName: co.admin.userName }, isPlatformOperator: false, impersonator: { userName: operator.userName } });
    const [event] = await auditEvents();
    expect(event).toMatchObject({ actor_user_name: operator.userName, target_id: co.admin.id, after: expect.objectContaining({ reason: "support case 9001" }) });

    const end = await fetch(`${app.url}/admin/session/impersonation`, {
      method: "DELETE",
      headers: { cookie: `${set.rolebridge_session}; ${set.rolebridge_operator_session}`, ...CSRF },
    });
    expect(end.status).toBe(200);
    expect(await end.json()).toEqual({ restored: true });
    const back = cookiesOf(end);
    expect(back.rolebridge_session).toBe(operatorCookie);
    expect(back.rolebridge_operator_session).toBe("rolebridge_operator_session=");
    expect(await principal(back.rolebridge_session!)).toMatchObject({ user: { userName: operator.userName }, isPlatformOperator: true, impersonator: null });
  });

  it("a company administrator may not impersonate: 403 FORBIDDEN, no cookie, no audit event", async () => {
    const before = (await auditEvents()).length;
    const adminCookie = await signIn(co.company.slug, co.admin.userName);
    const res = await begin(adminCookie, { companyId: co.company.id, userName: co.admin.userName, reason: "curious" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe("FORBIDDEN");
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await auditEvents()).toHaveLength(before);
  });

  it("an unknown user is 404 naming it, an empty reason 400, and neither changes the session", async () => {
    const operatorCookie = await signIn("platform", operator.userName);
    const unknown = await begin(operatorCookie, { companyId: co.company.id, userName: "nobody@example.com", reason: "case 1" });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).error.message).toContain("nobody@example.com");
    expect(unknown.headers.getSetCookie()).toEqual([]);

    const noReason = await begin(operatorCookie, { companyId: co.company.id, userName: co.admin.userName, reason: "  " });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as any).error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("reason") });

    const wildcard = await begin(operatorCookie, { companyId: co.company.id, userName: "%", reason: "case 2" });
    expect(wildcard.status).toBe(404);
  });

  it("without the CSRF header, or without a console session, nothing happens", async () => {
    const operatorCookie = await signIn("platform", operator.userName);
    const noCsrf = await begin(operatorCookie, { companyId: co.company.id, userName: co.admin.userName, reason: "x" }, {});
    expect(noCsrf.status).toBe(403);
    const noSession = await begin("", { companyId: co.company.id, userName: co.admin.userName, reason: "x" });
    expect(noSession.status).toBe(401);
    expect(noSession.headers.getSetCookie()).toEqual([]);
  });
});
