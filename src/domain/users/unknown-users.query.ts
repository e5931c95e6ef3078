import { DomainError } from "../errors.js";
import { isUuid } from "../uuid.js";

/**
 * Which ids of a list name no user of the company: a `text[]` expression with `?` placeholders,
 * for a caller to embed in a statement it runs anyway (a member change reads its company's
 * settings in the same statement). One index probe per id, in the list's order; the ids must be
 * well-formed (requireKnownUsers names the malformed ones).
 */
export function unknownUserIds(userIds: readonly string[], companyId: string): { sql: string; params: unknown[] } {
  return {
    sql: `array(select w.id::text from unnest(?::uuid[]) with ordinality as w(id, n)
                 where not exists (select 1 from user_account u where u.id = w.id and u.company_id = ?)
                 order by w.n)`,
    params: [userIds, companyId],
  };
}

/**
 * Fails with BAD_USER_INPUT naming every id that is malformed or (`unknownIds`, from
 * unknownUserIds) names no user of the company, so a client learns which ids to fix (SailPoint
 * acts on the detail). At most 20 are named; the count of the rest is given.
 */
export function requireKnownUsers(userIds: readonly string[], unknownIds: readonly string[], field: string): void {
  const malformed = userIds.filter((u) => !isUuid(u));
  const unknown = [...malformed, ...unknownIds];
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, 20).join(", ");
  const more = unknown.length > 20 ? ` and ${unknown.length - 20} more` : "";
  throw DomainError.invalid(field, `no user with id ${shown}${more} exists in this company`);
}
