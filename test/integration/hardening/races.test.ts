import type { EntityManager } from "@mikro-orm/postgresql";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../../src/domain/principal.js";
import { inTransaction } from "../../../src/domain/unit-of-work.js";
import { formatError } from "../../../src/graphql/errors.js";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { createScimTenant, ENTERPRISE_USER_SCHEMA, expectScimError, patchOp, type ScimResponse, type ScimTenant, scimUser } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * Concurrent clients over real HTTP and PostgreSQL. Uniqueness races end in one
 * winner and 409 uniqueness for the rest; concurrent changes of one resource lose no update;
 * serialization failures and deadlocks are retried inside the unit of work and never reach a
 * client as a 500.
 */
let app: TestApp;
let t: ScimTenant;
let admin: TestCompany;
/** Whether the SCIM Groups resource is served yet (it is being built beside this file). */
let groupsServed = false;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  admin = await createTestCompany(app);
  groupsServed = (await t.client.get("/ResourceTypes/Group")).status === 200;
});
afterAll(async () => app?.close());

async function sql<T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(text, params);
}

function expectNo5xx(results: ScimResponse[]): void {
  for (const r of results) expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
}

describe("uniqueness races", () => {
  it("24 concurrent SCIM creates of one userName in four spellings, over Basic and Bearer: one 201, 23 × 409 uniqueness, one row, and each answer logged", async () => {
    const spellings = ["race.four@example.com", "RACE.FOUR@EXAMPLE.COM", "Race.Four@Example.com", "race.FOUR@example.COM"];
    const bearer = t.client.withAuthorization(`Bearer ${t.bearerToken}`);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 2 ? bearer : t.client).post("/Users", scimUser(spellings[i % 4]!, { externalId: `ext-${i}` }))),
    );
    expectNo5xx(results);
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectScimError(r, 409, "uniqueness");

    const rows = await sql<{ id: string; emails: number }>(
      "select u.id, (select count(*)::int from user_email e where e.user_id = u.id) as emails from user_account u where company_id = ? and lower(user_name) = 'race.four@example.com'",
      [t.company.id],
    );
    expect(rows).toEqual([{ id: created[0]!.body.id, emails: 1 }]);
    // Every request leaves its ProvisioningEvent: the winner's with its change, the losers' after the response.
    const ids = results.map((r) => r.headers.get("x-request-id")!);
    const deadline = Date.now() + 5_000;
    let events: { status: number; scim_type: string | null }[] = [];
    while (Date.now() < deadline) {
      events = await sql("select status, scim_type from provisioning_event where id::text in (?)", [ids]);
      if (events.length === ids.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(events.filter((e) => e.status === 201)).toHaveLength(1);
    expect(events.filter((e) => e.status === 409 && e.scim_type === "uniqueness")).toHaveLength(23);
  });

  it("16 concurrent createCustomerRole of one displayName in mixed case: one role, the rest CONFLICT on displayName", async () => {
    const spellings = ["Race Role", "RACE ROLE", "race role", "rAcE rOlE"];
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        gql(app.url, `mutation($n: String!) { createCustomerRole(input: { displayName: $n }) { id displayName } }`, { n: spellings[i % 4] }, admin.adminToken),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) {
      expect(errorCode(r)).toBe("CONFLICT");
      expect(r.errors?.[0]?.extensions).toMatchObject({ field: "displayName", reason: "UNIQUENESS" });
    }
    const rows = await sql("select id from customer_role where company_id = ? and lower(display_name) = 'race role'", [admin.company.id]);
    expect(rows).toHaveLength(1);
  });

  it("16 concurrent SCIM creates of one Group displayName in mixed case: one 201, the rest 409 uniqueness", async (ctx) => {
    if (!groupsServed) ctx.skip();
    const spellings = ["Race Group", "RACE GROUP", "race group", "rAcE gRoUp"];
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => t.client.post("/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: spellings[i % 4], members: [] })),
    );
    expectNo5xx(results);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectScimError(r, 409, "uniqueness");
    const rows = await sql("select id from customer_role where company_id = ? and lower(display_name) = 'race group'", [t.company.id]);
    expect(rows).toHaveLength(1);
  });
});

describe("concurrent changes of one resource", () => {
  it("12 concurrent SCIM PATCHes of different attributes of one user: all 200, every change kept, one version per change", async () => {
    const created = await t.client.post("/Users", scimUser("patch.twelve@example.com"));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const [{ version: before }] = await sql<{ version: number }>("select version from user_account where id = ?", [id]);
    const ops: [string, unknown][] = [
      ["title", "Engineer"],
      ["nickName", "Twelve"],
      ["displayName", "Patch Twelve"],
      ["userType", "Employee"],
      ["locale", "en-GB"],
      ["timezone", "Europe/London"],
      ["preferredLanguage", "en"],
      ["name.givenName", "Pat"],
      ["name.familyName", "Twelve"],
      [`${ENTERPRISE_USER_SCHEMA}:department`, "R&D"],
      [`${ENTERPRISE_USER_SCHEMA}:costCenter`, "4130"],
      ["externalId", "EXT-12"],
    ];
    const results = await Promise.all(ops.map(([path, value]) => t.client.patch(`/Users/${id}`, patchOp({ op: "replace", path, value }))));
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);

    const got = (await t.client.get(`/Users/${id}`)).body;
    expect(got).toMatchObject({
      title: "Engineer",
      nickName: "Twelve",
      displayName: "Patch Twelve",
      userType: "Employee",
      locale: "en-GB",
      timezone: "Europe/London",
      preferredLanguage: "en",
      name: { givenName: "Pat", familyName: "Twelve" },
      externalId: "EXT-12",
      [ENTERPRISE_USER_SCHEMA]: { department: "R&D", costCenter: "4130" },
    });
    // No PATCH was absorbed into another: each one is a version of its own.
    const [{ version: after }] = await sql<{ version: number }>("select version from user_account where id = ?", [id]);
    expect(after).toBe(before + ops.length);
    // One audit record and one provisioning event for each PATCH, written with its change.
    const [{ audits }] = await sql<{ audits: number }>("select count(*)::int as audits from audit_event where target_id = ? and action = 'user.update'", [id]);
    expect(audits).toBe(ops.length);
    const [{ events }] = await sql<{ events: number }>("select count(*)::int as events from provisioning_event where resource_id = ? and method = 'PATCH' and status = 200", [id]);
    expect(events).toBe(ops.length);
  });

  it("a PATCH that meets another writer's uncommitted change of its user waits for it and applies to its result: nothing the other change wrote is lost", async () => {
    const created = await t.client.post("/Users", scimUser("patch.raced@example.com", { title: "Before" }));
    const id = created.body.id as string;
    const version = created.body.meta.version;
    // Another writer holds the row with an uncommitted change when the PATCH arrives.
    const other = new pg.Client({ connectionString: app.databaseUrl });
    await other.connect();
    try {
      await other.query("begin");
      await other.query("update user_account set title = 'Concurrent', version = version + 1 where id = $1", [id]);
      const patched = t.client.patch(`/Users/${id}`, patchOp({ op: "replace", path: "nickName", value: "Raced" }));
      // The PATCH waits on the row lock to read the user (asked on another connection: inside a
      // transaction pg_stat_activity is a snapshot; the statement's text is cut at 1 kB there, so
      // it is known by its start). The test's timeout bounds the wait.
      let waiting = 0;
      while (waiting === 0) {
        await new Promise((r) => setTimeout(r, 20));
        [{ waiting }] = await sql<{ waiting: number }>(
          "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'select u.id, u.user_name,%'",
        );
      }
      await other.query("commit");
      const res = await patched;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Applied to the other writer's result: its title is kept, not overwritten with an older value.
      expect(res.body).toMatchObject({ title: "Concurrent", nickName: "Raced" });
      expect(res.body.meta.version).not.toBe(version);
    } finally {
      await other.end();
    }
    const [row] = await sql<{ title: string; nick_name: string; version: number }>("select title, nick_name, version from user_account where id = ?", [id]);
    expect(row).toMatchObject({ title: "Concurrent", nick_name: "Raced", version: 3 });
    const audits = await sql<{ after: unknown }>("select after from audit_event where target_id = ? and action = 'user.update'", [id]);
    expect(audits.map((a) => a.after)).toEqual([{ nickName: "Raced" }]);
  });

  it("concurrent SCIM member adds and removes on one Group end in the serial result", async (ctx) => {
    if (!groupsServed) ctx.skip();
    const users: string[] = [];
    for (let i = 0; i < 20; i++) users.push((await t.client.post("/Users", scimUser(`member.${i}@race.example`))).body.id);
    const group = await t.client.post("/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Concurrent members",
      members: users.slice(0, 10).map((value) => ({ value })),
    });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    const gid = group.body.id as string;
    // Disjoint adds (users 10–19, Okta's form) and removes (users 0–4, Okta's filtered path and
    // Entra's remove-with-value): they commute, so every serial order ends in users 5–19.
    const requests = [
      ...users.slice(10).map((value) => patchOp({ op: "add", path: "members", value: [{ value }] })),
      ...users.slice(0, 5).map((value, i) =>
        i % 2 ? patchOp({ op: "remove", path: `members[value eq "${value}"]` }) : { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Remove", path: "members", value: [{ value }] }] },
      ),
    ];
    const results = await Promise.all(requests.map((body) => t.client.patch(`/Groups/${gid}`, body)));
    for (const r of results) expect([200, 204], JSON.stringify(r.body)).toContain(r.status);
    const rows = await sql<{ user_id: string }>("select user_id from membership where customer_role_id = ? order by user_id", [gid]);
    expect(rows.map((r) => r.user_id)).toEqual(users.slice(5).sort());
  });
});

describe("serialization failures and deadlocks are retried inside the unit of work", () => {
  /** A unit-of-work scope on this file's database, as a service call would get one. */
  function scope(): { em: EntityManager; principal: Principal } {
    const principal = {
      companyId: admin.company.id,
      userId: admin.admin.id,
      userName: admin.admin.userName,
      permissions: new Set(),
      isServiceAccount: false,
      isPlatformOperator: false,
      scimEnabled: true,
      credential: { kind: "session" },
    } as unknown as Principal;
    return { em: app.orm.em.fork() as EntityManager, principal };
  }

  async function twoUsers(): Promise<[string, string]> {
    const a = await t.client.post("/Users", scimUser(`lock.a.${Date.now()}@example.com`));
    const b = await t.client.post("/Users", scimUser(`lock.b.${Date.now()}@example.com`));
    return [a.body.id, b.body.id];
  }

  it("two transactions locking two rows in opposite orders deadlock; PostgreSQL aborts one (40P01) and it is run again: both commit", async () => {
    const [first, second] = await twoUsers();
    let attempts = 0;
    const lockInOrder = (ids: [string, string], title: string) =>
      inTransaction(scope(), async (em) => {
        attempts++;
        await em.execute("select id from user_account where id = ? for update", [ids[0]]);
        // Both transactions hold their first row before either asks for its second.
        await em.execute("select pg_sleep(0.3)", []);
        await em.execute("update user_account set title = ? where id = ?", [title, ids[1]], "run");
        await em.execute("update user_account set nick_name = ? where id = ?", [title, ids[0]], "run");
      });
    await Promise.all([lockInOrder([first, second], "forward"), lockInOrder([second, first], "backward")]);
    // One deadlock victim ran twice.
    expect(attempts).toBeGreaterThanOrEqual(3);
    const rows = await sql<{ id: string; title: string; nick_name: string }>("select id, title, nick_name from user_account where id in (?, ?)", [first, second]);
    // Both committed: each row carries one transaction's title and the other's nick name.
    for (const row of rows) expect([row.title, row.nick_name].sort()).toEqual(["backward", "forward"]);
  });

  it("five serializable read-modify-write transactions of one counter conflict (40001) and are run again: no increment is lost", async () => {
    const [id] = await twoUsers();
    await sql("update user_account set title = '0' where id = ?", [id]);
    let attempts = 0;
    const increment = () =>
      inTransaction(scope(), async (em) => {
        attempts++;
        await em.execute("set transaction isolation level serializable", [], "run");
        const [row] = await em.getConnection().execute<{ title: string }[]>("select title from user_account where id = ?", [id]);
        await em.execute("select pg_sleep(0.05)", []);
        await em.execute("update user_account set title = ? where id = ?", [String(Number(row!.title) + 1), id], "run");
      });
    await Promise.all(Array.from({ length: 5 }, increment));
    expect(attempts).toBeGreaterThan(5);
    const [row] = await sql<{ title: string }>("select title from user_account where id = ?", [id]);
    expect(row!.title).toBe("5");
  });

  it("a transaction that keeps failing with 40001 is tried a bounded number of times, then answered as SERVICE_UNAVAILABLE (SCIM 503 + Retry-After), not INTERNAL", async () => {
    let attempts = 0;
    const error = await inTransaction(scope(), async (em) => {
      attempts++;
      await em.execute("do $$ begin raise exception 'forced' using errcode = 'serialization_failure'; end $$", [], "run");
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeDefined();
    expect(attempts).toBe(6);
    const formatted = formatError({ message: "x" }, error);
    expect(formatted.extensions?.code).toBe("SERVICE_UNAVAILABLE");
  });
});
