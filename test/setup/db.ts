import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { withDatabase } from "../../src/db/database.js";

/** Creates this test file's own database as a copy of the migrated template; returns its URL. */
export async function cloneTemplateDatabase(): Promise<string> {
  const server = inject("pgServerUrl");
  const name = `${inject("runPrefix")}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`create database "${name}" template "${inject("templateDatabase")}"`);
        break;
      } catch (err) {
        // "source database is being accessed by other users": another file is cloning right now.
        if ((err as { code?: string }).code !== "55006" || attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } finally {
    await client.end();
  }
  return withDatabase(server, name);
}
