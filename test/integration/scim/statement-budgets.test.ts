import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemScope } from "../../../src/domain/scope.js";
import { ScimClient, createScimTenant, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import type { TestApp } from "../../setup/server.js";
import { type CountedApp, isAuthentication, startCountedApp } from "../../support/counted-app.js";
import { accessToken } from "../auth/auth-helpers.js";
import { createGroup } from "./groups-helpers.js";

/**
 * What each SCIM operation costs the database, counted on the wire between the app and
 * PostgreSQL (every statement, BEGIN and COMMIT and authentication included), with each of the
 * three ways an IdP authenticates. Reads and refusals leave their ProvisioningEvent to a batch
 * written off the request path (at most a second later): the batch is emptied before each
 * measured request, so its insert never falls inside a measurement.
 */

let counted: CountedApp;
let app: TestApp;
let tenant: ScimTenant;
let userIds: string[] = [];
let groupId: string;

beforeAll(async () => {
  counted = await startCountedApp();
  app = counted.app;
  tenant = await createScimTenant(app);
  // More users than a page, each in a group, so a page of users has roles to read.
  const created = await Promise.all(
    Array.from({ length: 110 }, (_, i) => tenant.client.post("/Users", scimUser(`budget.${i}@example.com`, { displayName: `Budget ${i}` }))),
  );
  userIds = created.map((r) => {
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  });
  groupId = (await createGroup(tenant, "Budget group", userIds.slice(0, 60))).id;
  await createGroup(tenant, "Second group", userIds.slice(30, 90));
}, 120_000);

afterAll(async () => counted?.close());

interface Measured {
  status: number;
  body: any;
  /** Statements from the request's start until the app went quiet after the response. */
  sql: string[];
}

async function measure(run: () => Promise<{ status: number; body: any }>): Promise<Measured> {
  const { result, sql } = await counted.recorded(run);
  return { status: result.status, body: result.body, sql };
}

const AUTHS = ["HTTP Basic", "bearer app-password token", "OAuth 2.0 access token"] as const;

describe.each(AUTHS)("statements per SCIM operation with %s", (auth) => {
  let client: ScimClient;
  let n = 0;

  beforeAll(async () => {
    const authorization =
      auth === "HTTP Basic"
        ? tenant.client.authorization
        : auth === "bearer app-password token"
          ? `Bearer ${tenant.bearerToken}`
          : `Bearer ${await accessToken(app.url, { id: tenant.appPasswordId, clientId: tenant.clientId, secret: tenant.clientSecret, bearer: tenant.bearerToken })}`;
    client = tenant.client.withAuthorization(authorization);
    // The first request may record the credential's last use; the budgets are for the steady state.
    expect((await client.get(`/Users/${userIds[0]}`)).status).toBe(200);
  });

  const within = (m: Measured, budget: number) => expect(m.sql.length, `${m.sql.length} statements:\n${m.sql.join("\n")}`).toBeLessThanOrEqual(budget);

  it("GET /Users/{id}: at most 2", async () => {
    const m = await measure(() => client.get(`/Users/${userIds[40]}`));
    expect(m.status).toBe(200);
    expect(m.body.groups.map((g: any) => g.display).sort()).toEqual(["Budget group", "Second group"]);
    within(m, 2);
  });

  it('GET /Users?filter=userName eq "…": at most 3', async () => {
    const m = await measure(() => client.get(`/Users?filter=${encodeURIComponent('userName eq "BUDGET.7@example.com"')}`));
    expect(m.status).toBe(200);
    expect(m.body.totalResults).toBe(1);
    within(m, 3);
  });

  it("GET /Users?count=100: at most 3, and the same for count=1 (no statement per user)", async () => {
    const page = await measure(() => client.get("/Users?count=100"));
    expect(page.status).toBe(200);
    expect(page.body.Resources).toHaveLength(100);
    expect(page.body.Resources.filter((u: any) => u.groups?.length).length).toBeGreaterThan(50);
    within(page, 3);
    const one = await measure(() => client.get("/Users?count=1"));
    expect(one.body.Resources).toHaveLength(1);
    expect(one.sql.length).toBe(page.sql.length);
  });

  it("GET /Users?cursor=…&count=100 (RFC 9865): as many as the index page, its total included", async () => {
    const first = await client.get("/Users?cursor=&count=100");
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const index = await measure(() => client.get("/Users?startIndex=101&count=100"));
    const next = await measure(() => client.get(`/Users?cursor=${first.body.nextCursor}&count=100`));
    expect(next.status).toBe(200);
    expect(next.body.totalResults).toBe(index.body.totalResults);
    expect(next.body.Resources.map((u: any) => u.id)).toEqual(index.body.Resources.map((u: any) => u.id));
    within(next, 3);
    expect(next.sql.length).toBe(index.sql.length);
  });

  it("GET /Users without groups (excludedAttributes=groups, or attributes not naming them) reads no membership", async () => {
    // The credential's statement reads the caller's own memberships (its permissions); no other may.
    const readingMemberships = (sql: string[]) => sql.filter((s) => /\bmembership\b/.test(s) && !isAuthentication(s));
    for (const query of ["excludedAttributes=groups,roles", "attributes=userName,active"]) {
      const single = await measure(() => client.get(`/Users/${userIds[40]}?${query}`));
      expect(single.status).toBe(200);
      expect(single.body.groups).toBeUndefined();
      expect(readingMemberships(single.sql)).toEqual([]);
      within(single, 2);
      const page = await measure(() => client.get(`/Users?count=100&${query}`));
      expect(page.status).toBe(200);
      expect(readingMemberships(page.sql)).toEqual([]);
      within(page, 3);
    }
  });

  it("GET /Groups/{id}?excludedAttributes=members: at most 2", async () => {
    const m = await measure(() => client.get(`/Groups/${groupId}?excludedAttributes=members`));
    expect(m.status).toBe(200);
    expect(m.body.displayName).toBe("Budget group");
    expect(m.body.members).toBeUndefined();
    within(m, 2);
  });

  it("POST /Users: at most 7", async () => {
    const m = await measure(() => client.post("/Users", scimUser(`budget.new.${auth.length}.${n++}@example.com`, { name: { givenName: "New", familyName: "User" } })));
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    within(m, 7);
  });

  it("PATCH /Users/{id}: at most 8", async () => {
    const m = await measure(() =>
      client.patch(`/Users/${userIds[41]}`, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "replace", path: "title", value: `Title ${auth} ${n++}` }],
      }),
    );
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body.title).toBe(`Title ${auth} ${n - 1}`);
    within(m, 8);
  });

  it("PATCH /Groups/{id} adding one member, then removing it: at most 8 each", async () => {
    const member = userIds[100 + AUTHS.indexOf(auth)]!;
    const add = await measure(() =>
      client.patch(`/Groups/${groupId}`, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "add", path: "members", value: [{ value: member }] }],
      }),
    );
    expect(add.status, JSON.stringify(add.body)).toBe(204);
    within(add, 8);
    expect((await client.get(`/Users/${member}`)).body.groups.map((g: any) => g.value)).toEqual([groupId]);

    const remove = await measure(() =>
      client.patch(`/Groups/${groupId}`, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "remove", path: `members[value eq "${member}"]` }],
      }),
    );
    expect(remove.status, JSON.stringify(remove.body)).toBe(204);
    within(remove, 8);
    expect((await client.get(`/Users/${member}`)).body.groups).toBeUndefined();
  });

  it("DELETE /Users/{id}: at most 7", async () => {
    const victim = userIds[95 + AUTHS.indexOf(auth)]!;
    const m = await measure(() => client.delete(`/Users/${victim}`));
    expect(m.status, JSON.stringify(m.body)).toBe(204);
    within(m, 7);
    // The company's default scimDeleteMode deactivates.
    expect((await client.get(`/Users/${victim}`)).body.active).toBe(false);
  });
});

describe("rotation", () => {
  it("the successor's first GET /Users/{id}, which revokes its predecessor, stays within the 2 of any other", async () => {
    const rotating = await createScimTenant(app);
    const member = (await rotating.client.post("/Users", scimUser("rotation.budget@example.com"))).body.id as string;
    const scope = systemScope(app.orm.em.fork(), "cli", rotating.company.id);
    const successor = await app.services.appPasswords.rotate(scope, { clientId: rotating.clientId });
    const client = rotating.client.withAuthorization(`Bearer ${successor.bearerToken}`);
    await app.services.provisioningEvents.flush();

    const first = await measure(() => client.get(`/Users/${member}`));
    expect(first.status).toBe(200);
    within(first, 2);
    expect((await rotating.client.get(`/Users/${member}`)).status).toBe(401);
  });

  const within = (m: Measured, budget: number) => expect(m.sql.length, `${m.sql.length} statements:\n${m.sql.join("\n")}`).toBeLessThanOrEqual(budget);
});

describe("what the budgets do not hide", () => {
  it("a refused request leaves its ProvisioningEvent in the batch, which reaches the database", async () => {
    const stranger = tenant.client.withAuthorization("Basic " + Buffer.from(`${tenant.clientId}:wrong`).toString("base64"));
    const res = await stranger.get("/Users");
    expect(res.status).toBe(401);
    const requestId = res.headers.get("x-request-id");
    await app.services.provisioningEvents.flush();
    const rows = await app.orm.em.fork().getConnection().execute("select status from provisioning_event where id = ?", [requestId]);
    expect(rows).toEqual([{ status: 401 }]);
  });

  it("the counter sees each statement a client sends, once", async () => {
    const { sql } = await counted.recorded(() => app.orm.em.fork().getConnection().execute("select 1"));
    expect(sql).toEqual(["select 1"]);
  });
});
