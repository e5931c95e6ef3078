import { type FormEvent, Fragment, useCallback, useState } from "react";
import { graphql } from "./api";
import { ErrorMessage } from "./error-message";
import { useCursorPages } from "./cursor-pages";
import { type AuditEventWhere, ConsoleAuditEventsDocument, type ConsoleAuditEventsQuery } from "./generated/graphql";
import { when } from "./when";

type AuditEvent = ConsoleAuditEventsQuery["auditEvents"]["nodes"][number];

const TARGET_TYPES = ["AppAccessRole", "AppPassword", "Company", "CustomerRole", "DataAccessRole", "RoleMapping", "SigningKey", "User"];
const PAGE_SIZE = 25;

interface Filters {
  action: string;
  targetType: string;
  actor: string;
}

/** Who changed what: the company's audit history with filters, each change opened as before and after. */
export function AuditLog({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [filters, setFilters] = useState<Filters>({ action: "", targetType: "", actor: "" });
  const [opened, setOpened] = useState<string>();
  const fetchPage = useCallback(
    async (after?: string) =>
      (await graphql(ConsoleAuditEventsDocument, { where: whereOf(filters), page: { first: PAGE_SIZE, ...(after ? { after } : {}) } })).auditEvents,
    [filters],
  );
  const { nodes: events, total, error, hasMore, more } = useCursorPages(fetchPage, onSessionEnded);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({
      action: String(form.get("action") ?? "").trim(),
      targetType: String(form.get("targetType") ?? ""),
      actor: String(form.get("actor") ?? "").trim(),
    });
  }

  return (
    <>
      <h1>Audit log</h1>
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Changes</h2>
        <form className="inline-form" onSubmit={apply} aria-label="Filter the audit log">
          <label htmlFor="audit-action">Action starts with</label>
          <input id="audit-action" name="action" defaultValue={filters.action} placeholder="e.g. appPassword." />
          <label htmlFor="audit-target">Target type</label>
          <select id="audit-target" name="targetType" defaultValue={filters.targetType}>
            <option value="">Any</option>
            {TARGET_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <label htmlFor="audit-actor">Actor contains</label>
          <input id="audit-actor" name="actor" defaultValue={filters.actor} />
          <button type="submit">Apply filters</button>
        </form>
        <ErrorMessage message={error} />
        {events === undefined ? (
          !error && <p>Loading…</p>
        ) : events.length === 0 ? (
          <p>No changes match.</p>
        ) : (
          <>
            <p className="hint" aria-live="polite">
              Showing {events.length} of {total}, newest first.
            </p>
            <table>
              <caption className="visually-hidden">Audit events</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <Fragment key={e.id}>
                    <tr>
                      <td data-label="Time">{when(e.createdAt)}</td>
                      <td data-label="Actor">
                        {e.actorUserName ?? "—"}
                        {e.impersonatorUserId && <div className="hint">through an impersonated session</div>}
                      </td>
                      <td data-label="Action">
                        <code>{e.action}</code>
                      </td>
                      <td data-label="Target">
                        {e.targetType}
                        {e.targetId && <div className="hint">{e.targetId}</div>}
                      </td>
                      <td>
                        <button
                          type="button"
                          aria-expanded={opened === e.id}
                          aria-controls={`audit-${e.id}`}
                          onClick={() => setOpened(opened === e.id ? undefined : e.id)}
                          aria-label={`${opened === e.id ? "Hide" : "Show"} before and after of ${e.action} at ${when(e.createdAt)}`}
                        >
                          {opened === e.id ? "Hide" : "Before / after"}
                        </button>
                      </td>
                    </tr>
                    {opened === e.id && (
                      <tr id={`audit-${e.id}`}>
                        <td colSpan={5}>
                          <BeforeAfter before={e.before} after={e.after} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
            {hasMore && (
              <button type="button" onClick={() => void more()}>
                Load more
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}

/** Each field that either side names, its value before and after, the changed ones marked. */
function BeforeAfter({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <p>Nothing was recorded before or after.</p>;
  return (
    <table className="before-after">
      <caption className="visually-hidden">Before and after</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const changed = JSON.stringify(b[k]) !== JSON.stringify(a[k]);
          return (
            <tr key={k} className={changed ? "changed" : undefined}>
              <th scope="row">
                {k}
                {changed && <span className="visually-hidden"> (changed)</span>}
              </th>
              <td data-label="Before">
                <code>{show(b[k])}</code>
              </td>
              <td data-label="After">
                <code>{show(a[k])}</code>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return value === null || value === undefined ? {} : { value };
}

function show(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function whereOf(filters: Filters): AuditEventWhere {
  const where: AuditEventWhere = {};
  if (filters.action) where.action = { sw: filters.action, caseExact: true };
  if (filters.targetType) where.targetType = { eq: filters.targetType };
  if (filters.actor) where.actorUserName = { co: filters.actor };
  return where;
}
