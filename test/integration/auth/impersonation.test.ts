import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../../src/domain/users/user.entity.js";
import { createPlatformOperator, createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { generateAppPassword, meWith, scimProbe } from "./auth-helpers.js";

/** Platform operators opening sessions as company users (issue 5 §4, RFC 8693 §4.1 `act`). */
let app: TestApp;
let co: TestCompany;
let service: User;
let operator: User;
let operatorToken: string;

const IMPERSONATE = `mutation($c: ID!, $u: ID!, $r: String!) {
  impersonate(companyId: $c, userId: $u, reason: $r) { token expiresAt user { id userName } }
}`;
const GENERATE = `mutation { generateAppPassword(name: "via proxy") { clientSecret } }`;
const REVOKE = `mutation($id: ID!) { revokeAppPassword(id: $id) { active } }`;

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(query, params);
}

async function impersonate(companyId: string, userId: string, reason = "support ticket #4711", token = operatorToken) {
  return gql(app.url, IMPERSONATE, { c: companyId, u: userId, r: reason }, token);
}

beforeAll(async () => {
  app = await startTestApp();
  co = await createTestCompany(app);
  service = await createUserWithRoles(app, co.company, "scim@idp.example", ["SCIM Provisioner"], { isServiceAccount: true });
  ({ operator, token: operatorToken } = await createPlatformOperator(app));
});
afterAll(() => app?.close());

describe("impersonate", () => {
  it("gives an operator a 15-minute session as the user, with the operator as the act claim, recorded as an audit event", async () => {
    const started = Date.now();
    const res = await impersonate(co.company.id, co.admin.id);
    expect(res.errors).toBeUndefined();
    const session = res.data!.impersonate;
    expect(session.user).toEqual({ id: co.admin.id, userName: co.admin.userName });

    const claims = decodeJwt(session.token);
    expect(claims).toMatchObject({ sub: co.admin.id, company: co.company.id, typ: "session", act: { sub: operator.id } });
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
    const expiresIn = new Date(session.expiresAt).getTime() - started;
    expect(expiresIn).toBeGreaterThan(14 * 60 * 1000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);

    // The session works as the user.
    expect((await meWith(app.url, session.token)).id).toBe(co.admin.id);

    const events = await sql(
      "select company_id, actor_user_id, actor_user_name, impersonator_user_id, target_type, target_id, after from audit_event where action = 'session.impersonate'",
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      company_id: co.company.id,
      actor_user_id: operator.id,
      actor_user_name: operator.userName,
      impersonator_user_id: null,
      target_type: "User",
      target_id: co.admin.id,
      after: { userName: co.admin.userName, reason: "support ticket #4711", operatorUserId: operator.id, sessionId: claims.jti },
    });
  });

  it("names the operator as impersonator on every audit event the session leaves", async () => {
    const { token } = (await impersonate(co.company.id, co.admin.id, "fix the delete mode")).data!.impersonate;
    const res = await gql(app.url, `mutation { updateCompanySettings(input: { scimDeleteMode: DELETE }) { scimDeleteMode } }`, {}, token);
    expect(res.errors).toBeUndefined();
    const [event] = await sql(
      "select actor_user_id, impersonator_user_id from audit_event where action = 'company.updateSettings' and company_id = ?",
      [co.company.id],
    );
    expect(event).toEqual({ actor_user_id: co.admin.id, impersonator_user_id: operator.id });
  });

  it("an impersonated session of the service account can neither generate nor revoke its app passwords", async () => {
    const own = await tokenFor(app, service);
    const cred = await generateAppPassword(app, own);
    const { token } = (await impersonate(co.company.id, service.id, "IdP says provisioning stopped")).data!.impersonate;

    const gen = await gql(app.url, GENERATE, {}, token);
    expect(errorCode(gen)).toBe("FORBIDDEN");
    expect(gen.errors![0]!.extensions?.reason).toBe("IMPERSONATION");
    const rev = await gql(app.url, REVOKE, { id: cred.id }, token);
    expect(errorCode(rev)).toBe("FORBIDDEN");
    expect(rev.errors![0]!.extensions?.reason).toBe("IMPERSONATION");
    const [row] = await sql("select revoked_at from app_password where id = ?", [cred.id]);
    expect(row!.revoked_at).toBeNull();

    // It may read the app passwords (no secrets), and it is no SCIM credential.
    const list = await gql(app.url, `{ appPasswords { id active } }`, {}, token);
    expect(list.data!.appPasswords).toEqual([{ id: cred.id, active: true }]);
    expect((await scimProbe(app.url, `Bearer ${token}`)).status).toBe(401);
  });

  it("an impersonated session is not a platform operator: it cannot impersonate again or use operator operations", async () => {
    const { token } = (await impersonate(co.company.id, co.admin.id)).data!.impersonate;
    const other = await createUserWithRoles(app, co.company, "someone@co.example", ["Viewer"]);
    expect(errorCode(await impersonate(co.company.id, other.id, "chain", token))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, `{ companies { id } }`, {}, token))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, `mutation { rotateSigningKey { kid } }`, {}, token))).toBe("FORBIDDEN");
  });

  it("an operator's session that is itself impersonated (act on an operator token) is refused as an operator", async () => {
    const { operator: second } = await createPlatformOperator(app);
    const proxied = await tokenFor(app, second, operator.id);
    expect(errorCode(await impersonate(co.company.id, co.admin.id, "via proxy", proxied))).toBe("FORBIDDEN");
  });

  it("is for platform operators only", async () => {
    for (const token of [co.adminToken, await tokenFor(app, service)]) {
      expect(errorCode(await impersonate(co.company.id, co.admin.id, "r", token))).toBe("FORBIDDEN");
    }
    expect(errorCode(await gql(app.url, IMPERSONATE, { c: co.company.id, u: co.admin.id, r: "r" }))).toBe("UNAUTHENTICATED");
    const [{ n }] = await sql<{ n: number }>("select count(*)::int as n from audit_event where action = 'session.impersonate' and after->>'reason' = 'r'");
    expect(n).toBe(0);
  });

  it("needs a reason, an existing active user of that company, and not a platform operator", async () => {
    const blank = await impersonate(co.company.id, co.admin.id, "   ");
    expect(errorCode(blank)).toBe("BAD_USER_INPUT");
    expect(blank.errors![0]!.extensions?.field).toBe("reason");
    expect(errorCode(await impersonate(co.company.id, co.admin.id, "x".repeat(501)))).toBe("BAD_USER_INPUT");

    const other = await createTestCompany(app);
    // A user id paired with the wrong company is NOT_FOUND, as are unknown and malformed ids.
    expect(errorCode(await impersonate(other.company.id, co.admin.id))).toBe("NOT_FOUND");
    expect(errorCode(await impersonate(co.company.id, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    expect(errorCode(await impersonate("00000000-0000-4000-8000-000000000000", co.admin.id))).toBe("NOT_FOUND");
    expect(errorCode(await impersonate(co.company.id, "not-an-id"))).toBe("NOT_FOUND");

    const inactive = await createUserWithRoles(app, co.company, "gone@co.example", [], { active: false });
    const res = await impersonate(co.company.id, inactive.id);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0]!.message).toMatch(/inactive/);

    const { operator: colleague } = await createPlatformOperator(app);
    expect(errorCode(await impersonate(colleague.company.id, colleague.id))).toBe("FORBIDDEN");
  });

  it("ends the sessions an operator opened once the operator is deactivated", async () => {
    const { operator: temp, token: tempToken } = await createPlatformOperator(app);
    const { token } = (await impersonate(co.company.id, co.admin.id, "short-lived", tempToken)).data!.impersonate;
    expect((await meWith(app.url, token)).id).toBe(co.admin.id);
    await sql("update user_account set active = false where id = ?", [temp.id]);
    const after = await meWith(app.url, token);
    expect(after.code).toBe("UNAUTHENTICATED");
    expect(after.message).toMatch(/platform operator/);
  });
});
