import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCompany, TEST_PASSWORD, type TestCompany } from "../../setup/fixtures.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { freePort } from "../hardening/helpers.js";
import { auditorToken } from "./log-fixtures.js";
import { ok } from "./report-helpers.js";

/** The README's audit script, run with node against a real app, lists who can configure the company and why. */
const run = promisify(execFile);
let app: TestApp;
let a: TestCompany;
let b: TestCompany;
let janeId: string;

beforeAll(async () => {
  app = await startTestApp();
  a = await createTestCompany(app);
  b = await createTestCompany(app);
  const q = (query: string, variables: Record<string, unknown> = {}) => ok(app.url, a.adminToken, query, variables);
  const user = async (userName: string, autoAssignRoles: boolean) =>
    (await q(`mutation($i: UserInput!) { createUser(input: $i) { id } }`, { i: { userName, autoAssignRoles } })).createUser.id as string;
  janeId = await user("jane@a.example", true);
  const noAuto = await user("noauto@a.example", false);
  const role = (await q(`mutation { createCustomerRole(input: { displayName: "IT Admins" }) { id } }`)).createCustomerRole.id;
  await q(`mutation($id: ID!, $u: [ID!]!) { addCustomerRoleMembers(id: $id, userIds: $u, source: SCIM_GROUP) { id } }`, { id: role, u: [janeId, noAuto] });
  await q(`mutation($id: ID!, $u: [ID!]!) { addCustomerRoleMembers(id: $id, userIds: $u, source: UPLOAD) { id } }`, { id: role, u: [janeId] });
  const admins = (await q(`{ appAccessRoles { id name } }`)).appAccessRoles.find((r: any) => r.name === "Company Administrator").id;
  await q(`mutation($r: ID!, $p: [ID!]!) { setRoleMapping(customerRoleId: $r, dataAccessRoleIds: [], appAccessRoleIds: $p) { version } }`, { r: role, p: [admins] });
  await auditorToken(app, a.company, "auditor@a.example");
});
afterAll(() => app?.close());

function script(env: Record<string, string>, args: string[] = []) {
  return run(process.execPath, ["scripts/audit-can-configure-company.mjs", ...args], { env: { PATH: process.env.PATH ?? "", ROLEBRIDGE_URL: app.url, ...env } });
}

describe("scripts/audit-can-configure-company.mjs", () => {
  it("logs in as an auditor and prints each user holding CanConfigureCompany with the provenance of each grant", async () => {
    const { stdout } = await script({ ROLEBRIDGE_COMPANY: a.company.slug, ROLEBRIDGE_USER: "auditor@a.example", ROLEBRIDGE_PASSWORD: TEST_PASSWORD });
    expect(stdout).toBe(
      [
        "2 user(s) can configure the company (CanConfigureCompany):",
        a.admin.userName,
        '  - direct: app-access role "Company Administrator"',
        "jane@a.example",
        '  - customer role "IT Admins" (membership: scim-group) → mapping → app-access role "Company Administrator"',
        '  - customer role "IT Admins" (membership: upload) → mapping → app-access role "Company Administrator"',
        "",
      ].join("\n"),
    );
    expect(stdout).not.toContain("noauto@a.example");
    expect(stdout).not.toContain(b.admin.userName);
  });

  it("prints JSON with --json and accepts a session token instead of a password", async () => {
    const { stdout } = await script({ ROLEBRIDGE_TOKEN: a.adminToken }, ["--json"]);
    const out = JSON.parse(stdout);
    expect(out.permission).toBe("CanConfigureCompany");
    expect(out.users.map((u: any) => u.id)).toEqual([a.admin.id, janeId]);
  });

  it("fails with exit code 1 and the reason on a wrong password", async () => {
    const err = await script({ ROLEBRIDGE_COMPANY: a.company.slug, ROLEBRIDGE_USER: "auditor@a.example", ROLEBRIDGE_PASSWORD: "wrong" }).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/UNAUTHENTICATED/);
  });

  it("--help prints its usage and the settings it reads, and asks nothing of the server", async () => {
    const { stdout } = await run(process.execPath, ["scripts/audit-can-configure-company.mjs", "--help"], { env: { PATH: process.env.PATH ?? "", ROLEBRIDGE_URL: "http://127.0.0.1:1" } });
    expect(stdout).toMatch(/^Usage: node scripts\/audit-can-configure-company\.mjs/);
    for (const name of ["ROLEBRIDGE_URL", "ROLEBRIDGE_COMPANY", "ROLEBRIDGE_USER", "ROLEBRIDGE_PASSWORD", "ROLEBRIDGE_TOKEN"]) expect(stdout).toContain(name);
  });

  it("a server it cannot reach: exit 1 with the URL it tried", async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const failed = await run(process.execPath, ["scripts/audit-can-configure-company.mjs"], {
      env: { PATH: process.env.PATH ?? "", ROLEBRIDGE_URL: unreachable, ROLEBRIDGE_TOKEN: "t" },
    }).then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toBe(`audit-can-configure-company: cannot reach rolebridge at ${unreachable}/graphql (ECONNREFUSED); set ROLEBRIDGE_URL to its base URL\n`);
  });
});
