import type { Scope } from "../scope.js";
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
  noteAudit(tx, {
    companyId: change.companyId ?? scope.principal.companyId,
    actorUserId: scope.principal.userId,
    actorUserName: scope.principal.userName,
    impersonatorUserId: scope.principal.impersonatorUserId ?? null,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  });
}
