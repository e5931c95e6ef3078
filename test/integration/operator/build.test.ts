import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run build` (scripts/build.mjs), which `npm start`, `npm run cli` and the bench run first:
 * it builds only when sources changed, and a build never rewrites the files a running process
 * loads from. Run on a project of its own laid out as this one, so its sources can change.
 */
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const run = promisify(execFile);
let project: string;

async function build(): Promise<void> {
  await run(process.execPath, [path.join(ROOT, "scripts", "build.mjs")], { env: { ...process.env, BUILD_ROOT: project }, timeout: 60_000 });
}

async function writeSource(text: string): Promise<void> {
  await writeFile(path.join(project, "src", "greeting.ts"), `export const greeting: string = ${JSON.stringify(text)};\n`);
}

async function importGreeting(file: string): Promise<string> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", `import(${JSON.stringify(file)}).then((m) => console.log(m.greeting))`]);
  return stdout.trim();
}

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), "rolebridge-build-"));
  await mkdir(path.join(project, "src"));
  await copyFile(path.join(ROOT, ".swcrc"), path.join(project, ".swcrc"));
  await writeFile(path.join(project, "package-lock.json"), "{}\n");
  await symlink(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
  await writeSource("first");
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe("npm run build", () => {
  it("builds into a folder of its own and links dist to it; with nothing changed it builds nothing", async () => {
    await build();
    const first = realpathSync(path.join(project, "dist"));
    expect(path.relative(project, first)).toMatch(/^\.build\/[0-9a-f]{16}$/);
    expect(await importGreeting(path.join(project, "dist", "src", "greeting.js"))).toBe("first");

    await build();
    expect(realpathSync(path.join(project, "dist"))).toBe(first);
    expect(await readdir(path.join(project, ".build"))).toEqual([path.basename(first)]);
  });

  it("a change builds anew beside the old build, which a process started from it keeps loading unchanged", async () => {
    const before = realpathSync(path.join(project, "dist"));
    await writeSource("second");
    await build();
    const after = realpathSync(path.join(project, "dist"));
    expect(after).not.toBe(before);
    expect(await importGreeting(path.join(project, "dist", "src", "greeting.js"))).toBe("second");
    // What a process that resolved dist before the build loads is still the whole first build.
    expect(await importGreeting(path.join(before, "src", "greeting.js"))).toBe("first");
  });

  it("builds running at once after a change all succeed and leave dist on a complete build", async () => {
    await writeSource("third");
    await Promise.all(Array.from({ length: 4 }, () => build()));
    const current = realpathSync(path.join(project, "dist"));
    expect(existsSync(path.join(current, ".complete"))).toBe(true);
    expect(await importGreeting(path.join(project, "dist", "src", "greeting.js"))).toBe("third");
    expect((await readdir(path.join(project, ".build"))).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect((await readdir(project)).filter((n) => n.startsWith("dist."))).toEqual([]);
  });
});
