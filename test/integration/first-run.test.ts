import { createHash } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Build, buildApp, type Spawned, spawnNode } from "../setup/build.js";
import { cloneTemplateDatabase } from "../setup/db.js";
import { gql } from "../setup/graphql-client.js";

/**
 * `npm start` on an empty database (issue 2 §6, "Done when"): the built server as a child process
 * on a fresh database, its printed lines, a GraphQL login with the printed admin login, a clean
 * SIGTERM, and a second start on the same database that prints the URLs only.
 */
let build: Build;
let databaseUrl: string;
let db: pg.Client;
const started: Spawned[] = [];

function startServer(): Spawned {
  const server = spawnNode(path.join(build.dir, "src", "main.js"), [], {
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
  });
  started.push(server);
  return server;
}

/** The value after `<label>: ` on its own line of stdout. */
function printed(stdout: string, label: string): string | undefined {
  const line = stdout.split("\n").find((l) => l.startsWith(`${label}: `));
  return line?.slice(label.length + 2);
}

beforeAll(async () => {
  build = await buildApp();
  databaseUrl = await cloneTemplateDatabase();
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  for (const server of started) server.kill();
  await db?.end();
  await build?.remove();
});

describe("first run", () => {
  it("npm start -- --help prints the usage and exits 0 without reading the configuration or opening a database", async () => {
    // Nothing listens on port 1 and PORT is not a number: anything that started would fail.
    const help = spawnNode(path.join(build.dir, "src", "main.js"), ["--help"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", PORT: "not-a-port" });
    started.push(help);
    expect(await help.exited(30_000)).toBe(0);
    expect(help.stdout()).toMatch(/^usage: npm start/);
    expect(help.stdout()).toContain("npm run cli -- --help");
    expect(help.stdout()).not.toContain("GraphQL URL");
    expect(help.stderr()).toBe("");
  });

  it("prints the URLs, the admin login and the app password once; the login works; SIGTERM exits 0; a restart prints only the URLs", async () => {
    const first = startServer();
    // The output's last line: everything before it has been read too.
    await first.waitForLine(/^  Connect an IdP: /, 90_000);
    const out = first.stdout();

    const graphqlUrl = printed(out, "GraphQL URL")!;
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\/graphql$/.exec(graphqlUrl);
    expect(match, graphqlUrl).not.toBeNull();
    // PORT=0: the printed port is the one actually bound.
    expect(Number(match![1])).toBeGreaterThan(0);
    const base = graphqlUrl.replace(/\/graphql$/, "");
    expect(printed(out, "SCIM base URL")).toBe(`${base}/scim/v2`);

    const [company, userName, password] = printed(out, "Admin login")!.split(" / ");
    expect(company).toBe("demo");
    expect(userName).toBe("admin@demo.example");
    expect(password!.length).toBeGreaterThanOrEqual(12);

    const clientId = printed(out, "Client ID")!;
    const clientSecret = printed(out, "Client Secret")!;
    expect(clientId).toMatch(/^rb_[A-Za-z0-9_-]+$/);
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = (await db.query("select secret_hash, name from app_password where client_id = $1", [clientId])).rows;
    expect(row.secret_hash).toBe(createHash("sha256").update(clientSecret).digest("hex"));

    const login = await gql(
      base,
      `mutation($c: String!, $u: String!, $p: String!) { login(company: $c, userName: $u, password: $p) { token } }`,
      { c: company, u: userName, p: password },
    );
    expect(login.errors).toBeUndefined();
    const me = await gql(base, `{ company { slug } }`, {}, login.data!.login.token);
    expect(me.data).toEqual({ company: { slug: "demo" } });

    // The demo company's slug, labelled, and what to do next: log in, try a mapping, connect an IdP.
    expect(printed(out, "Company")).toBe("demo");
    const next = out.slice(out.indexOf("\nNext:\n") + 1).split("\n");
    expect(next[0]).toBe("Next:");
    expect(next[1]).toMatch(new RegExp(`^  Log in: at ${graphqlUrl} .*admin login`));
    expect(next[2]).toMatch(/^  Try a role mapping: .*"Sales \(demo\)".*All Data, EMEA Sales, Finance.*setRoleMapping\(dryRun: true\)/);
    expect(next[3]).toBe(`  Connect an IdP: SCIM base URL ${base}/scim/v2 with the Client ID and Client Secret above (README: Connecting an IdP)`);

    // The demo roles are there for the admin to map, and a dry run previews a mapping without applying it.
    const token = login.data!.login.token;
    const roles = await gql(base, `{ dataAccessRoles { id name } appAccessRoles { id name } unmappedCustomerRoles { nodes { id displayName } } }`, {}, token);
    expect(roles.errors).toBeUndefined();
    expect(roles.data!.dataAccessRoles.map((r: { name: string }) => r.name)).toEqual(["All Data", "EMEA Sales", "Finance"]);
    expect(roles.data!.appAccessRoles.map((r: { name: string }) => r.name)).toEqual(["Auditor", "Company Administrator", "SCIM Provisioner", "User Manager", "Viewer"]);
    const [sales] = roles.data!.unmappedCustomerRoles.nodes;
    expect(sales.displayName).toBe("Sales (demo)");
    const emea = roles.data!.dataAccessRoles.find((r: { name: string }) => r.name === "EMEA Sales").id;
    const preview = await gql(
      base,
      `mutation($c: ID!, $d: [ID!]!) { setRoleMapping(customerRoleId: $c, dataAccessRoleIds: $d, appAccessRoleIds: [], dryRun: true) {
         dataAccessRoles { name } diff { dryRun applied changes { customerRole dataAccessRolesAfter } } } }`,
      { c: sales.id, d: [emea] },
      token,
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.setRoleMapping).toEqual({
      dataAccessRoles: [{ name: "EMEA Sales" }],
      diff: { dryRun: true, applied: false, changes: [{ customerRole: "Sales (demo)", dataAccessRolesAfter: ["EMEA Sales"] }] },
    });
    const mappings = await gql(base, `{ roleMappings { customerRole { displayName } } }`, {}, token);
    expect(mappings.data).toEqual({ roleMappings: [] });

    first.child.kill("SIGTERM");
    expect(await first.exited(30_000)).toBe(0);

    const second = startServer();
    await second.waitForLine(/^SCIM base URL: /, 90_000);
    second.child.kill("SIGTERM");
    expect(await second.exited(30_000)).toBe(0);
    const again = second.stdout();
    expect(printed(again, "GraphQL URL")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(printed(again, "Admin login")).toBeUndefined();
    expect(printed(again, "Company")).toBeUndefined();
    expect(again).not.toContain("Next:");
    expect(printed(again, "Client ID")).toBeUndefined();
    expect(printed(again, "Client Secret")).toBeUndefined();
    expect(again).not.toContain(clientSecret);

    const counts = (
      await db.query(
        "select (select count(*)::int from app_password) as app_passwords, (select count(*)::int from company) as companies, (select count(*)::int from user_account) as users",
      )
    ).rows[0];
    expect(counts).toEqual({ app_passwords: 1, companies: 1, users: 2 });
  });
});
