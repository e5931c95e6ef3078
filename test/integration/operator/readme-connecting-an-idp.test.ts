import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Build, buildApp, type Spawned, spawnNode } from "../../setup/build.js";
import { cloneTemplateDatabase } from "../../setup/db.js";

/**
 * The README's "Connecting an IdP" as an operator follows it: against a fresh `npm start` (the
 * built server on a new database, demo company included), every `npm run cli -- …` line of the
 * section is pasted into a shell in order, and the credential the last one prints authenticates
 * SCIM requests as the section says (HTTP Basic, and the bearer token).
 */
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const run = promisify(execFile);
let build: Build;
let databaseUrl: string;
let server: Spawned | undefined;

/** The `npm run cli -- …` lines of the README section under `heading`, in order. */
async function cliLinesOf(heading: string): Promise<string[]> {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README section "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split("\n")).filter((line) => line.startsWith("npm run cli -- "));
}

/** The value after `<label>: ` on its own line. */
function printed(stdout: string, label: string): string | undefined {
  return stdout
    .split("\n")
    .find((l) => l.startsWith(`${label}: `))
    ?.slice(label.length + 2);
}

beforeAll(async () => {
  build = await buildApp({ cli: true });
  databaseUrl = await cloneTemplateDatabase();
});
afterAll(async () => {
  server?.kill();
  await build?.remove();
});

describe("README: Connecting an IdP", () => {
  it("its CLI commands, pasted in order after a fresh npm start, succeed, and the printed credential calls SCIM", async () => {
    server = spawnNode(path.join(build.dir, "src", "main.js"), [], { DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" });
    await server.waitForLine(/^Client Secret: /, 90_000);
    const scimBase = printed(server.stdout(), "SCIM base URL")!;

    const lines = await cliLinesOf("Connecting an IdP");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    let last = "";
    for (const line of lines) {
      // The shell parses the line as the operator's would (quotes included); only `npm run cli --`
      // becomes the built CLI, so the test does not rebuild the worktree's dist/.
      const command = line.replace(/^npm run cli -- /, 'node "$ROLEBRIDGE_CLI" ');
      const res = await run("sh", ["-c", command], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", ROLEBRIDGE_CLI: path.join(build.dir, "cli.cjs") },
        timeout: 60_000,
      }).catch((err: { code?: number; stdout?: string; stderr?: string }) => {
        throw new Error(`"${line}" failed with exit code ${err.code}: ${err.stderr ?? ""}${err.stdout ?? ""}`);
      });
      last = res.stdout;
    }

    const clientId = printed(last, "Client ID")!;
    const clientSecret = printed(last, "Client Secret")!;
    expect(clientId).toMatch(/^rb_/);
    const basic = await fetch(`${scimBase}/Users`, { headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` } });
    expect(basic.status).toBe(200);
    expect(await basic.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0 });
    const bearer = await fetch(`${scimBase}/Users`, { headers: { authorization: `Bearer ${clientId}.${clientSecret}` } });
    expect(bearer.status).toBe(200);

    server.child.kill("SIGTERM");
    expect(await server.exited(30_000)).toBe(0);
  });
});
