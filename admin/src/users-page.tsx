import { type FormEvent, useCallback, useEffect, useState } from "react";
import { attempt, graphql } from "./api";
import { ErrorMessage } from "./error-message";
import {
  ConsoleCustomerRoleChoicesDocument,
  ConsoleUsersDocument,
  type ConsoleUsersQuery,
  type UserOrigin,
  type UserWhere,
} from "./generated/graphql";
import { ORIGIN_LABEL, SOURCE_LABEL } from "./labels";
import { useLoaded } from "./loaded";
import { Link } from "./link";
import { Pager, usePageCursors } from "./pager";

const PAGE_SIZE = 50;

interface Filters {
  search: string;
  status: "" | "active" | "inactive";
  origin: "" | UserOrigin;
  customerRoleId: string;
}

const NO_FILTERS: Filters = { search: "", status: "", origin: "", customerRoleId: "" };

/**
 * The filters as the API's where-tree. The search is a prefix of userName, given or family name
 * (ignoring case), which the database answers from indexes however many users the company has.
 */
function whereOf(f: Filters): UserWhere {
  const and: UserWhere[] = [];
  const q = f.search.trim();
  if (q) and.push({ or: [{ userName: { sw: q } }, { givenName: { sw: q } }, { familyName: { sw: q } }] });
  if (f.status) and.push({ active: { eq: f.status === "active" } });
  if (f.origin) and.push({ origin: { eq: f.origin } });
  if (f.customerRoleId) and.push({ customerRoleId: { eq: f.customerRoleId } });
  return { and };
}

type UsersPageData = ConsoleUsersQuery["users"];

const readRoleChoices = async () => (await graphql(ConsoleCustomerRoleChoicesDocument)).customerRoles.nodes;

/** Users: search and filters, a page of 50 by cursor (keyset paging, so page 2,000 costs what page 1 does). */
export function UsersPage({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const pages = usePageCursors();
  const [data, setData] = useState<UsersPageData>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const after = pages.after;

  const load = useCallback(async () => {
    setLoading(true);
    const result = await attempt(() => graphql(ConsoleUsersDocument, { where: whereOf(filters), page: { first: PAGE_SIZE, after } }), onSessionEnded);
    setLoading(false);
    if (result.ok) {
      setData(result.value.users);
      setError(undefined);
    } else setError(result.message);
  }, [filters, after, onSessionEnded]);

  useEffect(() => {
    void load();
  }, [load]);

  // The customer roles to filter by, read once.
  const roles = useLoaded(readRoleChoices, onSessionEnded, setError).value ?? [];

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({
      search: String(form.get("search") ?? ""),
      status: String(form.get("status") ?? "") as Filters["status"],
      origin: String(form.get("origin") ?? "") as Filters["origin"],
      customerRoleId: String(form.get("customerRoleId") ?? ""),
    });
    pages.first();
  }

  return (
    <>
      <h1>Users</h1>
      <section aria-labelledby="user-filters-title">
        <h2 id="user-filters-title" className="visually-hidden">
          Search and filters
        </h2>
        <form className="filters" role="search" onSubmit={apply}>
          <div className="field">
            <label htmlFor="user-search">Search</label>
            <input id="user-search" name="search" type="search" placeholder="userName, given or family name starts with…" defaultValue={filters.search} />
          </div>
          <div className="field">
            <label htmlFor="user-status">Status</label>
            <select id="user-status" name="status" defaultValue={filters.status}>
              <option value="">Any</option>
              <option value="active">Active</option>
              <option value="inactive">Inactive</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="user-origin">Arrived through</label>
            <select id="user-origin" name="origin" defaultValue={filters.origin}>
              <option value="">Any</option>
              {(Object.keys(ORIGIN_LABEL) as UserOrigin[]).map((o) => (
                <option key={o} value={o}>
                  {ORIGIN_LABEL[o]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="user-role">Customer role</label>
            <select id="user-role" name="customerRoleId" defaultValue={filters.customerRoleId}>
              <option value="">Any</option>
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.displayName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Search</button>
        </form>
      </section>

      <ErrorMessage message={error} />

      <section aria-labelledby="users-title" aria-busy={loading}>
        <h2 id="users-title">
          {data ? `${data.totalCount.toLocaleString()} ${data.totalCount === 1 ? "user" : "users"}` : "Users"}
          {data && data.totalCount > 0 && <span className="hint"> · page {pages.pageNumber}</span>}
        </h2>
        {!data ? (
          <p>Loading users…</p>
        ) : data.nodes.length === 0 ? (
          <p>No user matches.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">userName</th>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Arrived through</th>
                  <th scope="col">Customer roles</th>
                </tr>
              </thead>
              <tbody>
                {data.nodes.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <Link href={`/admin/users/${encodeURIComponent(u.id)}`}>{u.userName}</Link>
                      {u.isServiceAccount && <span className="tag">service account</span>}
                    </td>
                    <td data-label="Name">{[u.name.givenName, u.name.familyName].filter(Boolean).join(" ") || u.displayName || "—"}</td>
                    <td data-label="Status">{u.active ? "Active" : <span className="inactive">Inactive</span>}</td>
                    <td data-label="Arrived through">{ORIGIN_LABEL[u.origin]}</td>
                    <td data-label="Customer roles">
                      {u.customerRoles.length === 0
                        ? "—"
                        : u.customerRoles.map((h) => (
                            <span key={h.customerRole.id} className="chip" title={h.sources.map((s) => SOURCE_LABEL[s]).join(", ")}>
                              {h.customerRole.displayName}
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager label="Pages of users" pages={pages} pageInfo={data?.pageInfo} busy={loading} />
      </section>
    </>
  );
}
