import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { errorCode, gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { auditorToken, viewerToken } from "./log-fixtures.js";
import { ok } from "./report-helpers.js";

/** Issue 6 §5: export, preview (dryRun) and restore of the role mapping, with who gains or loses each access role. */
let app: TestApp;
let a: TestCompany;
let b: TestCompany;
const id: Record<string, string> = {};

const DIFF = `dryRun applied unchangedCount createdCustomerRoles
  changes { customerRole mappedBefore mappedAfter dataAccessRolesBefore dataAccessRolesAfter appAccessRolesBefore appAccessRolesAfter }
  accessChanges { kind roleName gainedCount lostCount gained { id userName } lost { id userName } }`;
const SET = `mutation($r: ID!, $d: [ID!]!, $p: [ID!]!, $dry: Boolean) {
  setRoleMapping(customerRoleId: $r, dataAccessRoleIds: $d, appAccessRoleIds: $p, dryRun: $dry) { version dataAccessRoles { name } diff { ${DIFF} } } }`;
const IMPORT = `mutation($doc: JSON!, $dry: Boolean!) { importRoleMappings(document: $doc, dryRun: $dry) { ${DIFF} } }`;
const EXPORT = `{ exportRoleMappings }`;
const MAPPINGS = `{ roleMappings { customerRole { displayName } dataAccessRoles { name } appAccessRoles { name } version } }`;

const q = (query: string, variables: Record<string, unknown> = {}, token = a.adminToken) => ok(app.url, token, query, variables);

async function user(userName: string, autoAssignRoles = true): Promise<string> {
  return (await q(`mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: { userName, autoAssignRoles } })).createUser.id;
}
async function customerRole(displayName: string, members: string[]): Promise<string> {
  const roleId = (await q(`mutation($n: String!) { createCustomerRole(input: { displayName: $n }) { id } }`, { n: displayName })).createCustomerRole.id;
  if (members.length) await q(`mutation($id: ID!, $u: [ID!]!) { addCustomerRoleMembers(id: $id, userIds: $u, source: SCIM_GROUP) { id } }`, { id: roleId, u: members });
  return roleId;
}
const withoutTime = (doc: any) => ({ ...doc, exportedAt: undefined });

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  id.ann = await user("ann@a.example");
  id.bob = await user("bob@a.example");
  id.cid = await user("cid@a.example", false);
  id.dee = await user("dee@a.example");
  id.sales = await customerRole("Sales", [id.ann, id.bob, id.cid]);
  id.support = await customerRole("Support", [id.bob]);
  id.legacy = await customerRole("Legacy", [id.dee]);
  await customerRole("Unmapped", [id.ann]);
  id.emea = (await q(`mutation { createDataAccessRole(input: { name: "EMEA" }) { id } }`)).createDataAccessRole.id;
  id.tickets = (await q(`mutation { createDataAccessRole(input: { name: "Tickets" }) { id } }`)).createDataAccessRole.id;
  id.agent = (await q(`mutation { createAppAccessRole(input: { name: "Agent", permissions: [CanViewUsers] }) { id } }`)).createAppAccessRole.id;
  await q(SET, { r: id.sales, d: [id.emea], p: [] });
  await q(SET, { r: id.support, d: [id.tickets, id.emea], p: [id.agent] });
  await q(SET, { r: id.legacy, d: [], p: [] });
});
afterAll(() => app?.close());

describe("exportRoleMappings", () => {
  it("is a versioned document naming roles; an empty mapping is an entry, an unmapped role is not", async () => {
    const doc = (await q(EXPORT)).exportRoleMappings;
    expect(doc).toMatchObject({ format: "rolebridge.role-mappings", version: 1 });
    expect(Date.parse(doc.exportedAt)).not.toBeNaN();
    expect(doc.mappings).toEqual([
      { customerRole: "Legacy", dataAccessRoles: [], appAccessRoles: [] },
      { customerRole: "Sales", dataAccessRoles: ["EMEA"], appAccessRoles: [] },
      { customerRole: "Support", dataAccessRoles: ["EMEA", "Tickets"], appAccessRoles: ["Agent"] },
    ]);
    expect(doc.unmappedCustomerRoles).toEqual(["Unmapped"]);
  });
});

describe("setRoleMapping(dryRun)", () => {
  it("dry run: shows the diff and who would gain or lose each role, and changes nothing", async () => {
    const before = (await q(MAPPINGS)).roleMappings;
    const res = (await q(SET, { r: id.sales, d: [id.tickets], p: [id.agent], dry: true })).setRoleMapping;
    expect(res.dataAccessRoles).toEqual([{ name: "Tickets" }]);
    expect(res.diff).toMatchObject({
      dryRun: true,
      applied: false,
      changes: [{ customerRole: "Sales", mappedBefore: true, mappedAfter: true, dataAccessRolesBefore: ["EMEA"], dataAccessRolesAfter: ["Tickets"], appAccessRolesAfter: ["Agent"] }],
    });
    // bob keeps EMEA and already has Tickets and Agent through Support; cid has autoAssignRoles off.
    expect(res.diff.accessChanges).toEqual([
      { kind: "DATA", roleName: "EMEA", gainedCount: 0, lostCount: 1, gained: [], lost: [{ id: id.ann, userName: "ann@a.example" }] },
      { kind: "DATA", roleName: "Tickets", gainedCount: 1, lostCount: 0, gained: [{ id: id.ann, userName: "ann@a.example" }], lost: [] },
      { kind: "APP", roleName: "Agent", gainedCount: 1, lostCount: 0, gained: [{ id: id.ann, userName: "ann@a.example" }], lost: [] },
    ]);
    expect((await q(MAPPINGS)).roleMappings).toEqual(before);
    const audit = await q(`{ auditEvents(where: { action: { eq: "roleMapping.set" }, targetId: { eq: "${id.sales}" } }) { totalCount } }`);
    expect(audit.auditEvents.totalCount).toBe(1);
  });

  it("without dryRun: applies as before (version, audit) and returns the diff too", async () => {
    const res = (await q(SET, { r: id.sales, d: [id.emea, id.tickets], p: [] })).setRoleMapping;
    expect(res.version).toBe(2);
    expect(res.diff).toMatchObject({ dryRun: false, applied: true });
    expect(res.diff.accessChanges).toEqual([{ kind: "DATA", roleName: "Tickets", gainedCount: 1, lostCount: 0, gained: [{ id: id.ann, userName: "ann@a.example" }], lost: [] }]);
    const audit = await q(`{ auditEvents(where: { action: { eq: "roleMapping.set" }, targetId: { eq: "${id.sales}" } }) { totalCount } }`);
    expect(audit.auditEvents.totalCount).toBe(2);
    const access = await q(`query($u: ID!) { effectiveAccess(userId: $u) { dataAccessRoles { role { name } } } }`, { u: id.ann });
    expect(access.effectiveAccess.dataAccessRoles.map((r: any) => r.role.name)).toEqual(["EMEA", "Tickets"]);
    await q(SET, { r: id.sales, d: [id.emea], p: [] });
  });

  it("keeps setRoleMapping's errors: unknown role ids are BAD_USER_INPUT, a foreign customer role NOT_FOUND", async () => {
    const bad = await gql(app.url, SET, { r: id.sales, d: ["00000000-0000-4000-8000-000000000000"], p: [], dry: true }, a.adminToken);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    const foreign = await gql(app.url, SET, { r: id.sales, d: [], p: [] }, b.adminToken);
    expect(errorCode(foreign)).toBe("NOT_FOUND");
    const malformed = await gql(app.url, SET, { r: "nope", d: [], p: [], dry: true }, a.adminToken);
    expect(errorCode(malformed)).toBe("NOT_FOUND");
  });
});

describe("importRoleMappings", () => {
  it("restoring an export taken before a change gives back exactly the earlier mapping, also after ids changed", async () => {
    const backup = (await q(EXPORT)).exportRoleMappings;
    // Changes after the backup: a mapping changed, one removed, an unmapped role mapped, and a
    // mapped role deleted and provisioned again under the same name (a new id, no mapping).
    await q(SET, { r: id.support, d: [id.tickets], p: [] });
    await q(`mutation($r: ID!) { removeRoleMapping(customerRoleId: $r) }`, { r: id.sales });
    const unmapped = (await q(`{ unmappedCustomerRoles { nodes { id displayName } } }`)).unmappedCustomerRoles.nodes.find((n: any) => n.displayName === "Unmapped").id;
    await q(SET, { r: unmapped, d: [id.emea], p: [] });
    await q(`mutation($id: ID!) { deleteCustomerRole(id: $id) }`, { id: id.legacy });
    await customerRole("LEGACY", [id.dee]);
    const changed = (await q(EXPORT)).exportRoleMappings;
    expect(withoutTime(changed)).not.toEqual(withoutTime(backup));

    const preview = (await q(IMPORT, { doc: backup, dry: true })).importRoleMappings;
    expect(preview).toMatchObject({ dryRun: true, applied: false, createdCustomerRoles: [] });
    expect(preview.changes.map((c: any) => c.customerRole)).toEqual(["LEGACY", "Sales", "Support", "Unmapped"]);
    expect(preview.changes.find((c: any) => c.customerRole === "Unmapped")).toMatchObject({ mappedBefore: true, mappedAfter: false });
    expect(preview.changes.find((c: any) => c.customerRole === "Sales")).toMatchObject({ mappedBefore: false, mappedAfter: true, dataAccessRolesAfter: ["EMEA"] });
    const agent = preview.accessChanges.find((c: any) => c.roleName === "Agent");
    expect(agent).toMatchObject({ kind: "APP", gainedCount: 1, gained: [{ id: id.bob }] });
    expect(withoutTime((await q(EXPORT)).exportRoleMappings)).toEqual(withoutTime(changed));

    const applied = (await q(IMPORT, { doc: backup, dry: false })).importRoleMappings;
    expect(applied).toMatchObject({ dryRun: false, applied: true });
    const restored = (await q(EXPORT)).exportRoleMappings;
    expect(restored.mappings).toEqual(backup.mappings.map((m: any) => (m.customerRole === "Legacy" ? { ...m, customerRole: "LEGACY" } : m)));
    expect(restored.unmappedCustomerRoles).toEqual(backup.unmappedCustomerRoles);

    const again = (await q(IMPORT, { doc: backup, dry: false })).importRoleMappings;
    expect(again.changes).toEqual([]);
    expect(again.accessChanges).toEqual([]);
    const audit = await q(`{ auditEvents(where: { action: { eq: "roleMapping.import" } }) { totalCount nodes { actorUserId after } } }`);
    expect(audit.auditEvents.totalCount).toBe(2);
    expect(audit.auditEvents.nodes[1]).toMatchObject({ actorUserId: a.admin.id, after: { changed: ["LEGACY", "Sales", "Support", "Unmapped"] } });
  });

  it("creates customer-supplied roles the document names that no longer exist", async () => {
    const doc = { format: "rolebridge.role-mappings", version: 1, mappings: [...(await q(EXPORT)).exportRoleMappings.mappings, { customerRole: "Brand new", dataAccessRoles: ["tickets"], appAccessRoles: [] }] };
    const res = (await q(IMPORT, { doc, dry: true })).importRoleMappings;
    expect(res.createdCustomerRoles).toEqual(["Brand new"]);
    expect((await q(`{ customerRoles(where: { displayName: { eq: "Brand new" } }) { totalCount } }`)).customerRoles.totalCount).toBe(0);
  });

  it("refuses an invalid document with BAD_USER_INPUT naming the problem, and applies nothing", async () => {
    const before = (await q(EXPORT)).exportRoleMappings;
    const good = { format: "rolebridge.role-mappings", version: 1, mappings: [{ customerRole: "Sales", dataAccessRoles: [], appAccessRoles: [] }] };
    const cases: [unknown, string, RegExp][] = [
      ["a string", "document", /object/],
      [{ ...good, format: "other" }, "document.format", /format/],
      [{ ...good, version: 2 }, "document.version", /version 2/],
      [{ ...good, mappings: {} }, "document.mappings", /list/],
      [{ ...good, mappings: [{ customerRole: "", dataAccessRoles: [], appAccessRoles: [] }] }, "document.mappings[0].customerRole", /name/],
      [{ ...good, mappings: [{ customerRole: "Sales", dataAccessRoles: "EMEA", appAccessRoles: [] }] }, "document.mappings[0].dataAccessRoles", /list/],
      [{ ...good, mappings: [good.mappings[0], { customerRole: "sales", dataAccessRoles: [], appAccessRoles: [] }] }, "document.mappings[1].customerRole", /twice/],
      [{ ...good, mappings: [{ customerRole: "Sales", dataAccessRoles: ["EMEA", "Nowhere"], appAccessRoles: ["Ghost"] }] }, "document", /Nowhere.*Ghost/],
    ];
    for (const [doc, field, message] of cases) {
      const res = await gql(app.url, IMPORT, { doc, dry: false }, a.adminToken);
      expect(errorCode(res), JSON.stringify(doc)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
      expect(res.errors?.[0]?.message).toMatch(message);
    }
    expect(withoutTime((await q(EXPORT)).exportRoleMappings)).toEqual(withoutTime(before));
  });
});

describe("permissions and tenants", () => {
  it("needs CanConfigureCompany: a viewer and an auditor may neither export nor import", async () => {
    for (const token of [await viewerToken(app, a.company, "viewer@a.example"), await auditorToken(app, a.company, "auditor@a.example")]) {
      expect(errorCode(await gql(app.url, EXPORT, {}, token))).toBe("FORBIDDEN");
      expect(errorCode(await gql(app.url, IMPORT, { doc: { format: "rolebridge.role-mappings", version: 1, mappings: [] }, dry: true }, token))).toBe("FORBIDDEN");
      expect(errorCode(await gql(app.url, SET, { r: id.sales, d: [], p: [], dry: true }, token))).toBe("FORBIDDEN");
    }
  });

  it("company B exports only its own mapping, and A's document cannot touch A from B", async () => {
    const bDoc = (await q(EXPORT, {}, b.adminToken)).exportRoleMappings;
    expect(bDoc.mappings).toEqual([]);
    expect(bDoc.unmappedCustomerRoles).toEqual([]);
    const aBefore = (await q(EXPORT)).exportRoleMappings;
    // B has no access roles named EMEA/Tickets/Agent: refused, and neither company changes.
    expect(errorCode(await gql(app.url, IMPORT, { doc: aBefore, dry: false }, b.adminToken))).toBe("BAD_USER_INPUT");
    const empty = { format: "rolebridge.role-mappings", version: 1, mappings: [] };
    const res = (await q(IMPORT, { doc: empty, dry: false }, b.adminToken)).importRoleMappings;
    expect(res.changes).toEqual([]);
    expect(withoutTime((await q(EXPORT)).exportRoleMappings)).toEqual(withoutTime(aBefore));
  });
});
