import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The URL of the embedded PostgreSQL that a running `npm start` already serves from `dataDir`,
 * or null. PostgreSQL allows one postmaster per data directory, so a second process (the CLI
 * beside a running server) must connect to it instead of starting its own. Read from
 * `postmaster.pid`: line 1 is the pid, line 4 the port.
 */
export function runningEmbeddedPostgresUrl(dataDir: string, database: string): string | null {
  let lines: string[];
  try {
    lines = readFileSync(path.resolve(dataDir, "pg", "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but owned by another OS user (the unprivileged postgres user when run as root).
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  // The credentials embedded-postgres.ts gives the server it starts.
  return `postgres://rolebridge:rolebridge@127.0.0.1:${port}/${database}`;
}
