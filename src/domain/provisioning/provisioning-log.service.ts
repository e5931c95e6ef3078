import { Permission } from "../access-roles/permission.js";
import { requirePermission } from "../authorization.js";
import { numbered, sqlOf } from "../../db/sql.js";
import { DomainError } from "../errors.js";
import { type Page, type PageRequest, inIdOrder, selectPage } from "../paging.js";
import type { Scope } from "../scope.js";
import { User } from "../users/user.entity.js";
import { type UserView, userViewOfEntity } from "../users/user.view.js";
import { type DateTimeComparison, type FieldMap, type IdComparison, type StringComparison, compileWhere } from "../where.js";
import { ProvisioningEvent } from "./provisioning-event.entity.js";
import { isUuid } from "../uuid.js";

/** Who may read the provisioning log and the audit history. */
export const LOG_READERS = [Permission.CanConfigureCompany, Permission.CanViewAuditLog] as const;

export type ProvisioningOutcome = "success" | "failure";

/** Comparisons of an HTTP status code (numeric, unlike the string comparisons of where.ts). */
export interface StatusComparison {
  eq?: number | null;
  ne?: number | null;
  gt?: number | null;
  ge?: number | null;
  lt?: number | null;
  le?: number | null;
  in?: readonly number[] | null;
}

/** Filters of the provisioning log; every condition given must hold. */
export interface ProvisioningEventWhere {
  createdAt?: DateTimeComparison | null;
  appPasswordId?: IdComparison | null;
  clientId?: StringComparison | null;
  method?: StringComparison | null;
  path?: StringComparison | null;
  resourceType?: StringComparison | null;
  resourceId?: StringComparison | null;
  scimType?: StringComparison | null;
  outcome?: ProvisioningOutcome | null;
  status?: StatusComparison | null;
}

/** How the where-fields map to SQL over `provisioning_event e left join app_password ap` (compiled by where.ts). */
const EVENT_FIELDS: FieldMap = {
  createdAt: { kind: "datetime", column: "e.created_at" },
  appPasswordId: { kind: "id", column: "e.app_password_id" },
  // A Client ID is an exact identifier (RFC 7617 user-id), so compared case-sensitively.
  clientId: { kind: "string", column: "ap.client_id", caseExact: true },
  method: { kind: "string", column: "e.method" },
  path: { kind: "string", column: "e.path", caseExact: true },
  resourceType: { kind: "string", column: "e.resource_type" },
  resourceId: { kind: "string", column: "e.resource_id", caseExact: true },
  scimType: { kind: "string", column: "e.scim_type", caseExact: true },
};

const EVENT_FROM = "provisioning_event e left join app_password ap on ap.id = e.app_password_id";

/** Users listed by name in a summary (the count is always exact). */
const SAMPLE_LIMIT = 20;
const DEFAULT_WINDOW_MS = 24 * 3600 * 1000;

export interface StatusCount {
  status: number;
  count: number;
}

export interface NormalizationCount {
  normalization: string;
  count: number;
}

/** What an admin wiring an IdP asks first, over a time window. */
export interface ProvisioningSummary {
  since: Date;
  until: Date;
  totalRequests: number;
  successCount: number;
  failureCount: number;
  countsByStatus: StatusCount[];
  /** The latest successful request at or before `until`, however old. */
  lastSuccess: ProvisioningEvent | null;
  /** The latest failed request at or before `until`, however old. */
  lastFailure: ProvisioningEvent | null;
  /** 401s in the window whose Client ID is one of the company's, revoked at the time of the request. */
  revokedCredentialRequests: number;
  /** 401s in the window whose Client ID is one of the company's, not revoked: a wrong or stale secret. */
  wrongSecretRequests: number;
  normalizations: NormalizationCount[];
  /** Users created through SCIM in the window (POST /Users that succeeded) lacking givenName or familyName now. */
  usersCreatedWithoutNameCount: number;
  usersCreatedWithoutName: UserView[];
}

/**
 * The provisioning log: one ProvisioningEvent per SCIM request, read newest first,
 * filtered and paged in SQL. ProvisioningEvent has no tenant filter (a request
 * with an unknown credential belongs to no company), so every statement here names the company.
 */
export class ProvisioningLogService {
  /** A page of the company's events, newest first (ties broken by id), offset or cursor paging. */
  async list(scope: Scope, where?: ProvisioningEventWhere | null, page?: PageRequest | null): Promise<Page<ProvisioningEvent>> {
    requirePermission(scope, ...LOG_READERS);
    const companyId = scope.principal.companyId;
    const { outcome, status, ...tree } = where ?? {};
    const compiled = compileWhere(tree as Record<string, unknown>, EVENT_FIELDS);
    const extra: string[] = [];
    const params: unknown[] = [];
    if (outcome) {
      extra.push("e.outcome = ?");
      params.push(outcome);
    }
    if (status) extra.push(compileStatus(status, params));
    const ids = await selectPage(scope.em, {
      from: EVENT_FROM,
      idColumn: "e.id",
      where: {
        sql: `e.company_id = ?::uuid and (${compiled.sql})${extra.map((c) => ` and ${c}`).join("")}`,
        params: [companyId, ...compiled.params, ...params],
      },
      sort: { expression: "e.created_at", kind: "timestamptz", descending: true },
      page: page ?? {},
    });
    return { ...ids, nodes: await this.load(scope, ids.ids) };
  }

  /** One event by the id an IdP shows in its error (the SCIM error body's request id); NOT_FOUND for another company's. */
  async get(scope: Scope, id: string): Promise<ProvisioningEvent> {
    requirePermission(scope, ...LOG_READERS);
    const [event] = isUuid(id) ? await this.load(scope, [id]) : [];
    if (!event) throw DomainError.notFound("ProvisioningEvent", id);
    return event;
  }

  /**
   * Counts over [since, until) (default: the last 24 hours). Answers the troubleshooting
   * questions of One Model's SCIM guide without server logs: "provisioning has suddenly stopped"
   * (lastSuccess long ago, recent 401s on a revoked credential) and "users are syncing but missing
   * names" (users created through SCIM in the window whose givenName or familyName is empty).
   */
  async summary(scope: Scope, since?: Date | null, until?: Date | null): Promise<ProvisioningSummary> {
    requirePermission(scope, ...LOG_READERS);
    const companyId = scope.principal.companyId;
    const to = until ?? new Date();
    const from = since ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
    if (from.getTime() > to.getTime()) throw DomainError.invalid("since", "since must not be later than until");
    const [counts] = await sqlOf(scope.em).query<SummaryRow>(SUMMARY, [companyId, from.toISOString(), to.toISOString()]);
    const c = counts!;
    const eventIds = [c.last_success_id, c.last_failure_id].filter((x): x is string => Boolean(x));
    const events = new Map((await this.load(scope, eventIds)).map((e) => [e.id, e]));
    const event = (id: string | null) => (id ? events.get(id) : undefined) ?? null;
    const sampleIds = c.nameless_ids ?? [];
    const users = sampleIds.length ? await scope.em.find(User, { id: { $in: sampleIds }, company: companyId }, { populate: ["emails"] }) : [];
    const successCount = c.by_status.filter((s) => s.status < 400).reduce((n, s) => n + s.count, 0);
    const failureCount = c.by_status.filter((s) => s.status >= 400).reduce((n, s) => n + s.count, 0);
    return {
      since: from,
      until: to,
      totalRequests: successCount + failureCount,
      successCount,
      failureCount,
      countsByStatus: c.by_status,
      lastSuccess: event(c.last_success_id),
      lastFailure: event(c.last_failure_id),
      revokedCredentialRequests: c.revoked,
      wrongSecretRequests: c.wrong_secret,
      normalizations: c.normalizations,
      usersCreatedWithoutNameCount: c.nameless_count,
      usersCreatedWithoutName: inIdOrder(sampleIds, users).map(userViewOfEntity),
    };
  }

  /** The latest failed event of each app password (one `distinct on` query over the given ids). */
  async latestFailures(scope: Scope, appPasswordIds: readonly string[]): Promise<Map<string, ProvisioningEvent>> {
    requirePermission(scope, ...LOG_READERS);
    const ids = appPasswordIds.filter(isUuid);
    if (ids.length === 0) return new Map();
    const rows = await sqlOf(scope.em).query<{ id: string }>(
      numbered(`select distinct on (app_password_id) id from provisioning_event
        where company_id = ?::uuid and outcome = 'failure' and app_password_id = any(?::uuid[])
        order by app_password_id, created_at desc, id desc`),
      [scope.principal.companyId, ids],
    );
    const events = await this.load(scope, rows.map((r) => r.id));
    return new Map(events.map((e) => [e.appPassword!.id, e]));
  }

  private async load(scope: Scope, ids: string[]): Promise<ProvisioningEvent[]> {
    if (ids.length === 0) return [];
    const events = await scope.em.find(
      ProvisioningEvent,
      { id: { $in: ids }, company: scope.principal.companyId },
      { populate: ["appPassword"] },
    );
    return inIdOrder(ids, events);
  }
}

/** The one row of SUMMARY: every aggregate yields a row, on an empty window too. */
interface SummaryRow {
  by_status: { status: number; count: number }[];
  revoked: number;
  wrong_secret: number;
  normalizations: { normalization: string; count: number }[];
  last_success_id: string | null;
  last_failure_id: string | null;
  nameless_count: number;
  nameless_ids: string[] | null;
}

/**
 * Every count of the summary in one statement over the window's events (`w`, read once through
 * the (company, time) index): by status; 401s attributed to one of the company's app passwords,
 * which was either revoked when it was used or sent with a wrong secret; normalisations; the
 * latest success and failure before the window's end, however old; and users created through
 * SCIM in the window whose givenName or familyName is still empty. Parameters: $1 company,
 * $2 since, $3 until.
 */
const SUMMARY = `
  with w as materialized (
    select e.* from provisioning_event e where e.company_id = $1::uuid and e.created_at >= $2::timestamptz and e.created_at < $3::timestamptz)
  select coalesce((select jsonb_agg(jsonb_build_object('status', s.status, 'count', s.count) order by s.status)
                     from (select w.status, count(*)::int as count from w group by w.status) s), '[]'::jsonb) as by_status,
         auth.revoked, auth.wrong_secret,
         coalesce((select jsonb_agg(jsonb_build_object('normalization', n.normalization, 'count', n.count) order by n.count desc, n.normalization)
                     from (select x as normalization, count(*)::int as count from w cross join lateral unnest(w.normalizations) as x group by x) n),
                  '[]'::jsonb) as normalizations,
         (select e.id from provisioning_event e where e.company_id = $1::uuid and e.outcome = 'success' and e.created_at < $3::timestamptz
           order by e.created_at desc, e.id desc limit 1) as last_success_id,
         (select e.id from provisioning_event e where e.company_id = $1::uuid and e.outcome = 'failure' and e.created_at < $3::timestamptz
           order by e.created_at desc, e.id desc limit 1) as last_failure_id,
         nameless.count as nameless_count, nameless.ids as nameless_ids
    from (select count(*)::int as count, (array_agg(u.id::text order by w.created_at desc))[1:${SAMPLE_LIMIT}] as ids
            from w join user_account u on u.company_id = w.company_id and u.id::text = w.resource_id
           where w.method = 'POST' and w.resource_type = 'User' and w.outcome = 'success'
             and (coalesce(trim(u.given_name), '') = '' or coalesce(trim(u.family_name), '') = '')) nameless,
         (select count(*) filter (where ap.revoked_at is not null and ap.revoked_at <= w.created_at)::int as revoked,
                 count(*) filter (where ap.revoked_at is null or ap.revoked_at > w.created_at)::int as wrong_secret
            from w join app_password ap on ap.id = w.app_password_id
           where w.status = 401) auth`;

function compileStatus(status: StatusComparison, params: unknown[]): string {
  const ops: [keyof StatusComparison, string][] = [
    ["eq", "="],
    ["ne", "<>"],
    ["gt", ">"],
    ["ge", ">="],
    ["lt", "<"],
    ["le", "<="],
  ];
  const parts: string[] = [];
  for (const [op, sql] of ops) {
    const value = status[op];
    if (value == null) continue;
    if (!Number.isInteger(value)) throw DomainError.invalid(`where.status.${op}`, "a status is an integer");
    parts.push(`e.status ${sql} ?`);
    params.push(value);
  }
  if (status.in) {
    if (!status.in.every(Number.isInteger)) throw DomainError.invalid("where.status.in", "a status is an integer");
    parts.push(status.in.length ? `e.status in (${status.in.map(() => "?").join(", ")})` : "false");
    params.push(...status.in);
  }
  return parts.length ? parts.join(" and ") : "true";
}
