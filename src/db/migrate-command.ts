import { loadConfig } from "../config.js";
import { openDatabase } from "./database.js";
import { applyMigrations } from "./migrate.js";

/** `npm run migrate`: applies pending migrations to the configured database, then exits. */
const config = loadConfig();
const db = await openDatabase(config, { log: (line) => console.log(line) });
try {
  const applied = await applyMigrations(db.orm);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} finally {
  await db.close();
}
