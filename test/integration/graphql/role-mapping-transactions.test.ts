import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import type { TestApp } from "../../setup/server.js";
import { type CountedApp, startCountedApp } from "../../support/counted-app.js";
import { ok } from "./report-helpers.js";

/**
 * A mapping change, with its audit events and its preview, commits as one transaction: counted on
 * the wire, one BEGIN and one COMMIT (or ROLLBACK for a dry run), and no savepoint, however many
 * mappings a restore changes.
 */
let counted: CountedApp;
let app: TestApp;
let a: TestCompany;
const id: Record<string, string> = {};

const SET = `mutation($r: ID!, $d: [ID!]!, $dry: Boolean) {
  setRoleMapping(customerRoleId: $r, dataAccessRoleIds: $d, appAccessRoleIds: [], dryRun: $dry) { version diff { applied } } }`;
const IMPORT = `mutation($doc: JSON!, $dry: Boolean!) { importRoleMappings(document: $doc, dryRun: $dry) { applied changes { customerRole } } }`;

const q = (query: string, variables: Record<string, unknown> = {}) => ok(app.url, a.adminToken, query, variables);

function transactionStatements(sql: string[]): string[] {
  return sql.map((s) => s.trim().toLowerCase()).filter((s) => /^(begin|commit|rollback|savepoint|release)\b/.test(s));
}

beforeAll(async () => {
  counted = await startCountedApp();
  app = counted.app;
  a = await createTestCompany(app);
  for (const name of ["Sales", "Support", "Legacy"]) {
    id[name] = (await q(`mutation($n: String!) { createCustomerRole(input: { displayName: $n }) { id } }`, { n: name })).createCustomerRole.id;
  }
  id.emea = (await q(`mutation { createDataAccessRole(input: { name: "EMEA" }) { id } }`)).createDataAccessRole.id;
}, 120_000);
afterAll(() => counted?.close());

describe("a role-mapping change is one transaction", () => {
  it("setRoleMapping: one BEGIN and one COMMIT, no savepoint; a dry run rolls the same one back", async () => {
    const applied = await counted.recorded(() => gql(app.url, SET, { r: id.Sales, d: [id.emea], dry: false }, a.adminToken));
    expect(applied.result.errors).toBeUndefined();
    expect(applied.result.data!.setRoleMapping.diff.applied).toBe(true);
    expect(transactionStatements(applied.sql)).toEqual(["begin", "commit"]);

    const dry = await counted.recorded(() => gql(app.url, SET, { r: id.Support, d: [id.emea], dry: true }, a.adminToken));
    expect(dry.result.data!.setRoleMapping.diff.applied).toBe(false);
    expect(transactionStatements(dry.sql)).toEqual(["begin", "rollback"]);
  });

  it("importRoleMappings changing three mappings: one BEGIN and one COMMIT, no savepoint", async () => {
    const doc = {
      format: "rolebridge.role-mappings",
      version: 1,
      mappings: ["Support", "Legacy", "New role"].map((customerRole) => ({ customerRole, dataAccessRoles: ["EMEA"], appAccessRoles: [] })),
    };
    const { result, sql } = await counted.recorded(() => gql(app.url, IMPORT, { doc, dry: false }, a.adminToken));
    expect(result.errors).toBeUndefined();
    // Sales (mapped before, absent from the document) is unmapped; the other three are mapped.
    expect(result.data!.importRoleMappings.changes.map((c: { customerRole: string }) => c.customerRole)).toEqual(["Legacy", "New role", "Sales", "Support"]);
    expect(transactionStatements(sql)).toEqual(["begin", "commit"]);
  });
});
