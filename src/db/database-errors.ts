import { DeadlockException, LockWaitTimeoutException } from "@mikro-orm/postgresql";

/**
 * How PostgreSQL failures are told apart, for every layer that must answer them: the domain
 * retries a transaction that lost a race, and the transports answer 503 (so the client retries)
 * when the database cannot be reached, instead of a 401 or a 500.
 */

/** PostgreSQL serialization failure (40001) or deadlock (40P01): safe to run the transaction again. */
export function isSerializationFailure(err: unknown): boolean {
  if (err instanceof DeadlockException || err instanceof LockWaitTimeoutException) return true;
  const code = (err as { code?: string })?.code;
  return code === "40001" || code === "40P01";
}

/** PostgreSQL down, restarting or unreachable: the client should retry, not see an internal error. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === "ConnectionException" || e.name === "KnexTimeoutError") return true;
  if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004"].includes(e.code ?? "")) return true;
  // pg's own errors carry no code: a pooled client whose server went away ("Client has encountered
  // a connection error and is not queryable"), and PostgreSQL stopping or starting (57P01/57P03 text).
  return /Timeout acquiring a connection|Connection terminated|connect ECONNREFUSED|not queryable|terminating connection due to administrator command|the database system is (shutting down|starting up|in recovery mode)/i.test(
    e.message ?? "",
  );
}
