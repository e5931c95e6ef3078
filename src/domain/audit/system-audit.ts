import { noteAudit, type TransactionHandle } from "../unit-of-work.js";
import type { AuditChange } from "./audit.service.js";

/**
 * Who acts when there is no principal: the CLI run by whoever holds the database credentials, or
 * the first-run set-up. Recorded as the AuditEvent's actorUserName (e.g. `system:cli`).
 */
export interface SystemActor {
  name: "cli" | "first-run";
}

/**
 * Records an AuditEvent for a change made at system level (no principal), in the transaction of
 * the change (`inSystemTransaction`). `change.companyId` is required: there is no caller's company.
 */
export function recordSystemAudit(tx: TransactionHandle, actor: SystemActor, change: AuditChange & { companyId: string }): void {
  noteAudit(tx, {
    companyId: change.companyId,
    actorUserId: null,
    actorUserName: `system:${actor.name}`,
    impersonatorUserId: null,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  });
}
