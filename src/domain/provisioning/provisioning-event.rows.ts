import { isUuid } from "../uuid.js";

/**
 * How a ProvisioningEvent is written, in one place: the change of a SCIM request writes its event
 * inside its own transaction (the unit of work), and reads and refused requests are written later
 * in multi-row batches (provisioning-event.batch.ts). Both go through this statement.
 */

/** One SCIM request as the provisioning log keeps it. */
export interface ProvisioningEventRow {
  /** The request id (X-Request-Id, quoted in SCIM error bodies). */
  id: string;
  /** The company the request belongs to; null for a credential that names none. */
  companyId: string | null;
  appPasswordId: string | null;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  status: number;
  scimType: string | null;
  detail: string | null;
  durationMs: number;
  normalizations: readonly string[];
  /** When the request was answered. */
  createdAt: Date;
}

const MAX_TEXT = 2000;
// Request paths and error details quote what a client sent; PostgreSQL text holds neither NUL nor
// a lone UTF-16 surrogate, and one such character would fail the whole batch.
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string, max = MAX_TEXT): string {
  return value.slice(0, max).replace(NUL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * An `insert … select` of the rows passed as one JSON parameter (`$<param>`). A company or app
 * password deleted since the request (a user's deletion takes its app passwords along) is
 * recorded as null rather than failing the whole batch on its foreign key; an id already written
 * is skipped, so a batch written twice after a failure doubles nothing.
 */
export function provisioningEventInsert(param: number): string {
  return `insert into provisioning_event
            (id, company_id, app_password_id, method, path, resource_type, resource_id, outcome, status, scim_type, detail, duration_ms, normalizations, created_at)
          select e.id,
                 (select c.id from company c where c.id = e.company_id),
                 (select ap.id from app_password ap where ap.id = e.app_password_id),
                 e.method, e.path, e.resource_type, e.resource_id,
                 case when e.status < 400 then 'success' else 'failure' end,
                 e.status, e.scim_type, e.detail, e.duration_ms, e.normalizations, e.created_at
            from jsonb_to_recordset($${param}::jsonb) as e(
                   id uuid, company_id uuid, app_password_id uuid, method text, path text, resource_type text, resource_id text,
                   status int, scim_type text, detail text, duration_ms int, normalizations text[], created_at timestamptz)
          on conflict (id) do nothing`;
}

/** The JSON parameter of {@link provisioningEventInsert}. Ids from a hostile URL are kept only when they can be ours. */
export function provisioningEventParameter(rows: readonly ProvisioningEventRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      company_id: r.companyId,
      app_password_id: r.appPasswordId && isUuid(r.appPasswordId) ? r.appPasswordId : null,
      method: text(r.method, 16),
      path: text(r.path),
      resource_type: r.resourceType,
      resource_id: r.resourceId && isUuid(r.resourceId) ? r.resourceId : null,
      status: r.status,
      scim_type: r.scimType,
      detail: r.detail === null ? null : text(r.detail),
      duration_ms: Math.max(0, Math.round(r.durationMs)),
      normalizations: r.normalizations.map((n) => text(n, 100)),
      created_at: r.createdAt.toISOString(),
    })),
  );
}
