import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, expectScimError, patchOp, scimUser, USER_SCHEMA, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { createGroup } from "./groups-helpers.js";

/** What strict SCIM clients and validators check beyond the everyday IdP flows. */
let app: TestApp;
let t: ScimTenant;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
});
afterAll(() => app?.close());

async function create(userName: string, extra: Record<string, unknown> = {}) {
  const res = await t.client.post("/Users", scimUser(userName, extra));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, any>;
}

describe("PUT of a User without a required attribute (RFC 7644 §3.5.1)", () => {
  it("is 400 invalidValue naming userName, and changes nothing", async () => {
    const u = await create("put.required@example.com", { title: "Kept" });
    const res = await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], title: "Changed", active: false });
    expectScimError(res, 400, "invalidValue");
    expect(res.body.detail).toMatch(/userName/);
    const after = await t.client.get(`/Users/${u.id}`);
    expect(after.body).toMatchObject({ title: "Kept", active: true, meta: { version: u.meta.version } });
  });

  it("still keeps readWrite attributes left out when userName is there (SailPoint's deactivation PUT)", async () => {
    const u = await create("put.keeps@example.com", { title: "Kept" });
    const res = await t.client.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: "put.keeps@example.com", active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Kept", active: false });
  });
});

describe("If-None-Match on GET (RFC 7644 §3.14, RFC 9110 §13.1.2)", () => {
  it("answers 304 with the ETag and no body while the user is unchanged, and 200 once it changed", async () => {
    const u = await create("etag.304@example.com");
    const etag = u.meta.version as string;
    const same = await t.client.get(`/Users/${u.id}`, { "If-None-Match": etag });
    expect(same.status).toBe(304);
    expect(same.headers.get("etag")).toBe(etag);
    expect(same.body).toBeUndefined();
    // A strong tag of the same version matches too (weak comparison), and so does *.
    expect((await t.client.get(`/Users/${u.id}`, { "If-None-Match": etag.replace(/^W\//, "") })).status).toBe(304);
    expect((await t.client.get(`/Users/${u.id}`, { "If-None-Match": `W/"999", ${etag}` })).status).toBe(304);
    expect((await t.client.get(`/Users/${u.id}`, { "If-None-Match": "*" })).status).toBe(304);

    expect((await t.client.patch(`/Users/${u.id}`, patchOp({ op: "replace", path: "title", value: "New" }))).status).toBe(200);
    const changed = await t.client.get(`/Users/${u.id}`, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.body.title).toBe("New");
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("does the same for a Group, and a tag this server never issued is not a match", async () => {
    const g = await createGroup(t, "Etag group");
    expect((await t.client.get(`/Groups/${g.id}`, { "If-None-Match": g.meta.version })).status).toBe(304);
    expect((await t.client.get(`/Groups/${g.id}`, { "If-None-Match": '"not-a-version"' })).status).toBe(200);
  });

  it("an unknown id is still 404", async () => {
    expectScimError(await t.client.get("/Users/00000000-0000-4000-8000-000000000000", { "If-None-Match": "*" }), 404);
  });
});

describe("the SCIM media type", () => {
  it("is sent as application/scim+json exactly, without a charset parameter, on resources, lists, discovery and errors", async () => {
    const u = await create("media.type@example.com");
    expect((await t.client.get(`/Users/${u.id}`)).contentType).toBe("application/scim+json");
    expect((await t.client.get("/Users?count=1")).contentType).toBe("application/scim+json");
    expect((await t.client.get("/ServiceProviderConfig")).contentType).toBe("application/scim+json");
    expect((await t.client.get("/Users/nope")).contentType).toBe("application/scim+json");
  });
});

describe("service accounts are not the IdP's users", () => {
  it("are never listed or counted, not found by filter or id, and cannot be changed or deleted through SCIM", async () => {
    const people = await t.client.get("/Users?count=1000");
    expect(people.status).toBe(200);
    const ids = (people.body.Resources as { id: string }[]).map((u) => u.id);
    expect(ids).not.toContain(t.serviceAccountId);
    expect(people.body.totalResults).toBe(ids.length);

    const account = await app.orm.em.fork().getConnection().execute("select user_name from user_account where id = ?", [t.serviceAccountId]);
    const byName = await t.client.get(`/Users?filter=${encodeURIComponent(`userName eq "${account[0].user_name}"`)}`);
    expect(byName.body.totalResults).toBe(0);

    expectScimError(await t.client.get(`/Users/${t.serviceAccountId}`), 404);
    expectScimError(await t.client.patch(`/Users/${t.serviceAccountId}`, patchOp({ op: "replace", path: "active", value: false })), 404);
    expectScimError(await t.client.put(`/Users/${t.serviceAccountId}`, { schemas: [USER_SCHEMA], userName: account[0].user_name, active: false }), 404);
    expectScimError(await t.client.delete(`/Users/${t.serviceAccountId}`), 404);
    // The IdP could have locked itself out; it did not: the account is active and still authenticates.
    const [row] = await app.orm.em.fork().getConnection().execute("select active, version from user_account where id = ?", [t.serviceAccountId]);
    expect(row).toMatchObject({ active: true, version: 1 });
    expect((await t.client.get("/Users?count=1")).status).toBe(200);
  });

  it("a company administrator created with an email userName lists it as the first email", async () => {
    const { systemScope } = await import("../../../src/domain/scope.js");
    const admin = await app.services.accounts.createCompanyAdmin(systemScope(app.orm.em.fork(), "cli", t.company.id), { userName: "first.admin@conformance.example" });
    const res = await t.client.get(`/Users/${admin.user.id}`);
    expect(res.status).toBe(200);
    expect(res.body.emails).toEqual([{ value: "first.admin@conformance.example", type: "work", primary: true }]);
  });
});

describe("one meaning of membership for SCIM: the filter, groups, roles and members agree", () => {
  it("groups.value and members match the SCIM Group memberships only; roles match the roles attribute's only", async () => {
    const user = await create("membership.meaning@example.com", { roles: [{ value: "Meaning Roles Attr" }] });
    const bystander = await create("membership.bystander@example.com");
    const scimGroup = await createGroup(t, "Meaning Scim Group", [user.id]);
    const adminRole = await createGroup(t, "Meaning Admin Made");
    const rolesRole = (await t.client.get(`/Groups?filter=${encodeURIComponent('displayName eq "Meaning Roles Attr"')}`)).body.Resources[0];
    // An admin's membership, made in rolebridge (GraphQL or the console): SCIM never shows it.
    await app.orm.em
      .fork()
      .getConnection()
      .execute("insert into membership (company_id, customer_role_id, user_id, source) values (?, ?, ?, 'manual')", [t.company.id, adminRole.id, user.id]);

    const usersWhere = async (filter: string) => {
      const res = await t.client.get(`/Users?filter=${encodeURIComponent(filter)}&attributes=userName`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.Resources as { userName: string }[]).map((u) => u.userName).sort();
    };
    expect(await usersWhere(`groups.value eq "${scimGroup.id}"`)).toEqual(["membership.meaning@example.com"]);
    expect(await usersWhere(`groups[value eq "${adminRole.id}"]`)).toEqual([]);
    expect(await usersWhere(`groups eq "${rolesRole.id}"`)).toEqual([]);
    expect(await usersWhere(`groups.display eq "meaning scim group"`)).toEqual(["membership.meaning@example.com"]);
    expect(await usersWhere(`userName sw "membership." and not (groups.value eq "${scimGroup.id}")`)).toEqual(["membership.bystander@example.com"]);
    expect(await usersWhere(`roles.value eq "MEANING ROLES ATTR"`)).toEqual(["membership.meaning@example.com"]);
    expect(await usersWhere(`roles[value eq "Meaning Admin Made"]`)).toEqual([]);
    expect(await usersWhere(`roles eq "Meaning Scim Group"`)).toEqual([]);
    expect(await usersWhere(`userName sw "membership." and roles pr`)).toEqual(["membership.meaning@example.com"]);
    expect(await usersWhere(`userName sw "membership." and not (groups pr)`)).toEqual(["membership.bystander@example.com"]);

    // The attributes say the same.
    const read = (await t.client.get(`/Users/${user.id}`)).body;
    expect(read.groups.map((g: { value: string }) => g.value)).toEqual([scimGroup.id]);
    expect(read.roles).toEqual([{ value: "Meaning Roles Attr" }]);
    expect((await t.client.get(`/Users/${bystander.id}`)).body.groups).toBeUndefined();

    // And the Groups: members, and the members filter.
    const members = async (id: string) => ((await t.client.get(`/Groups/${id}`)).body.members ?? []).map((m: { value: string }) => m.value);
    expect(await members(scimGroup.id)).toEqual([user.id]);
    expect(await members(adminRole.id)).toEqual([]);
    expect(await members(rolesRole.id)).toEqual([]);
    const groupsOf = await t.client.get(`/Groups?filter=${encodeURIComponent(`members.value eq "${user.id}"`)}&excludedAttributes=members`);
    expect(groupsOf.body.Resources.map((g: { id: string }) => g.id)).toEqual([scimGroup.id]);
  });

  it("/Schemas describes groups (readOnly) and roles, and lists externalId for Users and Groups", async () => {
    const schema = async (id: string) => (await t.client.get(`/Schemas/${id}`)).body as { attributes: Record<string, any>[] };
    const user = await schema(USER_SCHEMA);
    const attr = (name: string) => user.attributes.find((a) => a.name === name);
    expect(attr("externalId")).toMatchObject({ type: "string", caseExact: true, mutability: "readWrite", multiValued: false });
    expect(attr("groups")).toMatchObject({ type: "complex", multiValued: true, mutability: "readOnly" });
    expect(attr("groups")!.subAttributes.map((s: { name: string }) => s.name)).toEqual(["value", "$ref", "display", "type"]);
    expect(attr("roles")).toMatchObject({ type: "complex", multiValued: true, mutability: "readWrite" });
    const group = await schema("urn:ietf:params:scim:schemas:core:2.0:Group");
    expect(group.attributes.find((a) => a.name === "externalId")).toMatchObject({ type: "string", caseExact: true });
  });
});

describe("a Group member's display", () => {
  it("is the user's displayName, or its userName without one, on create, read, list, replace and patch", async () => {
    const named = await create("display.named@example.com", { displayName: "Named Person" });
    const unnamed = await create("display.unnamed@example.com");
    const blank = await create("display.blank@example.com", { displayName: "" });
    const expected = { [named.id]: "Named Person", [unnamed.id]: "display.unnamed@example.com", [blank.id]: "display.blank@example.com" };
    const displays = (group: { members?: { value: string; display: string }[] }) => Object.fromEntries((group.members ?? []).map((m) => [m.value, m.display]));

    const created = await createGroup(t, "Display Group", [named.id, unnamed.id, blank.id]);
    expect(displays(created)).toEqual(expected);
    expect(displays((await t.client.get(`/Groups/${created.id}`)).body)).toEqual(expected);
    const listed = await t.client.get(`/Groups?filter=${encodeURIComponent('displayName eq "Display Group"')}`);
    expect(displays(listed.body.Resources[0])).toEqual(expected);
    const members = [named.id, unnamed.id, blank.id].map((value) => ({ value }));
    const replaced = await t.client.put(`/Groups/${created.id}`, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Display Group", members });
    expect(displays(replaced.body)).toEqual(expected);
    const patched = await t.client.patch(`/Groups/${created.id}?excludedAttributes=externalId`, patchOp({ op: "add", path: "members", value: [{ value: unnamed.id }] }));
    expect(patched.status).toBe(200);
    expect(displays(patched.body)).toEqual(expected);

    // A rename shows at once.
    await t.client.patch(`/Users/${unnamed.id}`, patchOp({ op: "replace", path: "displayName", value: "Now Named" }));
    expect(displays((await t.client.get(`/Groups/${created.id}`)).body)[unnamed.id]).toBe("Now Named");
  });
});

describe("replace through a value filter that matches nothing (RFC 7644 §3.5.2.3)", () => {
  it("is 400 noTarget and changes nothing", async () => {
    const user = await create("notarget.user@example.com");
    const before = await t.client.get(`/Users/${user.id}`);
    for (const path of ['emails[type eq "pager"].value', 'emails[value eq "someone.else@example.com"].display', "phoneNumbers[primary eq true].value"]) {
      const res = await t.client.patch(`/Users/${user.id}`, patchOp({ op: "replace", path, value: "x" }));
      expectScimError(res, 400, "noTarget");
    }
    const after = await t.client.get(`/Users/${user.id}`);
    expect(after.body).toEqual(before.body);
  });

  it("adds the value when the filter is type eq one of the attribute's canonical types (Entra's upsert)", async () => {
    const user = await create("upsert.user@example.com", { emails: [] });
    const res = await t.client.patch(
      `/Users/${user.id}`,
      patchOp(
        { op: "Replace", path: 'emails[type eq "work"].value', value: "upsert.user@example.com" },
        { op: "Replace", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 425 555 0100" },
        { op: "Replace", path: 'addresses[type eq "work"].streetAddress', value: "1 Microsoft Way" },
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.emails).toEqual([{ value: "upsert.user@example.com", type: "work", primary: false }]);
    expect(res.body.phoneNumbers).toEqual([{ type: "mobile", value: "+1 425 555 0100" }]);
    expect(res.body.addresses).toEqual([{ type: "work", streetAddress: "1 Microsoft Way" }]);
  });
});
