import { type FormEvent, useCallback, useEffect, useState } from "react";
import { attempt, graphql } from "./api";
import { ErrorMessage } from "./error-message";
import { useCursorPages } from "./cursor-pages";
import {
  type ConsoleProvisioningEventFragment,
  ConsoleProvisioningEventDocument,
  ConsoleProvisioningEventsDocument,
  ConsoleProvisioningSummaryDocument,
  type ConsoleProvisioningSummaryQuery,
  type ProvisioningEventWhere,
} from "./generated/graphql";
import { when } from "./when";

type Summary = ConsoleProvisioningSummaryQuery["provisioningSummary"];
type Event = ConsoleProvisioningEventFragment;

const WINDOWS = [
  { label: "Last hour", hours: 1 },
  { label: "Last 24 hours", hours: 24 },
  { label: "Last 7 days", hours: 24 * 7 },
] as const;

/** What an IdP does, as the log names it: method and resource type. */
const OPERATIONS = ["GET Users", "POST Users", "PUT Users", "PATCH Users", "DELETE Users", "GET Groups", "POST Groups", "PUT Groups", "PATCH Groups", "DELETE Groups"];
const STATUSES = ["200", "201", "204", "400", "401", "403", "404", "409", "412", "429", "500", "503"];
const PAGE_SIZE = 25;

interface Filters {
  status: string;
  operation: string;
}

/**
 * Provisioning: "is provisioning working?" at a glance for a time window, then the SCIM requests
 * themselves, filtered and paged by cursor, and any one of them opened by the request id an IdP
 * quotes in its error.
 */
export function ProvisioningHealth({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [hours, setHours] = useState<number>(24);
  const [summary, setSummary] = useState<Summary>();
  const [summaryError, setSummaryError] = useState<string>();
  const [filters, setFilters] = useState<Filters>({ status: "", operation: "" });
  const [opened, setOpened] = useState<Event>();
  const [openError, setOpenError] = useState<string>();

  const loadSummary = useCallback(async () => {
    const since = new Date(Date.now() - hours * 3600_000).toISOString();
    const result = await attempt(() => graphql(ConsoleProvisioningSummaryDocument, { since }), onSessionEnded);
    if (result.ok) {
      setSummary(result.value.provisioningSummary);
      setSummaryError(undefined);
    } else setSummaryError(result.message);
  }, [hours, onSessionEnded]);

  const fetchEvents = useCallback(
    async (after?: string) =>
      (await graphql(ConsoleProvisioningEventsDocument, { where: whereOf(filters), page: { first: PAGE_SIZE, ...(after ? { after } : {}) } }))
        .provisioningEvents,
    [filters],
  );
  const { nodes: events, total, error: eventsError, hasMore, more, reload: reloadEvents } = useCursorPages(fetchEvents, onSessionEnded);

  useEffect(() => {
    void loadSummary();
  }, [loadSummary]);

  async function open(id: string) {
    setOpenError(undefined);
    const result = await attempt(() => graphql(ConsoleProvisioningEventDocument, { id }), onSessionEnded);
    if (result.ok) setOpened(result.value.provisioningEvent);
    else {
      setOpened(undefined);
      setOpenError(result.message);
    }
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({ status: String(form.get("status") ?? ""), operation: String(form.get("operation") ?? "") });
  }

  function openById(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = String(new FormData(event.currentTarget).get("requestId") ?? "").trim();
    if (id) void open(id);
  }

  return (
    <>
      <h1>Provisioning</h1>

      <section aria-labelledby="health-title">
        <div className="section-head">
          <h2 id="health-title">Is provisioning working?</h2>
          <label htmlFor="health-window">Window</label>
          <select id="health-window" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {WINDOWS.map((w) => (
              <option key={w.hours} value={w.hours}>
                {w.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => {
              void loadSummary();
              void reloadEvents();
            }}
          >
            Refresh
          </button>
        </div>
        <ErrorMessage message={summaryError} />
        {summary === undefined ? !summaryError && <p>Loading…</p> : <HealthPanel summary={summary} onOpen={(id) => void open(id)} />}
      </section>

      <section aria-labelledby="open-title">
        <h2 id="open-title">Open a request</h2>
        <form className="inline-form" onSubmit={openById}>
          <label htmlFor="request-id">Request id</label>
          <input id="request-id" name="requestId" required aria-describedby="request-id-hint" />
          <button type="submit">Open</button>
          <p id="request-id-hint" className="hint">
            The id an IdP shows in a SCIM error (requestId), also sent as the X-Request-Id header.
          </p>
        </form>
        <ErrorMessage message={openError} />
        {opened && <EventDetail event={opened} onClose={() => setOpened(undefined)} />}
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">SCIM requests</h2>
        <form className="inline-form" onSubmit={applyFilters} aria-label="Filter SCIM requests">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            <option value="failures">Failures (400 and above)</option>
            <option value="successes">Successes</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <label htmlFor="filter-operation">Operation</label>
          <select id="filter-operation" name="operation" defaultValue={filters.operation}>
            <option value="">Any</option>
            {OPERATIONS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <button type="submit">Apply filters</button>
        </form>
        <ErrorMessage message={eventsError} />
        {events === undefined ? (
          !eventsError && <p>Loading…</p>
        ) : events.length === 0 ? (
          <p>No SCIM requests match.</p>
        ) : (
          <>
            <p className="hint" aria-live="polite">
              Showing {events.length} of {total}, newest first.
            </p>
            <table>
              <caption className="visually-hidden">SCIM requests</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Request</th>
                  <th scope="col">Status</th>
                  <th scope="col">Credential</th>
                  <th scope="col">Detail</th>
                  <th scope="col">Request id</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td data-label="Time">{when(e.createdAt)}</td>
                    <td data-label="Request">
                      <code>
                        {e.method} {e.path}
                      </code>
                    </td>
                    <td data-label="Status" className={e.outcome === "FAILURE" ? "failed" : undefined}>
                      {e.status}
                      {e.scimType ? ` ${e.scimType}` : ""}
                    </td>
                    <td data-label="Credential">{e.credential ? `${e.credential.name} (${e.credential.clientId})` : "—"}</td>
                    <td data-label="Detail">{e.detail ?? ""}</td>
                    <td data-label="Request id">
                      <button type="button" className="link" onClick={() => void open(e.id)} aria-label={`Open request ${e.id}`}>
                        <code>{e.id}</code>
                      </button>
                    </td>
                  </tr>
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

/** The answer first, then the numbers behind it, with the troubleshooting advice each points to. */
function HealthPanel({ summary, onOpen }: { summary: Summary; onOpen: (id: string) => void }) {
  const failingNow = summary.lastFailure && (!summary.lastSuccess || summary.lastFailure.createdAt > summary.lastSuccess.createdAt);
  const verdict =
    summary.totalRequests === 0
      ? { tone: "idle", text: "No SCIM requests in this window." }
      : failingNow
        ? { tone: "bad", text: "Failing: the most recent request failed." }
        : summary.failureCount > 0
          ? { tone: "warn", text: `Working: the most recent request succeeded; ${summary.failureCount} of ${summary.totalRequests} failed in this window.` }
          : { tone: "good", text: `Working: all ${summary.totalRequests} requests in this window succeeded.` };
  const failures = summary.countsByStatus.filter((c) => c.status >= 400);
  return (
    <>
      <p className={`verdict ${verdict.tone}`} role="status">
        {verdict.text}
      </p>
      <dl className="values health">
        <div className="value">
          <dt>Last success</dt>
          <dd>{summary.lastSuccess ? <EventLine event={summary.lastSuccess} onOpen={onOpen} /> : "Never"}</dd>
        </div>
        <div className="value">
          <dt>Last failure</dt>
          <dd>{summary.lastFailure ? <EventLine event={summary.lastFailure} onOpen={onOpen} /> : "Never"}</dd>
        </div>
        <div className="value">
          <dt>Requests</dt>
          <dd>
            {summary.totalRequests} ({summary.successCount} succeeded, {summary.failureCount} failed)
          </dd>
        </div>
        <div className="value">
          <dt>Failures by status</dt>
          <dd>
            {failures.length === 0 ? (
              "None"
            ) : (
              <ul className="plain">
                {failures.map((c) => (
                  <li key={c.status}>
                    {c.status}: {c.count}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="value">
          <dt>Requests with a revoked credential</dt>
          <dd>
            {summary.revokedCredentialRequests}
            {summary.revokedCredentialRequests > 0 && (
              <div className="hint">Provisioning has suddenly stopped? This is most often a revoked token: enter the current app password in the IdP.</div>
            )}
          </dd>
        </div>
        <div className="value">
          <dt>Requests with a wrong secret</dt>
          <dd>
            {summary.wrongSecretRequests}
            {summary.wrongSecretRequests > 0 && <div className="hint">The IdP sends a Client Secret that does not match: paste it again.</div>}
          </dd>
        </div>
        <div className="value">
          <dt>Users arriving without names</dt>
          <dd>
            {summary.usersCreatedWithoutNameCount}
            {summary.usersCreatedWithoutNameCount > 0 && (
              <>
                <ul className="plain">
                  {summary.usersCreatedWithoutName.map((u) => (
                    <li key={u.id}>
                      <code>{u.userName}</code>
                    </li>
                  ))}
                </ul>
                <div className="hint">Check the attribute mapping in your IdP: givenName and familyName must be mapped to their SCIM attributes.</div>
              </>
            )}
          </dd>
        </div>
      </dl>
    </>
  );
}

function EventLine({ event, onOpen }: { event: Event; onOpen: (id: string) => void }) {
  return (
    <>
      {when(event.createdAt)}: <code>{`${event.method} ${event.path}`}</code> answered {event.status}
      {event.detail ? `, ${event.detail}` : ""}{" "}
      <button type="button" className="link" onClick={() => onOpen(event.id)} aria-label={`Open request ${event.id}`}>
        details
      </button>
    </>
  );
}

function EventDetail({ event, onClose }: { event: Event; onClose: () => void }) {
  const rows: [string, string][] = [
    ["Request id", event.id],
    ["Time", when(event.createdAt)],
    ["Request", `${event.method} ${event.path}`],
    ["Status", `${event.status}${event.scimType ? ` (scimType ${event.scimType})` : ""}`],
    ["Detail", event.detail ?? "—"],
    ["Resource", event.resourceType ? `${event.resourceType} ${event.resourceId ?? ""}` : "—"],
    ["Credential", event.credential ? `${event.credential.name} (${event.credential.clientId})${event.credential.revokedAt ? ", revoked" : ""}` : "—"],
    ["Duration", `${event.durationMs} ms`],
    ["IdP dialect normalisations", event.normalizations.length ? event.normalizations.join(", ") : "None"],
  ];
  return (
    <div className="event-detail" role="region" aria-label={`Request ${event.id}`}>
      <dl className="values">
        {rows.map(([label, value]) => (
          <div className="value" key={label}>
            <dt>{label}</dt>
            <dd>{label === "Request id" || label === "Request" ? <code>{value}</code> : value}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

function whereOf(filters: Filters): ProvisioningEventWhere {
  const where: ProvisioningEventWhere = {};
  if (filters.status === "failures") where.outcome = "FAILURE";
  else if (filters.status === "successes") where.outcome = "SUCCESS";
  else if (filters.status) where.status = { eq: Number(filters.status) };
  if (filters.operation) {
    const [method, resource] = filters.operation.split(" ");
    where.method = { eq: method };
    // By path rather than resourceType: a request refused before routing (401, 429) has no
    // resource type, and it is the one an admin is most often looking for.
    where.path = { sw: `/scim/v2/${resource}`, caseExact: true };
  }
  return where;
}

