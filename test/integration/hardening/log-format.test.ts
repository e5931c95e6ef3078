import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Build, buildApp, type Spawned, spawnNode } from "../../setup/build.js";
import { cloneTemplateDatabase } from "../../setup/db.js";
import { jsonLines } from "./helpers.js";

/**
 * What a person sees in the terminal running the server: readable log lines, not JSON. Output
 * sent to a pipe or a file (a container runtime, systemd, a log shipper) stays one JSON object a
 * line; LOG_FORMAT overrides either way. The built server runs as a child process, under a
 * pseudo-terminal for the terminal cases.
 */
let build: Build;
let databaseUrl: string;
const spawned: Spawned[] = [];

beforeAll(async () => {
  [build, databaseUrl] = await Promise.all([buildApp(), cloneTemplateDatabase()]);
});
afterAll(async () => {
  for (const s of spawned) s.kill();
  await build?.remove();
});

/** Starts the built server (one at a time: they share the database), requests /healthz once it listens, and stops it. */
async function runServer(env: Record<string, string>, terminal: boolean): Promise<string[]> {
  const server = spawnNode(path.join(build.dir, "src", "main.js"), [], { DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env }, { terminal });
  spawned.push(server);
  const urlLine = await server.waitForLine(/GraphQL URL: /, 90_000);
  const base = stripVTControlCharacters(urlLine).trim().replace(/^.*GraphQL URL: /, "").replace(/\/graphql$/, "");
  expect((await fetch(`${base}/healthz`, { headers: { authorization: "Bearer not-a-token-5c1e" } })).status).toBe(200);
  // The request line is written when the response finishes: wait for it before stopping.
  await server.waitForLine(/\/healthz/, 10_000);
  // Under a terminal this stops `script`, which ends the server it runs.
  server.child.kill("SIGTERM");
  await server.exited(30_000);
  return server
    .stdout()
    .split("\n")
    .map((line) => stripVTControlCharacters(line).replace(/\r$/, ""));
}

describe("log format", () => {
  it("at a terminal, log lines are readable: time, level and message on one line, no JSON", async () => {
    const lines = await runServer({}, true);
    const output = lines.join("\n");
    expect(lines.filter((l) => l.startsWith("{"))).toEqual([]);
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request$/m);
    expect(output).toMatch(/"url": "\/healthz"/);
    // Redaction holds in this format too.
    expect(output).toContain('"authorization": "[redacted]"');
    expect(output).not.toContain("not-a-token-5c1e");
  });

  it("at a terminal, LOG_FORMAT=json keeps one JSON object a line", async () => {
    const lines = await runServer({ LOG_FORMAT: "json" }, true);
    const request = jsonLines(lines.join("\n")).find((l) => l.msg === "request");
    expect(request).toMatchObject({ level: 30, req: { method: "GET", url: "/healthz", headers: { authorization: "[redacted]" } }, status: 200 });
  });

  it("through a pipe, log lines are JSON; LOG_FORMAT=pretty makes them readable there too", async () => {
    const json = await runServer({}, false);
    expect(jsonLines(json.join("\n")).find((l) => l.msg === "request")).toMatchObject({ req: { url: "/healthz" }, status: 200 });

    const pretty = await runServer({ LOG_FORMAT: "pretty" }, false);
    expect(pretty.filter((l) => l.startsWith("{"))).toEqual([]);
    expect(pretty.join("\n")).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request$/m);
  });
});
