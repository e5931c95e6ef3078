import { useCallback, useEffect, useRef, useState } from "react";
import { attempt, graphql } from "./api";
import { ErrorMessage } from "./error-message";
import { ConsoleCustomerRoleDocument, type ConsoleCustomerRoleQuery, ConsoleSetRoleMappingDocument, type ConsoleSetRoleMappingMutation } from "./generated/graphql";
import { SOURCE_LABEL } from "./labels";
import { useLoaded } from "./loaded";
import { when } from "./when";
import { Link } from "./link";
import { Pager, usePageCursors } from "./pager";
import { can, type Permissions } from "./permissions";

const MEMBERS_PAGE = 50;

type Data = ConsoleCustomerRoleQuery;
type Diff = NonNullable<ConsoleSetRoleMappingMutation["setRoleMapping"]["diff"]>;

/**
 * One customer role: its mapping, and its members a page at a time (by cursor, so a role of
 * 50,000 members opens as fast as one of 5). Editing the mapping previews who gains and loses
 * what (a dry run the server rolls back) before Save applies exactly that selection.
 */
export function CustomerRolePage({ id, permissions, onSessionEnded }: { id: string; permissions: Permissions; onSessionEnded: () => void }) {
  const pages = usePageCursors();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState(false);
  const withMapping = can.viewAccessRoles(permissions);
  const after = pages.after;

  const read = useCallback(() => graphql(ConsoleCustomerRoleDocument, { id, page: { first: MEMBERS_PAGE, after }, withMapping }), [id, after, withMapping]);
  const { value: data, reload } = useLoaded(read, onSessionEnded, setError);

  const back = (
    <p>
      <Link href="/admin/customer-roles">← Customer roles</Link>
    </p>
  );
  if (!data) {
    return (
      <>
        {back}
        {error ? <ErrorMessage message={error} /> : <p>Loading customer role…</p>}
      </>
    );
  }
  const role = data.customerRole;
  const mapping = role.mapping;
  return (
    <>
      {back}
      <h1>{role.displayName}</h1>
      <ErrorMessage message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}

      {withMapping && (
        <section aria-labelledby="mapping-title" className={mapping ? undefined : "unmapped"}>
          <h2 id="mapping-title">Mapping</h2>
          {!mapping ? (
            <p>
              <span className="tag unmapped-tag">Unmapped</span> Holding this role grants nothing yet.
            </p>
          ) : (
            <dl className="attributes">
              <div>
                <dt>Data-access roles</dt>
                <dd>{mapping.dataAccessRoles.map((r) => r.name).join(", ") || "None"}</dd>
              </div>
              <div>
                <dt>App-access roles</dt>
                <dd>{mapping.appAccessRoles.map((r) => r.name).join(", ") || "None"}</dd>
              </div>
              <div>
                <dt>Last changed</dt>
                <dd>{when(mapping.updatedAt)}</dd>
              </div>
            </dl>
          )}
          {can.configure(permissions) &&
            (editing ? (
              <MappingEditor
                data={data}
                onSessionEnded={onSessionEnded}
                onCancel={() => setEditing(false)}
                onSaved={async (message) => {
                  // The message appears with the mapping that shows the change, not before it.
                  await reload();
                  setEditing(false);
                  setNotice(message);
                }}
              />
            ) : (
              <button
                type="button"
                onClick={() => {
                  setNotice(undefined);
                  setEditing(true);
                }}
              >
                Edit mapping
              </button>
            ))}
        </section>
      )}

      <section aria-labelledby="members-title">
        <h2 id="members-title">
          {role.memberCount.toLocaleString()} {role.memberCount === 1 ? "member" : "members"}
        </h2>
        {role.members.nodes.length === 0 ? (
          <p>No members.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Members and who owns each membership</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Membership owned by</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {role.members.nodes.map((m) => (
                <tr key={`${m.userId}/${m.source}`}>
                  <td>
                    <Link href={`/admin/users/${encodeURIComponent(m.userId)}`}>{m.userName}</Link>
                    {m.userDisplayName && <div className="hint">{m.userDisplayName}</div>}
                  </td>
                  <td data-label="Owned by">{SOURCE_LABEL[m.source]}</td>
                  <td data-label="Since">{when(m.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager label="Pages of members" pages={pages} pageInfo={role.members.pageInfo} />
      </section>
    </>
  );
}

/**
 * Tick the roles the mapping should grant, Preview, read who gains and loses what, then Save.
 * Save is offered only for the selection that was previewed: changing a tick asks for a new preview.
 */
function MappingEditor(props: { data: Data; onSessionEnded: () => void; onCancel: () => void; onSaved: (message: string) => Promise<void> }) {
  const { data, onSessionEnded, onCancel, onSaved } = props;
  const role = data.customerRole;
  const [dataIds, setDataIds] = useState(() => new Set(role.mapping?.dataAccessRoles.map((r) => r.id) ?? []));
  const [appIds, setAppIds] = useState(() => new Set(role.mapping?.appAccessRoles.map((r) => r.id) ?? []));
  const [preview, setPreview] = useState<Diff>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  function toggle(set: Set<string>, update: (s: Set<string>) => void, roleId: string, on: boolean) {
    const next = new Set(set);
    if (on) next.add(roleId);
    else next.delete(roleId);
    update(next);
    setPreview(undefined);
  }

  async function run(dryRun: boolean) {
    setBusy(true);
    setError(undefined);
    const result = await attempt(
      () => graphql(ConsoleSetRoleMappingDocument, { customerRoleId: role.id, dataAccessRoleIds: [...dataIds], appAccessRoleIds: [...appIds], dryRun }),
      onSessionEnded,
    );
    setBusy(false);
    if (!result.ok) return setError(result.message);
    const diff = result.value.setRoleMapping.diff;
    if (dryRun) setPreview(diff ?? undefined);
    else await onSaved(`The mapping of ${role.displayName} is saved (version ${result.value.setRoleMapping.version}).`);
  }

  return (
    <form
      className="mapping-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void run(true);
      }}
    >
      <fieldset>
        <legend>Data-access roles</legend>
        {(data.dataAccessRoles ?? []).map((r) => (
          <label key={r.id} className="check">
            <input type="checkbox" checked={dataIds.has(r.id)} onChange={(e) => toggle(dataIds, setDataIds, r.id, e.target.checked)} /> {r.name}
          </label>
        ))}
        {(data.dataAccessRoles ?? []).length === 0 && <p className="hint">The company has no data-access role yet: create one under Access roles.</p>}
      </fieldset>
      <fieldset>
        <legend>App-access roles</legend>
        {(data.appAccessRoles ?? []).map((r) => (
          <label key={r.id} className="check">
            <input type="checkbox" checked={appIds.has(r.id)} onChange={(e) => toggle(appIds, setAppIds, r.id, e.target.checked)} /> {r.name}
            <span className="hint"> {r.permissions.join(", ")}</span>
          </label>
        ))}
      </fieldset>
      <ErrorMessage message={error} />
      <div className="button-row">
        <button type="submit" disabled={busy}>
          Preview
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {preview && (
        <div className="preview" aria-labelledby="preview-title">
          <h3 id="preview-title" tabIndex={-1} ref={previewHeading}>
            Preview: what saving this mapping changes
          </h3>
          {preview.accessChanges.length === 0 ? (
            <p>Nobody gains or loses any access role.</p>
          ) : (
            <ul className="plain changes">
              {preview.accessChanges.map((c) => (
                <li key={`${c.kind}/${c.roleId}`}>
                  <strong>
                    {c.roleName} ({c.kind === "DATA" ? "data-access" : "app-access"})
                  </strong>
                  {c.gainedCount > 0 && (
                    <p className="gain">
                      {c.gainedCount} {c.gainedCount === 1 ? "user gains" : "users gain"} it: {c.gained.map((u) => u.userName).join(", ")}
                      {c.gainedCount > c.gained.length && ` and ${c.gainedCount - c.gained.length} more`}
                    </p>
                  )}
                  {c.lostCount > 0 && (
                    <p className="loss">
                      {c.lostCount} {c.lostCount === 1 ? "user loses" : "users lose"} it: {c.lost.map((u) => u.userName).join(", ")}
                      {c.lostCount > c.lost.length && ` and ${c.lostCount - c.lost.length} more`}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <button type="button" disabled={busy} onClick={() => run(false)}>
            Save mapping
          </button>
        </div>
      )}
    </form>
  );
}
