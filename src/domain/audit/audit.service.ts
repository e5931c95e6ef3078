import type { EntityManager } from "@mikro-orm/postgresql";
import { Company } from "../companies/company.entity.js";
import type { Scope } from "../scope.js";
import { AuditEvent } from "./audit-event.entity.js";

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
 * Appends an AuditEvent to the transaction of the change it describes (DESIGN rule 6), so the
 * history cannot disagree with the data. Call it with the transaction's EntityManager.
 */
export function recordAudit(em: EntityManager, scope: Scope, change: AuditChange): AuditEvent {
  const event = em.create(AuditEvent, {
    company: em.getReference(Company, change.companyId ?? scope.principal.companyId),
    actorUserId: scope.principal.userId,
    actorUserName: scope.principal.userName,
    impersonatorUserId: scope.principal.impersonatorUserId ?? null,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  });
  em.persist(event);
  return event;
}
