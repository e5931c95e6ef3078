import { requirePermission } from "../authorization.js";
import { DomainError } from "../errors.js";
import { type Page, type PageRequest, inIdOrder, selectPage } from "../paging.js";
import { LOG_READERS } from "../provisioning/provisioning-log.service.js";
import type { Scope } from "../scope.js";
import { type DateTimeComparison, type FieldMap, type StringComparison, type WhereNode, compileWhere } from "../where.js";
import { AuditEvent } from "./audit-event.entity.js";
import { isUuid } from "../uuid.js";

/** Filters of the audit history: comparisons of one node, with and/or/not children (where.ts). */
export type AuditEventWhere = WhereNode<{
  createdAt?: DateTimeComparison | null;
  action?: StringComparison | null;
  targetType?: StringComparison | null;
  targetId?: StringComparison | null;
  actorUserId?: StringComparison | null;
  actorUserName?: StringComparison | null;
  impersonatorUserId?: StringComparison | null;
}>;

const AUDIT_FIELDS: FieldMap = {
  createdAt: { kind: "datetime", column: "a.created_at" },
  // Actions and target types are identifiers the code writes (`roleMapping.set`, `CustomerRole`).
  action: { kind: "string", column: "a.action", caseExact: true },
  targetType: { kind: "string", column: "a.target_type", caseExact: true },
  targetId: { kind: "string", column: "a.target_id", caseExact: true },
  actorUserId: { kind: "string", column: "a.actor_user_id", caseExact: true },
  actorUserName: { kind: "string", column: "a.actor_user_name" },
  impersonatorUserId: { kind: "string", column: "a.impersonator_user_id", caseExact: true },
};

/**
 * The audit history: every AuditEvent that the services append in the transaction of
 * their change (recordAudit), newest first, filtered and paged in SQL. Hand-built SQL sees no
 * tenant filter, so the company condition comes first.
 */
export class AuditLogService {
  async list(scope: Scope, where?: AuditEventWhere | null, page?: PageRequest | null): Promise<Page<AuditEvent>> {
    requirePermission(scope, ...LOG_READERS);
    const companyId = scope.principal.companyId;
    const compiled = compileWhere(where as Record<string, unknown> | null, AUDIT_FIELDS);
    const ids = await selectPage(scope.em, {
      from: "audit_event a",
      idColumn: "a.id",
      where: { sql: `a.company_id = ?::uuid and (${compiled.sql})`, params: [companyId, ...compiled.params] },
      sort: { expression: "a.created_at", kind: "timestamptz", descending: true },
      page: page ?? {},
    });
    const events = ids.ids.length ? await scope.em.find(AuditEvent, { id: { $in: ids.ids }, company: companyId }) : [];
    return { ...ids, nodes: inIdOrder(ids.ids, events) };
  }

  async get(scope: Scope, id: string): Promise<AuditEvent> {
    requirePermission(scope, ...LOG_READERS);
    const event = isUuid(id) ? await scope.em.findOne(AuditEvent, { id, company: scope.principal.companyId }) : null;
    if (!event) throw DomainError.notFound("AuditEvent", id);
    return event;
  }
}
