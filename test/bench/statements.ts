/**
 * Statements per operation, counted on the wire: a second server child whose DATABASE_URL is a
 * statement-counting proxy (test/support/statement-counter.ts) in front of the benchmark's
 * database. Each SCIM operation runs serially with the tenant's Authorization; a request's
 * statements are those from its start until the app has been quiet for QUIET_MS after the
 * response, so what the app runs once it has answered (a read's provisioning event) counts too.
 * A batched multi-row provisioning-event insert belongs to no single request: counted apart.
 * The raw-SQL counterparts are counted the same way through a pg pool on the proxy.
 */
import { startStatementCounter, type RecordedStatement, type StatementCounter } from "../support/statement-counter.js";
import { openPool, startServerProcess } from "./harness.js";
import { OPERATION_KEYS, scimClient, type OperationKey, type UsersFixture } from "./users-ops.js";

/** A request is over once no statement has reached the database for this long after its response. */
const QUIET_MS = 60;
/** Waiting for quiet gives up after this (an app that never goes quiet still gets a bounded run). */
const QUIET_LIMIT_MS = 5_000;

export const BATCHED_EVENT_INSERT = /^\/\* provisioning-log batch \*\//;

export interface StatementCount {
  /** Requests counted (those that succeeded). */
  requests: number;
  /** Requests that failed, left out of the figures; the first one's message. */
  errors: number;
  firstError?: string;
  mean: number;
  min: number;
  max: number;
  /** The statements of the last request counted, in order. */
  last: string[];
}

export interface StatementCounts {
  scim: Record<OperationKey, StatementCount>;
  raw: Record<OperationKey, StatementCount>;
  /** Batched multi-row provisioning-event inserts seen while the SCIM requests ran and the child stopped. */
  batchedEventInserts: number;
  /** SCIM requests sent while counting, warm-ups included (those whose events a batch may carry). */
  scimRequests: number;
}

export async function countStatements(
  databaseUrl: string,
  fixture: UsersFixture,
  authorization: string,
  { requests, warmUps, poolMax }: { requests: number; warmUps: number; poolMax: number },
): Promise<StatementCounts> {
  const counter = await startStatementCounter(databaseUrl);
  const scim = {} as Record<OperationKey, StatementCount>;
  const raw = {} as Record<OperationKey, StatementCount>;
  let scimRequests = 0;
  try {
    const server = await startServerProcess(counter.url, { poolMax });
    try {
      const client = scimClient(server.origin, authorization);
      for (const key of OPERATION_KEYS) {
        const op = fixture.scimOperation(key, client);
        scim[key] = await countSerially(counter, op, requests, warmUps);
        scimRequests += requests + warmUps;
      }
    } finally {
      const how = await server.stop();
      if (how.code !== 0) console.error(`the counting server exited with code ${how.code} (signal ${how.signal})`);
    }
    // What the server wrote on its way out (a last batch of events) belongs to the count too.
    await quiet(counter, performance.now());
    const batchedEventInserts = counter.statements().filter((s) => BATCHED_EVENT_INSERT.test(s.sql)).length;

    const pool = openPool(counter.url, 1);
    try {
      for (const key of OPERATION_KEYS) raw[key] = await countSerially(counter, fixture.rawOperation(key, pool), requests, warmUps);
    } finally {
      await pool.end();
    }
    return { scim, raw, batchedEventInserts, scimRequests };
  } finally {
    await counter.close();
  }
}

async function countSerially(counter: StatementCounter, op: () => Promise<void>, requests: number, warmUps: number): Promise<StatementCount> {
  let errors = 0;
  let firstError: string | undefined;
  const attempt = () =>
    op().then(
      () => true,
      (err: unknown) => {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
        return false;
      },
    );
  for (let i = 0; i < warmUps; i++) {
    await attempt();
    await quiet(counter, performance.now());
  }
  errors = 0;
  firstError = undefined;
  await quiet(counter, performance.now());
  const counts: number[] = [];
  let last: RecordedStatement[] = [];
  for (let i = 0; i < requests; i++) {
    const from = counter.statements().length;
    const ok = await attempt();
    await quiet(counter, performance.now());
    if (!ok) continue;
    last = counter.statements().slice(from).filter((s) => !BATCHED_EVENT_INSERT.test(s.sql));
    counts.push(last.length);
  }
  return {
    requests: counts.length,
    errors,
    firstError,
    mean: counts.reduce((a, b) => a + b, 0) / counts.length,
    min: counts.length ? Math.min(...counts) : NaN,
    max: counts.length ? Math.max(...counts) : NaN,
    last: last.map((s) => s.sql),
  };
}

/** Resolves once no statement has been seen for QUIET_MS, counting from `since` at the earliest. */
async function quiet(counter: StatementCounter, since: number): Promise<void> {
  const giveUp = performance.now() + QUIET_LIMIT_MS;
  for (;;) {
    const all = counter.statements();
    const lastAt = Math.max(since, all.length ? all[all.length - 1]!.at : 0);
    const now = performance.now();
    if (now - lastAt >= QUIET_MS) return;
    if (now > giveUp) {
      console.error(`statement count: the app was not quiet for ${QUIET_MS} ms within ${QUIET_LIMIT_MS} ms; counting on`);
      return;
    }
    await new Promise((r) => setTimeout(r, Math.max(5, QUIET_MS - (now - lastAt))));
  }
}
