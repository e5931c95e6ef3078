/**
 * How an AuditEvent is written: noted during a change and inserted by the unit of work in the
 * change's own transaction, with the request's ProvisioningEvent, in one statement.
 */
export interface AuditRow {
  companyId: string;
  actorUserId: string | null;
  actorUserName: string | null;
  impersonatorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * An `insert … select` of the rows passed as one JSON parameter (`$<param>`). Their time is the
 * database's clock at the moment of the insert, like every other change time (several instances
 * never disagree about order).
 */
export function auditInsert(param: number): string {
  return `insert into audit_event (id, company_id, actor_user_id, actor_user_name, impersonator_user_id, action, target_type, target_id, before, after, created_at)
          select gen_random_uuid(), a.company_id, a.actor_user_id, a.actor_user_name, a.impersonator_user_id, a.action, a.target_type, a.target_id,
                 a.before, a.after, clock_timestamp()
            from jsonb_to_recordset($${param}::jsonb) as a(
                   company_id uuid, actor_user_id text, actor_user_name text, impersonator_user_id text, action text, target_type text,
                   target_id text, before jsonb, after jsonb)`;
}

export function auditParameter(rows: readonly AuditRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      company_id: r.companyId,
      actor_user_id: r.actorUserId,
      actor_user_name: r.actorUserName,
      impersonator_user_id: r.impersonatorUserId,
      action: r.action,
      target_type: r.targetType,
      target_id: r.targetId,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
  );
}
