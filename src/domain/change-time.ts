/**
 * The time a change is stamped with, as SQL: the database's clock, not an instance's, so several
 * instances agree on the order of changes and a resource's `meta.lastModified` never goes
 * backwards; `clock_timestamp()`, not `now()`, since `now()` is the transaction's start, before any
 * lock wait. Kept at millisecond precision, the precision clients read back and send in
 * `meta.lastModified gt` filters (SailPoint's deltas), so that the value a client was given is
 * not itself "greater than" what it was given.
 */
export const CHANGE_TIME = "date_trunc('milliseconds', clock_timestamp())";
