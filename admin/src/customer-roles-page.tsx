import { type FormEvent, useCallback, useEffect, useState } from "react";
import { attempt, graphql } from "./api";
import { ErrorMessage } from "./error-message";
import { ConsoleCustomerRolesDocument, type ConsoleCustomerRolesQuery, ConsoleUnmappedCustomerRolesDocument, type CustomerRoleWhere } from "./generated/graphql";
import { Link } from "./link";
import { Pager, usePageCursors } from "./pager";
import { can, type Permissions } from "./permissions";

const PAGE_SIZE = 50;

/** Customer-supplied roles by name with member counts; an unmapped role stands out, since it grants nothing yet. */
export function CustomerRolesPage({ permissions, onSessionEnded }: { permissions: Permissions; onSessionEnded: () => void }) {
  const [search, setSearch] = useState("");
  const [onlyUnmapped, setOnlyUnmapped] = useState(false);
  const pages = usePageCursors();
  const [data, setData] = useState<ConsoleCustomerRolesQuery["customerRoles"]>();
  const [error, setError] = useState<string>();
  const withMapping = can.viewAccessRoles(permissions);
  const after = pages.after;

  const load = useCallback(async () => {
    const page = { first: PAGE_SIZE, after };
    const where: CustomerRoleWhere | undefined = search.trim() ? { displayName: { sw: search.trim() } } : undefined;
    const result = await attempt(
      async () =>
        onlyUnmapped
          ? // An unmapped role has no mapping to show: the same rows with mapping null.
            { ...(await graphql(ConsoleUnmappedCustomerRolesDocument, { page })).unmappedCustomerRoles, unmapped: true }
          : (await graphql(ConsoleCustomerRolesDocument, { where, page, withMapping })).customerRoles,
      onSessionEnded,
    );
    if (result.ok) {
      const value = result.value;
      setData("unmapped" in value ? { ...value, nodes: value.nodes.map((r) => ({ ...r, mapping: null })) } : value);
      setError(undefined);
    } else setError(result.message);
  }, [search, onlyUnmapped, after, withMapping, onSessionEnded]);

  useEffect(() => {
    void load();
  }, [load]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSearch(String(form.get("search") ?? ""));
    setOnlyUnmapped(form.get("unmapped") === "on");
    pages.first();
  }

  const unmapped = withMapping ? (data?.nodes.filter((r) => !r.mapping).length ?? 0) : 0;
  return (
    <>
      <h1>Customer roles</h1>
      <section aria-labelledby="role-search-title">
        <h2 id="role-search-title" className="visually-hidden">
          Search
        </h2>
        <form className="filters" role="search" onSubmit={apply}>
          <div className="field">
            <label htmlFor="role-search">Name starts with</label>
            <input id="role-search" name="search" type="search" defaultValue={search} aria-describedby={withMapping ? "role-search-hint" : undefined} />
          </div>
          {withMapping && (
            <label className="check">
              <input type="checkbox" name="unmapped" defaultChecked={onlyUnmapped} /> Only unmapped roles
            </label>
          )}
          <button type="submit">Search</button>
          {withMapping && (
            <p id="role-search-hint" className="hint">
              With “Only unmapped roles” every unmapped role is listed, by name, and the name search is not applied.
            </p>
          )}
        </form>
      </section>
      <ErrorMessage message={error} />
      <section aria-labelledby="roles-title">
        <h2 id="roles-title">{data ? `${data.totalCount.toLocaleString()} customer ${data.totalCount === 1 ? "role" : "roles"}` : "Customer roles"}</h2>
        {unmapped > 0 && (
          <p className="warning-note">
            {unmapped} {unmapped === 1 ? "role on this page is" : "roles on this page are"} unmapped: {unmapped === 1 ? "its" : "their"} members get no access from{" "}
            {unmapped === 1 ? "it" : "them"} until you map {unmapped === 1 ? "it" : "them"}.
          </p>
        )}
        {!data ? (
          <p>Loading customer roles…</p>
        ) : data.nodes.length === 0 ? (
          <p>No customer role matches.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Customer roles</caption>
            <thead>
              <tr>
                <th scope="col">Customer role</th>
                <th scope="col">Members</th>
                {withMapping && <th scope="col">Maps to</th>}
              </tr>
            </thead>
            <tbody>
              {data.nodes.map((r) => (
                <tr key={r.id} className={withMapping && !r.mapping ? "unmapped" : undefined}>
                  <td>
                    <Link href={`/admin/customer-roles/${encodeURIComponent(r.id)}`}>{r.displayName}</Link>
                    {r.externalId && <div className="hint">externalId {r.externalId}</div>}
                  </td>
                  <td data-label="Members">{r.memberCount.toLocaleString()}</td>
                  {withMapping && (
                    <td data-label="Maps to">
                      {!r.mapping ? (
                        <span className="tag unmapped-tag">Unmapped</span>
                      ) : r.mapping.dataAccessRoles.length + r.mapping.appAccessRoles.length === 0 ? (
                        "Nothing"
                      ) : (
                        [...r.mapping.dataAccessRoles, ...r.mapping.appAccessRoles].map((a) => (
                          <span key={a.id} className="chip">
                            {a.name}
                          </span>
                        ))
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager label="Pages of customer roles" pages={pages} pageInfo={data?.pageInfo} />
      </section>
    </>
  );
}
