import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPrincipal } from "../../../src/auth/principal-loader.js";
import { AppPassword } from "../../../src/domain/app-passwords/app-password.entity.js";
import { DomainError } from "../../../src/domain/errors.js";
import { inTransaction } from "../../../src/domain/unit-of-work.js";
import type { User } from "../../../src/domain/users/user.entity.js";
import { createPlatformOperator, createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

let app: TestApp;
let a: TestCompany;
let b: TestCompany;
let serviceA: User;
let serviceB: User;
let tokenA: string;
let tokenB: string;

const FIELDS = `id name clientId createdAt lastUsedAt revokedAt lastFailureAt lastFailureReason active owner { id userName }`;
const GENERATE = `mutation($n: String!) { generateAppPassword(name: $n) { clientSecret bearerToken appPassword { ${FIELDS} } } }`;
const REVOKE = `mutation($id: ID!) { revokeAppPassword(id: $id) { ${FIELDS} } }`;
const LIST = `{ appPasswords { ${FIELDS} } }`;

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(query, params);
}

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  serviceA = await createUserWithRoles(app, a.company, "scim@a.example", ["SCIM Provisioner"], { isServiceAccount: true });
  serviceB = await createUserWithRoles(app, b.company, "scim@b.example", ["SCIM Provisioner"], { isServiceAccount: true });
  tokenA = await tokenFor(app, serviceA);
  tokenB = await tokenFor(app, serviceB);
});
afterAll(() => app?.close());

describe("generateAppPassword / revokeAppPassword / appPasswords", () => {
  let firstId: string;
  let firstSecret: string;

  it("lets the service account generate its app password; the secret is shown once and stored only as a hash", async () => {
    const res = await gql(app.url, GENERATE, { n: "Okta production" }, tokenA);
    expect(res.errors).toBeUndefined();
    const g = res.data!.generateAppPassword;
    expect(g.appPassword).toMatchObject({
      name: "Okta production",
      active: true,
      revokedAt: null,
      lastUsedAt: null,
      owner: { id: serviceA.id, userName: "scim@a.example" },
    });
    expect(g.appPassword.clientId).toMatch(/^rb_[A-Za-z0-9_-]+$/);
    // 32 random bytes in base64url: 43 characters, 256 bits.
    expect(g.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(g.bearerToken).toBe(`${g.appPassword.clientId}.${g.clientSecret}`);
    firstId = g.appPassword.id;
    firstSecret = g.clientSecret;

    const [row] = await sql<{ secret_hash: string; client_id: string }>("select secret_hash, client_id from app_password where id = ?", [firstId]);
    expect(row!.client_id).toBe(g.appPassword.clientId);
    expect(row!.secret_hash).not.toBe(firstSecret);
    expect(row!.secret_hash).not.toContain(firstSecret);
    expect(row!.secret_hash).toBe(createHash("sha256").update(firstSecret).digest("hex"));

    const list = await gql(app.url, LIST, {}, tokenA);
    expect(list.errors).toBeUndefined();
    expect(list.data!.appPasswords).toHaveLength(1);
    expect(list.data!.appPasswords[0]).toMatchObject({ id: firstId, active: true });
    expect(JSON.stringify(list.data)).not.toContain(firstSecret);
    expect(JSON.stringify(list.data)).not.toContain(row!.secret_hash);
  });

  it("refuses a second app password while one is active, saying to revoke the active one first", async () => {
    const res = await gql(app.url, GENERATE, { n: "second" }, tokenA);
    expect(errorCode(res)).toBe("CONFLICT");
    expect(res.errors![0]!.extensions?.reason).toBe("ACTIVE_APP_PASSWORD");
    expect(res.errors![0]!.message).toMatch(/revoke it first/);
    const [{ n }] = await sql<{ n: string }>("select count(*)::int as n from app_password where user_id = ?", [serviceA.id]);
    expect(Number(n)).toBe(1);
  });

  it("refuses an empty name with BAD_USER_INPUT naming the field", async () => {
    const res = await gql(app.url, GENERATE, { n: "   " }, tokenB);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0]!.extensions?.field).toBe("name");
  });

  it("refuses an impersonated (proxy) session of the service account with FORBIDDEN / IMPERSONATION", async () => {
    const { operator } = await createPlatformOperator(app);
    const proxied = await tokenFor(app, serviceB, operator.id);
    const gen = await gql(app.url, GENERATE, { n: "via proxy" }, proxied);
    expect(errorCode(gen)).toBe("FORBIDDEN");
    expect(gen.errors![0]!.extensions?.reason).toBe("IMPERSONATION");
    expect(gen.errors![0]!.message).toMatch(/log in to the service account itself; an impersonated \(proxy\) session cannot generate/);

    const proxiedA = await tokenFor(app, serviceA, operator.id);
    const rev = await gql(app.url, REVOKE, { id: firstId }, proxiedA);
    expect(errorCode(rev)).toBe("FORBIDDEN");
    expect(rev.errors![0]!.extensions?.reason).toBe("IMPERSONATION");
    const [row] = await sql("select revoked_at from app_password where id = ?", [firstId]);
    expect(row!.revoked_at).toBeNull();
  });

  it("refuses a company admin who is not the service account, but shows the admin every app password of the company", async () => {
    const gen = await gql(app.url, GENERATE, { n: "admin's" }, a.adminToken);
    expect(errorCode(gen)).toBe("FORBIDDEN");
    const rev = await gql(app.url, REVOKE, { id: firstId }, a.adminToken);
    expect(errorCode(rev)).toBe("FORBIDDEN");

    // A person holding the SCIM Provisioner role is still not the service account.
    const person = await createUserWithRoles(app, a.company, "person@a.example", ["SCIM Provisioner"]);
    const byPerson = await gql(app.url, GENERATE, { n: "person's" }, await tokenFor(app, person));
    expect(errorCode(byPerson)).toBe("FORBIDDEN");
    expect(byPerson.errors![0]!.message).toMatch(/log in to the service account itself/);
    const revByPerson = await gql(app.url, REVOKE, { id: firstId }, await tokenFor(app, person));
    expect(errorCode(revByPerson)).toBe("FORBIDDEN");

    const list = await gql(app.url, LIST, {}, a.adminToken);
    expect(list.errors).toBeUndefined();
    expect(list.data!.appPasswords.map((p: { id: string }) => p.id)).toEqual([firstId]);

    const viewer = await createUserWithRoles(app, a.company, "viewer@a.example", ["Viewer"]);
    expect(errorCode(await gql(app.url, LIST, {}, await tokenFor(app, viewer)))).toBe("FORBIDDEN");
    expect(errorCode(await gql(app.url, LIST))).toBe("UNAUTHENTICATED");
  });

  it("gives NOT_FOUND for another company's app password id and for an id that does not exist", async () => {
    const other = await gql(app.url, REVOKE, { id: firstId }, tokenB);
    expect(errorCode(other)).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, REVOKE, { id: "00000000-0000-4000-8000-000000000000" }, tokenA))).toBe("NOT_FOUND");
    expect(errorCode(await gql(app.url, REVOKE, { id: "not-a-uuid" }, tokenA))).toBe("NOT_FOUND");
    // Company B's admin sees none of company A's app passwords.
    const listB = await gql(app.url, LIST, {}, b.adminToken);
    expect(listB.data!.appPasswords).toEqual([]);
  });

  it("revokes, after which a new app password can be generated; revoking again changes nothing", async () => {
    const rev = await gql(app.url, REVOKE, { id: firstId }, tokenA);
    expect(rev.errors).toBeUndefined();
    expect(rev.data!.revokeAppPassword).toMatchObject({ id: firstId, active: false });
    const revokedAt = rev.data!.revokeAppPassword.revokedAt;
    expect(revokedAt).toEqual(expect.any(String));

    const again = await gql(app.url, REVOKE, { id: firstId }, tokenA);
    expect(again.data!.revokeAppPassword.revokedAt).toBe(revokedAt);

    const gen = await gql(app.url, GENERATE, { n: "Okta production (rotated)" }, tokenA);
    expect(gen.errors).toBeUndefined();
    const secondId = gen.data!.generateAppPassword.appPassword.id;
    expect(secondId).not.toBe(firstId);

    const list = await gql(app.url, LIST, {}, tokenA);
    const byId = Object.fromEntries(list.data!.appPasswords.map((p: { id: string; active: boolean }) => [p.id, p.active]));
    expect(byId).toEqual({ [firstId]: false, [secondId]: true });
  });

  it("lets exactly one of several concurrent generates succeed; the others get CONFLICT", async () => {
    const current = await gql(app.url, LIST, {}, tokenA);
    const active = current.data!.appPasswords.find((p: { active: boolean }) => p.active);
    await gql(app.url, REVOKE, { id: active.id }, tokenA);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => gql(app.url, GENERATE, { n: `race ${i}` }, tokenA)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const failures = results.filter((r) => r.errors);
    expect(failures.map(errorCode)).toEqual(["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT"]);
    expect(failures.every((r) => r.errors![0]!.extensions?.reason === "ACTIVE_APP_PASSWORD")).toBe(true);
    const [{ n }] = await sql<{ n: number }>("select count(*)::int as n from app_password where user_id = ? and revoked_at is null", [serviceA.id]);
    expect(n).toBe(1);
  });

  it("the partial unique index refuses a second active app password even past the up-front check, as the same CONFLICT", async () => {
    const em = app.orm.em.fork();
    const principal = await loadPrincipal(em, { companyId: a.company.id, userId: serviceA.id }, { kind: "session" });
    const err = await inTransaction({ em, principal }, async (tx) => {
      // Straight to the insert, as the loser of a race would be.
      tx.create(AppPassword, { company: a.company.id, user: serviceA.id, name: "raced", clientId: "rb_raced", secretHash: "0".repeat(64) } as any);
      await tx.flush();
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: "CONFLICT", reason: "ACTIVE_APP_PASSWORD", message: expect.stringMatching(/revoke it first/) });
  });

  it("records an audit event for each generate and revoke, naming the credential but never its secret or hash", async () => {
    const events = await sql<{ action: string; actor_user_id: string; target_id: string; before: unknown; after: unknown }>(
      "select action, actor_user_id, target_id, before, after from audit_event where company_id = ? and action like 'appPassword.%' order by created_at",
      [a.company.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      "appPassword.generate",
      "appPassword.revoke",
      "appPassword.generate",
      "appPassword.revoke",
      "appPassword.generate",
    ]);
    expect(events.every((e) => e.actor_user_id === serviceA.id)).toBe(true);
    expect(events[0]).toMatchObject({ target_id: firstId, after: { name: "Okta production", userName: "scim@a.example" } });
    expect(events[1]).toMatchObject({ target_id: firstId, before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    const hashes = await sql<{ secret_hash: string }>("select secret_hash from app_password where company_id = ?", [a.company.id]);
    const text = JSON.stringify(events);
    expect(text).not.toContain(firstSecret);
    for (const { secret_hash } of hashes) expect(text).not.toContain(secret_hash);
    expect(text).not.toMatch(/secret/i);
  });
});
