import { type FormEvent, useCallback, useState } from "react";
import { attempt, graphql } from "./api";
import { ErrorMessage } from "./error-message";
import type { Me } from "./session";
import {
  type ConsoleGrantFragment,
  ConsoleResetPasswordDocument,
  ConsoleSetUserActiveDocument,
  ConsoleUserDocument,
  type ConsoleUserQuery,
} from "./generated/graphql";
import { ORIGIN_LABEL, SOURCE_LABEL } from "./labels";
import { useLoaded } from "./loaded";
import { when } from "./when";
import { Link } from "./link";
import { can, type Permissions } from "./permissions";

type Data = ConsoleUserQuery;
type User = Data["user"];

/**
 * One user, read in one request: attributes, customer roles with who owns each membership,
 * effective access with why the user holds each role, and (for log readers) the user's audit
 * history and provisioning events. Actions as the permissions allow.
 */
export function UserPage({ id, me, permissions, onSessionEnded }: { id: string; me: Me; permissions: Permissions; onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const withLogs = can.viewLogs(permissions);
  const read = useCallback(() => graphql(ConsoleUserDocument, { id, target: id, withLogs }), [id, withLogs]);
  const { value: data, reload } = useLoaded(read, onSessionEnded, setError);

  if (!data) {
    return (
      <>
        <p>
          <Link href="/admin/users">← Users</Link>
        </p>
        {error ? <ErrorMessage message={error} /> : <p>Loading user…</p>}
      </>
    );
  }
  const user = data.user;
  const name = [user.name.givenName, user.name.familyName].filter(Boolean).join(" ") || user.displayName;
  return (
    <>
      <p>
        <Link href="/admin/users">← Users</Link>
      </p>
      <h1>
        {user.userName}
        {!user.active && <span className="tag inactive">inactive</span>}
      </h1>
      <ErrorMessage message={error} />
      {notice && !error && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}

      {can.manageUsers(permissions) && (
        <UserActions
          user={user}
          isSelf={user.id === me.id}
          onSessionEnded={onSessionEnded}
          onDone={async (message) => {
            // The message appears with the page that shows the change, not before it.
            await reload();
            setError(undefined);
            setNotice(message);
          }}
          onError={(message) => {
            setNotice(undefined);
            setError(message);
          }}
        />
      )}

      <section aria-labelledby="attributes-title">
        <h2 id="attributes-title">Attributes</h2>
        <dl className="attributes">
          <Attribute label="Name" value={name} />
          <Attribute label="Status" value={user.active ? "Active" : "Inactive"} />
          <Attribute label="Arrived through" value={ORIGIN_LABEL[user.origin]} />
          <Attribute label="Emails" value={user.emails.map((e) => `${e.value}${e.type ? ` (${e.type})` : ""}${e.primary ? ", primary" : ""}`).join("; ")} />
          <Attribute label="externalId" value={user.externalId} />
          <Attribute label="Title" value={user.title} />
          <Attribute label="Department" value={user.enterprise.department} />
          <Attribute label="Employee number" value={user.enterprise.employeeNumber} />
          <Attribute label="Password" value={user.hasPassword ? "Set" : "None (signs in through the IdP, if at all)"} />
          <Attribute label="Roles from the mapping" value={user.autoAssignRoles ? "Yes (autoAssignRoles)" : "No: only direct roles count"} />
          <Attribute label="Single sign-on" value={user.allowSsoLogin ? "Allowed" : "Not allowed"} />
          <Attribute label="Service account" value={user.isServiceAccount ? "Yes" : "No"} />
          <Attribute label="Created" value={when(user.createdAt)} />
          <Attribute label="Last changed" value={`${when(user.updatedAt)} (version ${user.version})`} />
        </dl>
      </section>

      <section aria-labelledby="customer-roles-title">
        <h2 id="customer-roles-title">Customer roles</h2>
        {user.customerRoles.length === 0 ? (
          <p>None.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Customer roles and who owns each membership</caption>
            <thead>
              <tr>
                <th scope="col">Customer role</th>
                <th scope="col">Membership owned by</th>
              </tr>
            </thead>
            <tbody>
              {user.customerRoles.map((h) => (
                <tr key={h.customerRole.id}>
                  <td>
                    <Link href={`/admin/customer-roles/${encodeURIComponent(h.customerRole.id)}`}>{h.customerRole.displayName}</Link>
                  </td>
                  <td data-label="Owned by">{h.sources.map((s) => SOURCE_LABEL[s]).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="effective-access-title">
        <h2 id="effective-access-title">Effective access</h2>
        <AccessTable caption="Data-access roles" rows={user.effectiveAccess.dataAccessRoles.map((r) => ({ id: r.role.id, name: r.role.name, grants: r.grants }))} />
        <AccessTable
          caption="App-access roles"
          rows={user.effectiveAccess.appAccessRoles.map((r) => ({ id: r.role.id, name: r.role.name, grants: r.grants, detail: r.role.permissions.join(", ") }))}
        />
        <p>
          <strong>Permissions:</strong> {user.effectiveAccess.permissions.length ? user.effectiveAccess.permissions.join(", ") : "none"}
        </p>
      </section>

      {withLogs && data.auditEvents && (
        <section aria-labelledby="audit-title">
          <h2 id="audit-title">Audit history</h2>
          {data.auditEvents.nodes.length === 0 ? (
            <p>No change recorded.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Audit history, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {data.auditEvents.nodes.map((e) => (
                  <tr key={e.id}>
                    <td>{when(e.createdAt)}</td>
                    <td data-label="Action">
                      <code>{e.action}</code>
                    </td>
                    <td data-label="By">
                      {e.actorUserName ?? "—"}
                      {e.impersonatorUserId && " (impersonated)"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.auditEvents.totalCount > data.auditEvents.nodes.length && <p className="hint">The latest 20 of {data.auditEvents.totalCount}.</p>}
        </section>
      )}

      {withLogs && data.provisioningEvents && (
        <section aria-labelledby="provisioning-title">
          <h2 id="provisioning-title">Provisioning events</h2>
          {data.provisioningEvents.nodes.length === 0 ? (
            <p>No SCIM request named this user.</p>
          ) : (
            <table>
              <caption className="visually-hidden">SCIM requests about this user, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Request</th>
                  <th scope="col">Status</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {data.provisioningEvents.nodes.map((e) => (
                  <tr key={e.id}>
                    <td>{when(e.createdAt)}</td>
                    <td data-label="Request">
                      <code>
                        {e.method} {e.path}
                      </code>
                    </td>
                    <td data-label="Status" className={e.outcome === "FAILURE" ? "inactive" : undefined}>
                      {e.status}
                    </td>
                    <td data-label="Detail">{e.detail ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}

function Attribute({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value || "—"}</dd>
    </div>
  );
}

/** Why the user holds a role, in words: direct, or customer role ← membership owner → mapping. */
function provenance(grant: ConsoleGrantFragment): string {
  if (grant.kind === "DIRECT") return "Direct assignment";
  const source = grant.membershipSource ? SOURCE_LABEL[grant.membershipSource] : "membership";
  return `Customer role “${grant.customerRole?.displayName ?? "?"}” (membership: ${source}) → mapping`;
}

function AccessTable({ caption, rows }: { caption: string; rows: { id: string; name: string; grants: ConsoleGrantFragment[]; detail?: string }[] }) {
  return (
    <>
      <h3>{caption}</h3>
      {rows.length === 0 ? (
        <p>None.</p>
      ) : (
        <table className="access">
          <caption className="visually-hidden">{caption} with their provenance</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Held because</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name}
                  {r.detail && <div className="hint">{r.detail}</div>}
                </td>
                <td data-label="Held because">
                  <ul className="plain">
                    {r.grants.map((g, i) => (
                      <li key={i}>{provenance(g)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Activate or deactivate, and set a new password for a user who signs in with one. */
function UserActions(props: { user: User; isSelf: boolean; onDone: (message: string) => Promise<void>; onError: (message: string) => void; onSessionEnded: () => void }) {
  const { user, isSelf, onDone, onError, onSessionEnded } = props;
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState(false);

  async function setActive(active: boolean) {
    setBusy(true);
    // expectedVersion: a change made meanwhile (by the IdP, say) is reported rather than overwritten.
    const result = await attempt(() => graphql(ConsoleSetUserActiveDocument, { id: user.id, active, expectedVersion: user.version }), onSessionEnded);
    setBusy(false);
    if (!result.ok) return onError(result.message);
    await onDone(active ? `${user.userName} is active again and can sign in.` : `${user.userName} is deactivated and can no longer sign in.`);
  }

  async function resetPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get("password"));
    setBusy(true);
    const result = await attempt(() => graphql(ConsoleResetPasswordDocument, { id: user.id, password, expectedVersion: user.version }), onSessionEnded);
    setBusy(false);
    if (!result.ok) return onError(result.message);
    form.reset();
    setResetting(false);
    await onDone(`The password of ${user.userName} is changed. Tell them the new one over a separate channel.`);
  }

  return (
    <section aria-labelledby="actions-title" className="actions">
      <h2 id="actions-title">Actions</h2>
      <div className="button-row">
        {user.active ? (
          <button type="button" className="danger" disabled={busy || isSelf} onClick={() => setActive(false)}>
            Deactivate
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => setActive(true)}>
            Activate
          </button>
        )}
        {user.hasPassword && !resetting && (
          <button type="button" disabled={busy} onClick={() => setResetting(true)}>
            Reset password
          </button>
        )}
      </div>
      {isSelf && <p className="hint">You cannot deactivate yourself.</p>}
      {user.origin === "SCIM" && <p className="hint">This user is provisioned by your IdP: a change made here is overwritten by the IdP's next update of it.</p>}
      {resetting && (
        <form className="inline-form" onSubmit={resetPassword}>
          <label htmlFor="new-password">New password</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" required autoFocus />
          <button type="submit" disabled={busy}>
            Set password
          </button>
          <button type="button" onClick={() => setResetting(false)}>
            Cancel
          </button>
        </form>
      )}
    </section>
  );
}
