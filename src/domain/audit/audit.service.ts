import { sqlOf } from "../../db/sql.js";
import { isSystemPrincipal } from "../principal.js";
import type { Scope } from "../scope.js";
import { auditInsert, auditParameter, type AuditRow } from "./audit.rows.js";
import { noteAudit, type TransactionHandle } from "../unit-of-work.js";

export interface AuditChange {
  /** The company the change belongs to, when not the caller's own (platform operators). */
  companyId?: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records an AuditEvent in the transaction of the change it describes (a write and its record are
 * one transaction), so the history cannot disagree with the data. Call it with the transaction's
 * handle (its EntityManager or Sql), inside `inTransaction`; the unit of work writes it just before COMMIT.
 */
export function recordAudit(tx: TransactionHandle, scope: Scope, change: AuditChange): void {
  noteAudit(tx, auditRowOf(scope, change));
}

function auditRowOf(scope: Scope, change: AuditChange): AuditRow {
  return {
    companyId: change.companyId ?? scope.principal.companyId,
    // The system principal is no user: the actor is the name alone (`system:cli`).
    actorUserId: isSystemPrincipal(scope.principal) ? null : scope.principal.userId,
    actorUserName: scope.principal.userName,
    impersonatorUserId: scope.principal.impersonatorUserId ?? null,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  };
}

const REFUSAL = auditInsert(1);

/**
 * Records a change that was refused, in a statement of its own: the refused change's transaction
 * rolled back, and with it anything it had noted. Auditors see who tried what, and why it was refused.
 */
export async function recordRefusal(scope: Scope, change: AuditChange): Promise<void> {
  await sqlOf(scope.em).query(REFUSAL, [auditParameter([auditRowOf(scope, change)])]);
}
