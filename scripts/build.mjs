#!/usr/bin/env node
/**
 * `npm run build`: compiles src, migrations and the bench with swc, only when they changed, and
 * never under a running process. Each build goes to a folder of its own, .build/<fingerprint>,
 * and `dist` is a symbolic link switched to it in one rename. A process started earlier keeps
 * loading its modules from the folder it resolved at start-up (Node follows the link once), so a
 * build beside a running server or CLI command cannot hand it half-written files; with nothing
 * changed there is no build at all. The admin console (admin/) is built by Vite into the same
 * folder (dist/admin), which the server serves at /admin, and the CLI is bundled into one file
 * that `npm run cli` runs (dist/cli.cjs, see bundle-cli.mjs).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCli } from "./bundle-cli.mjs";

// BUILD_ROOT: another project laid out the same way (the build's own tests).
const ROOT = path.resolve(process.env.BUILD_ROOT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
const SOURCES = ["src", "migrations", "test/bench", "test/support"];
/** The admin console's sources: a browser app built by Vite, not by swc. */
const CONSOLE = "admin";
// The recipe too: a change to how the build is made is a change to what it makes.
const INPUTS = [".swcrc", "package-lock.json", "scripts/build.mjs", "scripts/bundle-cli.mjs", "scripts/cli.cjs"];
const BUILDS = path.join(ROOT, ".build");
const LINK = path.join(ROOT, "dist");
/** Builds kept besides the current one, for processes started from them that still run. */
const KEEP = 3;

function files(dir) {
  const full = path.join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .sort();
}

function fingerprint() {
  const hash = createHash("sha256");
  for (const file of [...INPUTS, ...[...SOURCES, CONSOLE].flatMap(files)]) {
    hash.update(file).update("\0");
    if (existsSync(path.join(ROOT, file))) hash.update(readFileSync(path.join(ROOT, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

const id = fingerprint();
const target = path.join(BUILDS, id);
const relativeTarget = path.relative(ROOT, target);
const current = isLink(LINK) ? readlinkSync(LINK) : undefined;
if (current === relativeTarget && existsSync(path.join(target, ".complete"))) process.exit(0);

if (!existsSync(path.join(target, ".complete"))) {
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  execFileSync(path.join(ROOT, "node_modules", ".bin", "swc"), [...SOURCES.filter((dir) => existsSync(path.join(ROOT, dir))), "-d", staging, "-q"], { cwd: ROOT, stdio: "inherit" });
  // A project without the console (the build's own tests) builds without it.
  if (existsSync(path.join(ROOT, CONSOLE, "index.html"))) {
    const vite = path.join(ROOT, "node_modules", ".bin", "vite");
    execFileSync(vite, ["build", "--config", path.join(ROOT, CONSOLE, "vite.config.ts"), "--outDir", path.join(staging, CONSOLE)], { cwd: ROOT, stdio: "inherit" });
  }
  if (existsSync(path.join(staging, "src", "cli.js"))) await bundleCli(staging);
  execFileSync("touch", [path.join(staging, ".complete")]);
  try {
    renameSync(staging, target);
  } catch (err) {
    // Another build of the same sources finished first; its output is the same.
    if (!["ENOTEMPTY", "EEXIST"].includes(err.code)) throw err;
    rmSync(staging, { recursive: true, force: true });
  }
}

// `dist` from before builds had folders of their own is a plain directory: replace it once.
if (existsSync(LINK) && !isLink(LINK)) rmSync(LINK, { recursive: true, force: true });
const swap = `${LINK}.${process.pid}.tmp`;
rmSync(swap, { force: true });
symlinkSync(relativeTarget, swap);
renameSync(swap, LINK);

const old = readdirSync(BUILDS)
  .filter((name) => name !== id && /^[0-9a-f]{16}$/.test(name))
  .map((name) => ({ name, mtime: statSync(path.join(BUILDS, name)).mtimeMs }))
  .sort((a, b) => b.mtime - a.mtime);
for (const { name } of old.slice(KEEP)) rmSync(path.join(BUILDS, name), { recursive: true, force: true });

function isLink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
