const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` can name a row at all: every id is a UUID, and anything else must never reach a
 * `::uuid` cast (a 500), nor a query that could only come back empty. A request naming a
 * malformed id gets the same answer as one naming an unknown id.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
