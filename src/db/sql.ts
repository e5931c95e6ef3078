import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { QueryConfig, QueryResult } from "pg";

/**
 * Hand-written SQL for the paths every request takes (authentication, reading and writing users
 * and their memberships), where an entity per row would cost more than the statement itself.
 * Parameters travel as parameters (`$1`, `$2`…; arrays as arrays), never spliced into the text.
 */
export interface Sql {
  /** Runs one statement and returns its rows. */
  query<R = Record<string, unknown>>(statement: string | PreparedStatement, values?: readonly unknown[]): Promise<R[]>;
}

/**
 * A statement whose text is fixed in the code (never built from a request), prepared once per
 * connection and then only executed: PostgreSQL plans the statements every request runs once per
 * connection instead of on every execution, where planning costs more than running them (a
 * credential check with its permissions is planned in about 0.3 ms and runs in 0.1 ms). Texts
 * built per request (filters) stay unprepared, so the prepared set per connection stays bounded.
 */
export class PreparedStatement {
  readonly name: string;
  constructor(readonly text: string) {
    this.name = `rb_${createHash("sha256").update(text).digest("base64url").slice(0, 24)}`;
  }
}

/** {@link PreparedStatement}s by text, so a text assembled from fixed parts at run time is prepared under one name. */
const preparedByText = new Map<string, PreparedStatement>();

export function prepared(text: string): PreparedStatement {
  let statement = preparedByText.get(text);
  if (!statement) preparedByText.set(text, (statement = new PreparedStatement(text)));
  return statement;
}

/** The part of knex's client this module uses: the pool, or inside a transaction its one connection. */
interface ConnectionSource {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

interface PgConnection {
  query(config: QueryConfig): Promise<QueryResult>;
}

/**
 * The statements of `em`'s connection: inside `em.transactional` the transaction's own connection
 * (knex hands every query of a transaction the same one), otherwise one borrowed from the shared
 * pool for each statement. MikroORM and this module therefore share one pool, one set of
 * connection settings (timeouts) and one transaction.
 */
export function sqlOf(em: EntityManager): Sql {
  const context = em.getTransactionContext<{ client: ConnectionSource }>();
  const source: ConnectionSource = context?.client ?? (em.getConnection().getKnex().client as unknown as ConnectionSource);
  return {
    async query<R>(statement: string | PreparedStatement, values?: readonly unknown[]): Promise<R[]> {
      const connection = await source.acquireConnection();
      try {
        return (await connection.query(configOf(statement, values))).rows as R[];
      } finally {
        await source.releaseConnection(connection);
      }
    },
  };
}

/**
 * Rewrites the `?` placeholders of SQL built for MikroORM (as the where-tree compiler emits it)
 * into PostgreSQL's numbered ones, starting at `$<first>`. Only for SQL whose text has no other
 * question marks (no string literals or jsonb `?` operators containing one).
 */
export function numbered(text: string, first = 1): string {
  let n = first;
  return text.replace(/\?/g, () => `$${n++}`);
}

/**
 * A `timestamptz` as this module returns it. MikroORM's connections deliver timestamps as
 * PostgreSQL's text (`2026-12-07 01:12:13.3312+00`) to keep their precision; the hand-written
 * paths turn them into Dates here.
 */
export function timestampOf(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));
}

/**
 * Runs `work` in one transaction on one connection borrowed from the shared pool: BEGIN, the
 * work's statements, COMMIT; ROLLBACK when the work fails. For changes written against Sql alone,
 * which need no ORM unit of work around them.
 */
export async function inSqlTransaction<T>(em: EntityManager, work: (sql: Sql) => Promise<T>): Promise<T> {
  const source = em.getConnection().getKnex().client as unknown as ConnectionSource;
  const connection = await source.acquireConnection();
  const sql: Sql = {
    async query<R>(statement: string | PreparedStatement, values?: readonly unknown[]): Promise<R[]> {
      return (await connection.query(configOf(statement, values))).rows as R[];
    },
  };
  try {
    await connection.query({ text: "begin" });
    const result = await work(sql);
    await connection.query({ text: "commit" });
    return result;
  } catch (err) {
    // A connection that cannot even roll back is broken; the pool replaces it on its next checkout.
    await connection.query({ text: "rollback" }).catch(() => undefined);
    throw err;
  } finally {
    await source.releaseConnection(connection);
  }
}

function configOf(statement: string | PreparedStatement, values?: readonly unknown[]): QueryConfig {
  return typeof statement === "string"
    ? { text: statement, values: values as unknown[] }
    : { name: statement.name, text: statement.text, values: values as unknown[] };
}
