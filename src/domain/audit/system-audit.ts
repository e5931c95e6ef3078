import type { EntityManager } from "@mikro-orm/postgresql";
import { Company } from "../companies/company.entity.js";
import { AuditEvent } from "./audit-event.entity.js";
import type { AuditChange } from "./audit.service.js";

/**
 * Who acts when there is no principal: the CLI run by whoever holds the database credentials, or
 * the first-run set-up. Recorded as the AuditEvent's actorUserName (e.g. `system:cli`).
 */
export interface SystemActor {
  name: "cli" | "first-run";
}

/**
 * Appends an AuditEvent for a change made at system level (no principal), in the transaction of
 * the change (DESIGN rule 6). `change.companyId` is required: there is no caller's company.
 */
export function recordSystemAudit(em: EntityManager, actor: SystemActor, change: AuditChange & { companyId: string }): AuditEvent {
  const event = em.create(AuditEvent, {
    company: em.getReference(Company, change.companyId),
    actorUserId: null,
    actorUserName: `system:${actor.name}`,
    impersonatorUserId: null,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  });
  em.persist(event);
  return event;
}
