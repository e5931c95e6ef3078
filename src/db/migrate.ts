import type { MikroORM } from "@mikro-orm/postgresql";
import type { Migrator } from "@mikro-orm/migrations";
import { loadMigrationsList, migrationNames } from "../../migrations/index.js";

const MIGRATIONS_TABLE = "mikro_orm_migrations";

/**
 * The shipped migrations the database has not applied, in order: one query, without loading
 * MikroORM's migrator (umzug and its dependencies cost a CLI command a third of its start-up).
 */
export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  let applied: Set<string>;
  try {
    const rows = await orm.em.getConnection().execute<{ name: string }[]>(`select name from ${MIGRATIONS_TABLE}`);
    applied = new Set(rows.map((r) => r.name));
  } catch (err) {
    // 42P01 undefined_table: a new database, where every migration is pending.
    if ((err as { code?: string }).code !== "42P01") throw err;
    applied = new Set();
  }
  return migrationNames.filter((name) => !applied.has(name));
}

/** MikroORM's migrator over the shipped migrations, loaded on first use. */
export async function migratorOf(orm: MikroORM): Promise<Migrator> {
  const { Migrator } = await import("@mikro-orm/migrations");
  orm.config.set("migrations", { ...orm.config.get("migrations"), migrationsList: await loadMigrationsList() });
  Migrator.register(orm);
  return orm.migrator as Migrator;
}

/** Applies pending migrations (at start, by `npm run migrate` and by the CLI); returns their names. */
export async function applyMigrations(orm: MikroORM): Promise<string[]> {
  if ((await pendingMigrations(orm)).length === 0) return [];
  const done = await (await migratorOf(orm)).up();
  return done.map((m) => m.name);
}
