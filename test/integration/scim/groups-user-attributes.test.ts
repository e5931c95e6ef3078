import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "../../setup/graphql-client.js";
import { createScimTenant, expectScimError, patchOp, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { adminToken, createGroup, sql as sqlOf } from "./groups-helpers.js";

/**
 * Issue 4 §5, the two ways into a customer-supplied role from a SCIM User (RFC 7643 §4.1.2): the
 * multi-valued `roles` attribute assigns roles by name (source SCIM_ROLES_ATTRIBUTE) in the same
 * transaction as the user change, and the read-only `groups` attribute lists the user's SCIM Groups.
 */
let app: TestApp;
let t: ScimTenant;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  token = await adminToken(app, t.company);
});
afterAll(async () => app?.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => sqlOf<T>(app, text, params);

/** The user's roles as GraphQL shows them: "displayName/SOURCE", sorted. */
async function holdings(userId: string): Promise<string[]> {
  const res = await gql(app.url, `query($id: ID!) { user(id: $id) { customerRoles { sources customerRole { displayName } } } }`, { id: userId }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return (res.data as { user: { customerRoles: { sources: string[]; customerRole: { displayName: string } }[] } }).user.customerRoles
    .flatMap((h) => h.sources.map((s) => `${h.customerRole.displayName}/${s}`))
    .sort();
}

async function unmapped(): Promise<string[]> {
  const res = await gql(app.url, `{ unmappedCustomerRoles(page: { first: 1000 }) { nodes { displayName } } }`, {}, token);
  return (res.data as { unmappedCustomerRoles: { nodes: { displayName: string }[] } }).unmappedCustomerRoles.nodes.map((n) => n.displayName);
}

describe("the roles attribute of a SCIM User (RFC 7643 §4.1.2)", () => {
  it("POST /Users with roles assigns them by name; a new name creates an unmapped role; role objects use their value", async () => {
    await createGroup(t, "Existing Role");
    const res = await t.client.post(
      "/Users",
      scimUser("roles.create@example.com", { roles: [{ value: "existing role", display: "Existing", type: "custom", primary: true }, { value: "Brand New Role" }] }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.roles.map((r: { value: string }) => r.value).sort()).toEqual(["Brand New Role", "Existing Role"]);
    expect(await holdings(res.body.id)).toEqual(["Brand New Role/SCIM_ROLES_ATTRIBUTE", "Existing Role/SCIM_ROLES_ATTRIBUTE"]);
    expect(await unmapped()).toContain("Brand New Role");
    // The roles are not SCIM Group members: the group lists only what SCIM Groups pushed.
    expect(res.body.groups).toBeUndefined();
  });

  it("the user and its roles are one transaction: a bad role name creates neither", async () => {
    // Longer than a displayName may be (256): refused by the core, inside the user's transaction.
    const res = await t.client.post("/Users", scimUser("roles.atomic@example.com", { roles: [{ value: "Fine Atomic" }, { value: "x".repeat(300) }] }));
    expectScimError(res, 400, "invalidValue");
    expect(res.body.detail).toContain("roles");
    expect(await sql("select 1 from user_account where company_id = ? and user_name = 'roles.atomic@example.com'", [t.company.id])).toEqual([]);
    expect(await sql("select 1 from customer_role where company_id = ? and display_name = 'Fine Atomic'", [t.company.id])).toEqual([]);
  });

  it("Entra's roles: [] on create assigns nothing", async () => {
    const res = await t.client.post("/Users", scimUser("roles.empty@example.com", { roles: [] }));
    expect(res.status).toBe(201);
    expect(res.body.roles).toBeUndefined();
    expect(res.body.meta.version).toBe('W/"1"');
  });

  it("PUT replaces the user's roles; left out keeps them; [] removes them; the version moves with a change", async () => {
    const created = await t.client.post("/Users", scimUser("roles.put@example.com", { roles: ["Put Role A"] }));
    const id = created.body.id;
    const kept = await t.client.put(`/Users/${id}`, scimUser("roles.put@example.com", { displayName: "Kept" }));
    expect(kept.body.roles).toEqual([{ value: "Put Role A" }]);
    const replaced = await t.client.put(`/Users/${id}`, scimUser("roles.put@example.com", { displayName: "Kept", roles: [{ value: "Put Role B" }] }));
    expect(replaced.status).toBe(200);
    expect(replaced.body.roles).toEqual([{ value: "Put Role B" }]);
    expect(replaced.headers.get("etag")).not.toBe(kept.headers.get("etag"));
    const cleared = await t.client.put(`/Users/${id}`, scimUser("roles.put@example.com", { displayName: "Kept", roles: [] }));
    expect(cleared.body.roles).toBeUndefined();
    expect(await holdings(id)).toEqual([]);
  });

  it("PATCH adds and removes roles (path roles, value filter), leaving a SCIM Group membership alone", async () => {
    const created = await t.client.post("/Users", scimUser("roles.patch@example.com"));
    const id = created.body.id;
    const group = await createGroup(t, "Patch Users Group", [id]);
    const add = await t.client.patch(`/Users/${id}`, patchOp({ op: "add", path: "roles", value: [{ value: "Patch Role 1" }, { value: "Patch Role 2", primary: false }] }));
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect(add.body.roles.map((r: { value: string }) => r.value).sort()).toEqual(["Patch Role 1", "Patch Role 2"]);
    const remove = await t.client.patch(`/Users/${id}`, patchOp({ op: "Remove", path: 'roles[value eq "Patch Role 1"]' }));
    expect(remove.body.roles).toEqual([{ value: "Patch Role 2" }]);
    expect(await holdings(id)).toEqual(["Patch Role 2/SCIM_ROLES_ATTRIBUTE", "Patch Users Group/SCIM_GROUP"]);
    expect(remove.body.groups).toEqual([{ value: group.id, $ref: `${app.url}/scim/v2/Groups/${group.id}`, display: "Patch Users Group", type: "direct" }]);
  });
});

describe("the read-only groups attribute of a SCIM User (RFC 7643 §4.1.2)", () => {
  it("lists the SCIM Groups the user is a member of, with value, $ref, display and type", async () => {
    const user = await t.client.post("/Users", scimUser("groups.listed@example.com"));
    const a = await createGroup(t, "Listed A", [user.body.id]);
    const b = await createGroup(t, "Listed B", [user.body.id]);
    const got = await t.client.get(`/Users/${user.body.id}`);
    expect(got.body.groups).toEqual([
      { value: a.id, $ref: `${app.url}/scim/v2/Groups/${a.id}`, display: "Listed A", type: "direct" },
      { value: b.id, $ref: `${app.url}/scim/v2/Groups/${b.id}`, display: "Listed B", type: "direct" },
    ]);
    const listed = await t.client.get(`/Users?filter=${encodeURIComponent(`userName eq "groups.listed@example.com"`)}&attributes=groups`);
    expect(listed.body.Resources[0].groups.map((g: { value: string }) => g.value)).toEqual([a.id, b.id]);
  });

  it("client-sent groups are ignored on create and PUT, and rejected with mutability on PATCH", async () => {
    const g = await createGroup(t, "Not Joinable Via User");
    const created = await t.client.post("/Users", scimUser("groups.ignored@example.com", { groups: [{ value: g.id }] }));
    expect(created.status).toBe(201);
    expect(created.body.groups).toBeUndefined();
    const put = await t.client.put(`/Users/${created.body.id}`, scimUser("groups.ignored@example.com", { groups: [{ value: g.id }] }));
    expect(put.status).toBe(200);
    expect(put.body.groups).toBeUndefined();
    expectScimError(await t.client.patch(`/Users/${created.body.id}`, patchOp({ op: "add", path: "groups", value: [{ value: g.id }] })), 400, "mutability");
  });
});
