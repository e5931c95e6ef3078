import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, patchOp, type ScimTenant } from "../../setup/scim-client.js";
import type { TestApp } from "../../setup/server.js";
import { type CountedApp, isAuthentication, startCountedApp } from "../../support/counted-app.js";
import { createGroup, createUsers, sql as sqlOf } from "./groups-helpers.js";

/**
 * Issue 4 §3 and DESIGN rule 5 seen from SCIM: a Group PATCH never reads the member list, and a
 * GET with excludedAttributes=members (Entra's lookup) reads no membership row at all. Every SQL
 * statement the app sends is counted on the wire (test/support/statement-counter.ts).
 */
const SIZE = 20_000;
let counted: CountedApp;
let app: TestApp;
let t: ScimTenant;
let groupId: string;
let outsider: string;

beforeAll(async () => {
  counted = await startCountedApp();
  app = counted.app;
  t = await createScimTenant(app);
  [outsider] = await createUsers(t, "outsider", 1);
  groupId = (await createGroup(t, "Everyone")).id;
  await sqlOf(
    app,
    `insert into user_account (id, company_id, user_name, display_name, extension_attributes, created_at, updated_at)
     select gen_random_uuid(), ?, 'bulk-' || i || '@example.com', 'Bulk ' || i, '{}'::jsonb, now(), now() from generate_series(1, ?::int) as i`,
    [t.company.id, SIZE],
  );
  await sqlOf(
    app,
    `insert into membership (company_id, customer_role_id, user_id, source)
     select company_id, ?, id, 'scim-group' from user_account where company_id = ? and user_name like 'bulk-%'`,
    [groupId, t.company.id],
  );
}, 120_000);
afterAll(async () => counted?.close());

async function recorded<T>(work: () => Promise<T>): Promise<{ result: T; membershipSql: string[] }> {
  const { result, sql } = await counted.recorded(work);
  return { result, membershipSql: sql.filter((s) => /\bmembership\b/.test(s) && !isAuthentication(s)) };
}

describe(`a SCIM group of ${SIZE.toLocaleString("en")} members`, () => {
  it("adding one member (Okta's PATCH) runs one insert into membership and reads no member row", async () => {
    const { result, membershipSql } = await recorded(() => t.client.patch(`/Groups/${groupId}`, patchOp({ op: "add", path: "members", value: [{ value: outsider }] })));
    expect(result.status).toBe(204);
    expect(membershipSql, membershipSql.join("\n")).toHaveLength(1);
    expect(membershipSql[0]).toMatch(/^insert into membership .* on conflict do nothing/s);
  });

  it('removing one member (members[value eq "…"]) runs one delete and reads no member row', async () => {
    const { result, membershipSql } = await recorded(() => t.client.patch(`/Groups/${groupId}`, patchOp({ op: "remove", path: `members[value eq "${outsider}"]` })));
    expect(result.status).toBe(204);
    expect(membershipSql, membershipSql.join("\n")).toHaveLength(1);
    expect(membershipSql[0]).toMatch(/^delete from membership\s+where customer_role_id = \$1/s);
  });

  it("GET with excludedAttributes=members, by id and by displayName, touches no membership row", async () => {
    const byId = await recorded(() => t.client.get(`/Groups/${groupId}?excludedAttributes=members`));
    expect(byId.result.status).toBe(200);
    expect(byId.membershipSql, byId.membershipSql.join("\n")).toEqual([]);
    const lookup = await recorded(() => t.client.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "everyone"')}`));
    expect(lookup.result.body.totalResults).toBe(1);
    expect(lookup.membershipSql, lookup.membershipSql.join("\n")).toEqual([]);
  });

  it(`GET returns all ${SIZE.toLocaleString("en")} members, read in keyset pages of 1,000`, async () => {
    const { result, membershipSql } = await recorded(() => t.client.get(`/Groups/${groupId}`));
    expect(result.status).toBe(200);
    expect(result.body.members).toHaveLength(SIZE);
    const pages = membershipSql.filter((s) => /cross join lateral/.test(s));
    expect(pages).toHaveLength(SIZE / 1000);
    expect(pages.slice(1).every((s) => /\(m\.user_id, m\.source\) > /.test(s))).toBe(true);
  });
});
