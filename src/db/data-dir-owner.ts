import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { StartupFailure } from "../startup-failure.js";

/**
 * One server per DATA_DIR. Its embedded PostgreSQL belongs to the server that started it, and
 * stopping that server stops the database: a second server attached to it would lose its
 * database under its feet. So a server claims the folder with `rolebridge.pid` and a second one
 * is refused with the owner's PID. A claim whose process is gone (a crash, a kill -9) is taken
 * over, and so is the PostgreSQL it left running. The CLI claims nothing: it works beside the
 * server, on the server's PostgreSQL.
 */
export function claimDataDir(dataDir: string): { release(): void } {
  const file = path.resolve(dataDir, "rolebridge.pid");
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      return {
        release() {
          if (ownerOf(file) === process.pid) unlinkSync(file);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw err;
    }
    const owner = ownerOf(file);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new StartupFailure(
        `DATA_DIR ${path.resolve(dataDir)} belongs to the rolebridge server with PID ${owner}: stop it first, or start this one with another DATA_DIR and EMBEDDED_PG_PORT`,
      );
    }
    unlinkSync(file);
  }
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
