import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "../../../src/domain/users/user.entity.js";
import { createUserWithRoles, tokenFor } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { createScimTenant, expectScimError, patchOp, scimUser, USER_SCHEMA, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { adminToken, createGroup, sql } from "./groups-helpers.js";

/**
 * A credential that may change users must not become more than it is: it cannot take over an
 * account holding permissions it lacks (by its userName or password), and no change locks a
 * company out of itself (its own account, its last configurator).
 */
let app: TestApp;
let t: ScimTenant;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
});
afterAll(() => app?.close());

const NEW_PASSWORD = "Taken-Over-Pass-99";

/** A Company Administrator created in rolebridge (direct role, as the CLI's create-admin makes one). */
async function localAdmin(label: string): Promise<User> {
  return createUserWithRoles(app, t.company, `${label}-${randomBytes(2).toString("hex")}@local.example`, ["Company Administrator"]);
}

async function row(id: string) {
  const [r] = await sql<{ user_name: string; password_hash: string; active: boolean; version: number }>(
    app,
    "select user_name, password_hash, active, version from user_account where id = ?",
    [id],
  );
  return r!;
}

async function refusals(targetId: string) {
  return sql<{ action: string; actor_user_id: string; after: { reason: string } }>(
    app,
    "select action, actor_user_id, after from audit_event where target_id = ? and action like '%.refused' order by created_at",
    [targetId],
  );
}

const login = (userName: string, password: string) =>
  gql(app.url, `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`, {
    c: t.company.slug,
    u: userName,
    p: password,
  });

describe("an IdP credential cannot take over an account holding permissions it lacks", () => {
  it("renaming or setting the password of a locally created Company Administrator is 403, changes nothing and is recorded", async () => {
    const admin = await localAdmin("takeover");
    const before = await row(admin.id);
    const attempts = [
      () => t.client.patch(`/Users/${admin.id}`, patchOp({ op: "replace", path: "userName", value: "attacker@evil.example" })),
      () => t.client.patch(`/Users/${admin.id}`, patchOp({ op: "replace", path: "password", value: NEW_PASSWORD })),
      () => t.client.patch(`/Users/${admin.id}`, patchOp({ op: "replace", value: { userName: "attacker@evil.example", password: NEW_PASSWORD } })),
      () => t.client.put(`/Users/${admin.id}`, { schemas: [USER_SCHEMA], userName: "attacker@evil.example" }),
      () => t.client.put(`/Users/${admin.id}`, { schemas: [USER_SCHEMA], userName: before.user_name, password: NEW_PASSWORD }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expectScimError(res, 403);
      expect(res.body.detail).toContain("CanConfigureCompany");
    }
    expect(await row(admin.id)).toEqual(before);
    // The attacker's goal: a GraphQL session with CanConfigureCompany. The password never changed.
    expect(errorCode(await login(before.user_name, NEW_PASSWORD))).toBe("UNAUTHENTICATED");
    expect(errorCode(await login("attacker@evil.example", NEW_PASSWORD))).toBe("UNAUTHENTICATED");
    const recorded = await refusals(admin.id);
    expect(recorded.map((r) => r.action)).toEqual(["user.update.refused", "user.update.refused", "user.update.refused", "user.update.refused", "user.update.refused"]);
    expect(recorded.every((r) => r.actor_user_id === t.serviceAccountId && r.after.reason === "PRIVILEGED_TARGET")).toBe(true);
  });

  it("other attributes of such an account can still be changed, and it can be deactivated (a leaver is cut off at once)", async () => {
    const admin = await localAdmin("leaver");
    const renamed = await t.client.patch(`/Users/${admin.id}`, patchOp({ op: "replace", path: "displayName", value: "Leaving Admin" }));
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const off = await t.client.patch(`/Users/${admin.id}`, patchOp({ op: "replace", path: "active", value: false }));
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await row(admin.id)).active).toBe(false);
  });

  it("an administrator the IdP provisions and maps itself stays the IdP's: it may rename it and set its password", async () => {
    const user = (await t.client.post("/Users", scimUser("idp.admin@example.com"))).body;
    const group = await createGroup(t, "IdP Admins", [user.id]);
    const token = await adminToken(app, t.company);
    const roles = await gql<{ appAccessRoles: { id: string; name: string }[] }>(app.url, `{ appAccessRoles { id name } }`, {}, token);
    const adminRole = roles.data!.appAccessRoles.find((r) => r.name === "Company Administrator")!;
    const mapped = await gql(
      app.url,
      `mutation($r: ID!, $a: [ID!]!) { setRoleMapping(customerRoleId: $r, dataAccessRoleIds: [], appAccessRoleIds: $a) { version } }`,
      { r: group.id, a: [adminRole.id] },
      token,
    );
    expect(mapped.errors).toBeUndefined();

    const res = await t.client.patch(
      `/Users/${user.id}`,
      patchOp({ op: "replace", path: "userName", value: "idp.admin.renamed@example.com" }, { op: "replace", path: "password", value: NEW_PASSWORD }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.userName).toBe("idp.admin.renamed@example.com");
    expect(errorCode(await login("idp.admin.renamed@example.com", NEW_PASSWORD))).toBeUndefined();

    // The same permission given in rolebridge as well (a direct role) is no longer the IdP's alone.
    await sql(app, "insert into user_direct_app_access_role (user_id, app_access_role_id) values (?, ?)", [user.id, adminRole.id]);
    expectScimError(await t.client.patch(`/Users/${user.id}`, patchOp({ op: "replace", path: "password", value: "Another-Pass-77" })), 403);
  });

  it("through GraphQL a session lacking the permission gets FORBIDDEN, and nothing changes", async () => {
    const admin = await localAdmin("graphql-target");
    const before = await row(admin.id);
    const provisioner = await createUserWithRoles(app, t.company, `provisioner-${randomBytes(2).toString("hex")}@local.example`, ["SCIM Provisioner"]);
    const token = await tokenFor(app, provisioner);
    const res = await gql(app.url, `mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { id } }`, { id: admin.id, i: { password: NEW_PASSWORD } }, token);
    expect(errorCode(res)).toBe("FORBIDDEN");
    expect(res.errors![0]!.extensions!.reason).toBe("PRIVILEGED_TARGET");
    expect(await row(admin.id)).toEqual(before);
    expect((await refusals(admin.id)).map((r) => r.actor_user_id)).toEqual([provisioner.id]);
    // An administrator holds every permission the target does: allowed.
    const allowed = await gql(app.url, `mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { id } }`, { id: admin.id, i: { password: NEW_PASSWORD } }, await adminToken(app, t.company));
    expect(allowed.errors).toBeUndefined();
  });
});

describe("no change locks a company out of itself", () => {
  it("no principal deactivates or deletes its own account", async () => {
    // Over SCIM the IdP's credential belongs to a service account, which SCIM does not see at all.
    expectScimError(await t.client.delete(`/Users/${t.serviceAccountId}`), 404);
    expect((await row(t.serviceAccountId)).active).toBe(true);

    // Over GraphQL: the service account signed in with its password, and an administrator.
    const serviceAccount = await app.orm.em.fork().findOneOrFail(User, t.serviceAccountId, { filters: false });
    const serviceToken = await tokenFor(app, serviceAccount);
    const adminSession = await adminToken(app, t.company);
    const [admin] = await sql<{ id: string }>(app, "select id from user_account where company_id = ? and user_name = ?", [t.company.id, `admin@${t.company.slug}.example`]);
    const before = { service: await row(t.serviceAccountId), admin: await row(admin!.id) };
    for (const [id, token] of [
      [t.serviceAccountId, serviceToken],
      [admin!.id, adminSession],
    ] as const) {
      const deactivate = await gql(app.url, `mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }`, { id }, token);
      expect(errorCode(deactivate)).toBe("FORBIDDEN");
      expect(deactivate.errors![0]!.extensions!.reason).toBe("SELF_LOCKOUT");
      expect(deactivate.errors![0]!.message).toContain("itself");
      const remove = await gql(app.url, `mutation($id: ID!) { deleteUser(id: $id) }`, { id }, token);
      expect(errorCode(remove)).toBe("FORBIDDEN");
    }
    expect({ service: await row(t.serviceAccountId), admin: await row(admin!.id) }).toEqual(before);
    expect((await refusals(admin!.id)).map((r) => r.action)).toEqual(["user.deactivate.refused", "user.delete.refused"]);
    // Another administrator may deactivate this one: it is not the last.
    const other = await localAdmin("other");
    const byOther = await gql(app.url, `mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }`, { id: admin!.id }, await tokenFor(app, other));
    expect(byOther.errors).toBeUndefined();
  });

  it("the last active holder of CanConfigureCompany is not deactivated or deleted through SCIM (409), the one before it is", async () => {
    const tenant = await createScimTenant(app);
    const [first] = await sql<{ id: string }>(app, "select id from user_account where company_id = ? and user_name = ?", [tenant.company.id, `admin@${tenant.company.slug}.example`]);
    const second = await createUserWithRoles(app, tenant.company, "second.admin@local.example", ["Company Administrator"]);

    const res = await tenant.client.delete(`/Users/${first!.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    for (const attempt of [
      await tenant.client.delete(`/Users/${second.id}`),
      await tenant.client.patch(`/Users/${second.id}`, patchOp({ op: "replace", value: { active: "False" } })),
      await tenant.client.put(`/Users/${second.id}`, { schemas: [USER_SCHEMA], userName: "second.admin@local.example", active: false }),
    ]) {
      expectScimError(attempt, 409);
      expect(attempt.body.detail).toContain("last active user holding CanConfigureCompany");
    }
    expect((await row(second.id)).active).toBe(true);
    // In the company's delete mode too.
    await sql(app, "update company set scim_delete_mode = 'delete' where id = ?", [tenant.company.id]);
    expectScimError(await tenant.client.delete(`/Users/${second.id}`), 409);
    expect(await row(second.id)).toBeTruthy();
    expect((await refusals(second.id)).map((r) => r.after.reason)).toEqual(["LAST_ADMINISTRATOR", "LAST_ADMINISTRATOR", "LAST_ADMINISTRATOR", "LAST_ADMINISTRATOR"]);
  });
});
