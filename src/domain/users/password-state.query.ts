import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Which of these users have a password, without reading any hash into the process: the hash is
 * a lazy, hidden column, and `User.hasPassword` needs only whether it is set. The ids are those of
 * users the caller has already been allowed to load, so no tenant condition is needed here.
 */
export async function usersWithPassword(em: EntityManager, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: { id: string }[] = await em
    .getConnection()
    .execute(`select id from user_account where id in (${ids.map(() => "?::uuid").join(", ")}) and password_hash is not null`, [...ids]);
  return new Set(rows.map((r) => r.id));
}
