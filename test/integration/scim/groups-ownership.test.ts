import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "../../setup/graphql-client.js";
import { createScimTenant, patchOp, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { adminToken, createGroup, createUsers, graphqlMemberships, members, scimGroup, scimMemberIds, sorted, sql as sqlOf } from "./groups-helpers.js";

/**
 * Issue 4 §3, §4, §6 over SCIM: concurrent PATCHes of one group end in the serial result, SCIM
 * changes only the memberships it owns (GraphQL shows each membership's source), and a company
 * that allows one role at a time moves a user out of their previous SCIM group, in the same
 * request, with the provisioning log naming the removal.
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

async function addAs(source: "MANUAL" | "UPLOAD", roleId: string, userIds: string[], as = token): Promise<void> {
  const res = await gql(
    app.url,
    `mutation($id: ID!, $u: [ID!]!, $s: MembershipSource!) { addCustomerRoleMembers(id: $id, userIds: $u, source: $s) { id } }`,
    { id: roleId, u: userIds, s: source },
    as,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
}

describe("twenty IdP clients PATCHing one group at once (issue 4 §3)", () => {
  it("end with exactly the membership a serial run gives, every request 204, never a 500", async () => {
    const users = await createUsers(t, "racer", 60);
    const initial = users.slice(0, 20);
    const g = await createGroup(t, "Busy Group", initial);
    // PATCH i adds two users of its own and removes one initial member of its own, in the forms
    // the IdPs use: the patches commute, so every serial order ends with the same membership.
    const bodies = Array.from({ length: 20 }, (_, i) => {
      const add = users.slice(20 + 2 * i, 22 + 2 * i);
      const remove = initial[i]!;
      switch (i % 4) {
        case 0: // Okta
          return patchOp({ op: "add", path: "members", value: members(...add) }, { op: "remove", path: `members[value eq "${remove}"]` });
        case 1: // Entra
          return patchOp({ op: "Add", path: "members", value: add.map((value) => ({ $ref: null, value })) }, { op: "Remove", path: "members", value: [{ $ref: null, value: remove }] });
        case 2: // SailPoint
          return [{ op: "add", members: members(...add) }, { op: "remove", members: members(remove) }];
        default:
          return patchOp({ op: "remove", path: "members", value: members(remove) }, { op: "add", value: { members: members(...add) } });
      }
    });
    const results = await Promise.all(bodies.map((body) => t.client.patch(`/Groups/${g.id}`, body)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(204));
    expect(await scimMemberIds(t, g.id)).toEqual(sorted(users.slice(20)));
    // Each PATCH bumped the version once: none was lost.
    expect(new Set(results.map((r) => r.headers.get("etag"))).size).toBe(20);
    expect((await t.client.get(`/Groups/${g.id}?excludedAttributes=members`)).body.meta.version).toBe('W/"21"');
  });
});

describe("ownership of memberships (issue 4 §4)", () => {
  it("PUT replaces the SCIM_GROUP memberships only; GraphQL shows every membership with its source", async () => {
    const [a, b, c, d] = await createUsers(t, "owner", 4);
    const g = await createGroup(t, "Owned", [a!, b!]);
    await addAs("UPLOAD", g.id, [b!, c!]);
    await addAs("MANUAL", g.id, [d!]);
    const put = await t.client.put(`/Groups/${g.id}`, scimGroup("Owned", { members: members(c!) }));
    expect(put.status).toBe(200);
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual([c]);
    const expected = [
      { userId: b!, source: "UPLOAD" },
      { userId: c!, source: "SCIM_GROUP" },
      { userId: c!, source: "UPLOAD" },
      { userId: d!, source: "MANUAL" },
    ].sort((x, y) => (x.userId + x.source).localeCompare(y.userId + y.source));
    expect(await graphqlMemberships(app, token, g.id)).toEqual(expected);
  });

  it("PATCH remove of a member who holds the role manually too removes only the SCIM membership", async () => {
    const [a] = await createUsers(t, "dual", 1);
    const g = await createGroup(t, "Dual Source", [a!]);
    await addAs("MANUAL", g.id, [a!]);
    expect((await t.client.patch(`/Groups/${g.id}`, patchOp({ op: "remove", path: `members[value eq "${a}"]` }))).status).toBe(204);
    expect(await scimMemberIds(t, g.id)).toEqual([]);
    expect(await graphqlMemberships(app, token, g.id)).toEqual([{ userId: a, source: "MANUAL" }]);
  });

  it("DELETE of a group removes memberships of every source; the users stay", async () => {
    const [a, b] = await createUsers(t, "deleted-role", 2);
    const g = await createGroup(t, "Deleted With Uploads", [a!]);
    await addAs("UPLOAD", g.id, [b!]);
    expect((await t.client.delete(`/Groups/${g.id}`)).status).toBe(204);
    expect(await sql("select 1 from membership where customer_role_id = ?", [g.id])).toEqual([]);
    expect((await t.client.get(`/Users/${b}`)).status).toBe(200);
  });
});

describe("one customer-supplied role at a time (issue 4 §6)", () => {
  let single: ScimTenant;
  beforeAll(async () => {
    single = await createScimTenant(app);
    const res = await gql(app.url, `mutation { updateCompanySettings(input: { singleCustomerRole: true }) { singleCustomerRole } }`, {}, await adminToken(app, single.company));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  });

  it("adding a user to a group removes them from their previous SCIM group, and the request's ProvisioningEvent names the removal", async () => {
    const [a, b] = await createUsers(single, "mover", 2);
    const before = await createGroup(single, "Access Group A", [a!, b!]);
    const after = await createGroup(single, "Access Group B");
    const res = await single.client.patch(`/Groups/${after.id}`, patchOp({ op: "add", path: "members", value: members(a!) }));
    expect(res.status).toBe(204);
    expect(await scimMemberIds(single, after.id)).toEqual([a]);
    expect(await scimMemberIds(single, before.id)).toEqual([b]);
    // The previous group changed too: its version moved, so IdPs polling meta.lastModified see it.
    expect((await single.client.get(`/Groups/${before.id}`)).body.meta.version).toBe('W/"2"');
    const [event] = await sql<{ status: number; resource_id: string; detail: string }>("select status, resource_id, detail from provisioning_event where id = ?", [
      res.headers.get("x-request-id"),
    ]);
    expect(event).toMatchObject({ status: 204, resource_id: after.id });
    expect(event!.detail).toContain(`user ${a} from role ${before.id}`);
  });

  it("creating a group with a member moves them too; a manual membership elsewhere stays", async () => {
    const [a] = await createUsers(single, "creator", 1);
    const first = await createGroup(single, "Access Group C", [a!]);
    await addAs("MANUAL", first.id, [a!], await adminToken(app, single.company));
    const second = await single.client.post("/Groups", scimGroup("Access Group D", { members: members(a!) }));
    expect(second.status).toBe(201);
    expect(await scimMemberIds(single, first.id)).toEqual([]);
    const [event] = await sql<{ detail: string }>("select detail from provisioning_event where id = ?", [second.headers.get("x-request-id")]);
    expect(event!.detail).toContain(`from role ${first.id}`);
    const manual = await gql(app.url, `query($id: ID!) { customerRole(id: $id) { members { nodes { source user { id } } } } }`, { id: first.id }, await adminToken(app, single.company));
    expect(manual.data!.customerRole.members.nodes).toEqual([{ source: "MANUAL", user: { id: a } }]);
  });
});
