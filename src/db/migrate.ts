import type { MikroORM } from "@mikro-orm/postgresql";

/** Applies pending migrations (at start and by `npm run migrate`); returns their names. */
export async function applyMigrations(orm: MikroORM): Promise<string[]> {
  const done = await orm.migrator.up();
  return done.map((m) => m.name);
}
