import { type EntityManager, UniqueConstraintViolationException, ForeignKeyConstraintViolationException } from "@mikro-orm/postgresql";
import { isSerializationFailure } from "../db/database-errors.js";
import { inSqlTransaction as transactionOn, prepared, type Sql, sqlOf } from "../db/sql.js";
import { type AuditRow, auditInsert, auditParameter } from "./audit/audit.rows.js";
import { DomainError } from "./errors.js";
import { type ProvisioningEventRow, provisioningEventInsert, provisioningEventParameter } from "./provisioning/provisioning-event.rows.js";
import type { Scope } from "./scope.js";

/** How many times a transaction is retried after a serialization failure or deadlock. */
const MAX_ATTEMPTS = 6;

/** What a change contributes to its request's ProvisioningEvent; the rest comes from the request's descriptor. */
export interface ProvisioningRecord<T> {
  resourceType: string;
  resourceId?: (result: T) => string | undefined;
  /** What else the change did, for the log (e.g. the roles a one-role-at-a-time move left). */
  detail?: (result: T) => string | undefined;
}

/** The records a transaction writes with its change, kept per transaction handle. */
interface TransactionRecords {
  audit: AuditRow[];
  /** The request's ProvisioningEvent, given the change's result (undefined outside a SCIM request). */
  event(result: unknown): ProvisioningEventRow | undefined;
  /** Set once the change's last statement has carried the records (takeRecords). */
  written: boolean;
}

/** A transaction's handle: the EntityManager of an ORM transaction, or the Sql of a hand-written one. */
export type TransactionHandle = EntityManager | Sql;

const recordsOf = new WeakMap<TransactionHandle, TransactionRecords>();

/**
 * Runs `work` in one transaction and commits the change together with its records: the
 * AuditEvents the work noted with `recordAudit`, and, for a SCIM request, its ProvisioningEvent,
 * written in one statement just before COMMIT (a write and its record are one transaction).
 * Serialization failures (40001) and deadlocks (40P01) are retried here, and only here, in a
 * bounded loop with jitter; unique violations become CONFLICT.
 */
export async function inTransaction<T>(scope: Scope, work: (em: EntityManager) => Promise<T>, record?: ProvisioningRecord<T>): Promise<T> {
  return retrying(scope.em, () => scope.em.transactional((em) => withRecords(em, sqlOf(em), scope, () => work(em), record)));
}

/**
 * The same for a change written against Sql alone (users, the request path of every SCIM write):
 * one transaction on one pooled connection, with no ORM unit of work to set up around it. Called
 * from inside another change's transaction (an upload creating users), the work joins it, and is
 * retried with it.
 */
export async function inSqlTransaction<T>(scope: Scope, work: (sql: Sql) => Promise<T>, record?: ProvisioningRecord<T>): Promise<T> {
  if (scope.em.isInTransaction()) {
    const sql = sqlOf(scope.em);
    return withRecords(sql, sql, scope, () => work(sql), record);
  }
  return retrying(scope.em, () => transactionOn(scope.em, (sql) => withRecords(sql, sql, scope, () => work(sql), record)));
}

/**
 * A change that is one writing statement, which carries its own records (takeRecords): a single
 * statement is a transaction of its own, so it runs without BEGIN and COMMIT around it, two round
 * trips less. What the work reads before it (a password policy) is read as plain reads. Called
 * from inside another change's transaction, it joins that one.
 */
export async function inOneStatement<T>(scope: Scope, work: (sql: Sql) => Promise<T>, record?: ProvisioningRecord<T>): Promise<T> {
  if (scope.em.isInTransaction()) return inSqlTransaction(scope, work, record);
  const sql = sqlOf(scope.em);
  return retrying(scope.em, () =>
    withRecords(sql, sql, scope, work.bind(null, sql), record, () => {
      // Its write has committed already: a record left over could no longer commit with it.
      throw new Error("a one-statement change must write its records with its statement (takeRecords)");
    }),
  );
}

/** Runs the work of one transaction, collecting what it records, and writes the records before the transaction commits. */
async function withRecords<T>(
  handle: TransactionHandle,
  sql: Sql,
  scope: Scope,
  work: () => Promise<T>,
  record?: ProvisioningRecord<T>,
  leftOver?: () => never,
): Promise<T> {
  const p = scope.provisioning;
  const records: TransactionRecords = {
    audit: [],
    written: false,
    event: (result) =>
      p && record
        ? {
            id: p.requestId,
            companyId: scope.principal.companyId,
            appPasswordId: p.appPasswordId ?? null,
            method: p.method,
            path: p.path,
            resourceType: record.resourceType,
            resourceId: record.resourceId?.(result as T) ?? null,
            status: p.status,
            scimType: null,
            detail: record.detail?.(result as T) ?? null,
            durationMs: performance.now() - p.startedAt,
            normalizations: p.normalizations,
            createdAt: new Date(),
          }
        : undefined,
  };
  recordsOf.set(handle, records);
  const result = await work();
  if (!records.written) {
    const event = records.event(result);
    if (leftOver && (records.audit.length || event)) leftOver();
    await writeRecords(sql, records.audit, event);
  }
  return result;
}

/** What a change's last statement appends to write the transaction's records itself. */
export interface RecordsClause {
  /** `, <name> as (insert …)` for each record kind present, with parameters from the `firstParam` given. */
  ctes: string;
  values: unknown[];
  /** Which kinds are present, for the caller's statement cache. */
  shape: string;
}

/**
 * Hands the transaction's records to the change's last statement, which writes them as CTEs of
 * its own (one round trip less than a statement of their own before COMMIT); the unit of work then
 * writes nothing more. `result` is what the change will return (the ProvisioningEvent names its
 * resource). Only for the statement after which the change records nothing more and writes nothing else.
 */
export function takeRecords(tx: TransactionHandle, firstParam: number, result: unknown): RecordsClause | undefined {
  const records = recordsOf.get(tx);
  if (!records || records.written) return undefined;
  const event = records.event(result);
  if (records.audit.length === 0 && !event) return undefined;
  records.written = true;
  let ctes = "";
  const values: unknown[] = [];
  if (records.audit.length) {
    ctes += `, audit_records as (${auditInsert(firstParam + values.length)})`;
    values.push(auditParameter(records.audit));
  }
  if (event) {
    ctes += `, provisioning_record as (${provisioningEventInsert(firstParam + values.length)})`;
    values.push(provisioningEventParameter([event]));
  }
  return { ctes, values, shape: `${records.audit.length > 0}:${Boolean(event)}` };
}

/** Notes an AuditEvent of the transaction `tx` is the handle of; it is written just before that transaction commits. */
export function noteAudit(tx: TransactionHandle, row: AuditRow): void {
  const records = recordsOf.get(tx);
  if (!records) throw new Error("an audit record needs the transaction of its change: call it inside inTransaction, inSqlTransaction or inOneStatement");
  if (records.written) throw new Error("the transaction's records were already written with its last statement");
  records.audit.push(row);
}

async function retrying<T>(em: EntityManager, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (isSerializationFailure(err) && n < MAX_ATTEMPTS) {
        em.clear();
        await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** n));
        continue;
      }
      throw translateDatabaseError(err);
    }
  }
}

const AUDIT_AND_EVENT = prepared(`with audit as (${auditInsert(1)}) ${provisioningEventInsert(2)}`);
const EVENT = prepared(provisioningEventInsert(1));
const AUDIT = prepared(auditInsert(1));

/** The transaction's audit rows and provisioning event, in one statement. */
async function writeRecords(sql: Sql, audit: AuditRow[], event?: ProvisioningEventRow): Promise<void> {
  if (audit.length === 0 && !event) return;
  if (audit.length && event) {
    await sql.query(AUDIT_AND_EVENT, [auditParameter(audit), provisioningEventParameter([event])]);
  } else if (event) {
    await sql.query(EVENT, [provisioningEventParameter([event])]);
  } else {
    await sql.query(AUDIT, [auditParameter(audit)]);
  }
}

/** Constraint names → the field a client should fix. */
const CONSTRAINT_FIELDS: Record<string, string> = {
  user_account_user_name_ci: "userName",
  customer_role_display_name_ci: "displayName",
  data_access_role_name_ci: "name",
  app_access_role_name_ci: "name",
  company_slug_ci: "slug",
  app_password_one_active_per_user: "appPassword",
  sso_domain_domain_ci: "domain",
};

/** PostgreSQL's unique_violation and foreign_key_violation, as hand-written SQL meets them (without MikroORM's wrapping). */
const UNIQUE_VIOLATION = "23505";
const FOREIGN_KEY_VIOLATION = "23503";

export function translateDatabaseError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  const code = (err as { code?: string })?.code;
  if (err instanceof UniqueConstraintViolationException || code === UNIQUE_VIOLATION) {
    const constraint = (err as unknown as { constraint?: string }).constraint ?? "";
    const field = CONSTRAINT_FIELDS[constraint] ?? "id";
    if (constraint === "app_password_one_active_per_user") {
      return new DomainError("CONFLICT", "this account already has an active app password; revoke it first", {
        field,
        reason: "ACTIVE_APP_PASSWORD",
      });
    }
    return DomainError.conflict(field, `${field} is already taken`);
  }
  if (err instanceof ForeignKeyConstraintViolationException || code === FOREIGN_KEY_VIOLATION) {
    return DomainError.invalid("id", "a referenced resource does not exist");
  }
  return err;
}
