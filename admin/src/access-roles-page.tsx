import { type FormEvent, useCallback, useState } from "react";
import { attempt, graphql } from "./api";
import { ConfirmDialog } from "./confirm-dialog";
import { ErrorMessage } from "./error-message";
import {
  ConsoleAccessRolesDocument,
  ConsoleCreateAppAccessRoleDocument,
  ConsoleCreateDataAccessRoleDocument,
  ConsoleDeleteAppAccessRoleDocument,
  ConsoleDeleteDataAccessRoleDocument,
  ConsoleUpdateAppAccessRoleDocument,
  ConsoleUpdateDataAccessRoleDocument,
  type Permission,
} from "./generated/graphql";
import { useLoaded } from "./loaded";
import { can, type Permissions } from "./permissions";

/** Every permission an app-access role can carry, in the order the API documents them. */
const ALL_PERMISSIONS: Permission[] = ["CanConfigureCompany", "CanManageUsers", "CanViewUsers", "CanViewAuditLog", "CanProvisionUsersAsSCIM", "CanCreateAppPasswords"];

const readAccessRoles = () => graphql(ConsoleAccessRolesDocument);

type Kind = "data" | "app";
interface Role {
  id: string;
  name: string;
  description: string | null;
  permissions?: Permission[];
}

/** The platform's roles: data-access roles (which data) and app-access roles (which permissions); created, changed and deleted by configurators. */
export function AccessRolesPage({ permissions, onSessionEnded }: { permissions: Permissions; onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  const { value: data, reload } = useLoaded(readAccessRoles, onSessionEnded, setError);
  const [notice, setNotice] = useState<string>();
  const editable = can.configure(permissions);

  /** Runs a change; its error stays on screen with the server's message, its success reloads the lists. */
  const change = useCallback(
    async (call: () => Promise<unknown>, message: string): Promise<boolean> => {
      const result = await attempt(call, onSessionEnded);
      if (!result.ok) {
        setNotice(undefined);
        setError(result.message);
        return false;
      }
      // The message appears with the lists that show the change, not before them.
      await reload();
      setError(undefined);
      setNotice(message);
      return true;
    },
    [reload, onSessionEnded],
  );

  return (
    <>
      <h1>Access roles</h1>
      <ErrorMessage message={error} />
      {notice && !error && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {!data ? (
        !error && <p>Loading access roles…</p>
      ) : (
        <>
          <RoleSection kind="data" title="Data-access roles" roles={data.dataAccessRoles} editable={editable} change={change} />
          <RoleSection kind="app" title="App-access roles" roles={data.appAccessRoles} editable={editable} change={change} />
        </>
      )}
    </>
  );
}

type Change = (call: () => Promise<unknown>, message: string) => Promise<boolean>;

function RoleSection({ kind, title, roles, editable, change }: { kind: Kind; title: string; roles: Role[]; editable: boolean; change: Change }) {
  const [editingId, setEditingId] = useState<string>();
  const [deleting, setDeleting] = useState<Role>();
  const idPrefix = `${kind}-role`;

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form, kind);
    const ok = await change(
      () =>
        kind === "data"
          ? graphql(ConsoleCreateDataAccessRoleDocument, { input: { name: values.name, description: values.description } })
          : graphql(ConsoleCreateAppAccessRoleDocument, { input: { name: values.name, description: values.description, permissions: values.permissions } }),
      `Created ${values.name}.`,
    );
    if (ok) form.reset();
  }

  return (
    <section aria-labelledby={`${idPrefix}s-title`}>
      <h2 id={`${idPrefix}s-title`}>{title}</h2>
      {roles.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              {kind === "app" && <th scope="col">Permissions</th>}
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {roles.map((r) =>
              editingId === r.id ? (
                <tr key={r.id}>
                  <td colSpan={kind === "app" ? 4 : 3}>
                    <RoleForm
                      kind={kind}
                      idPrefix={`${idPrefix}-edit`}
                      role={r}
                      submitLabel="Save"
                      onCancel={() => setEditingId(undefined)}
                      onSubmit={async (values) => {
                        const ok = await change(
                          () =>
                            kind === "data"
                              ? graphql(ConsoleUpdateDataAccessRoleDocument, { id: r.id, input: { name: values.name, description: values.description } })
                              : graphql(ConsoleUpdateAppAccessRoleDocument, {
                                  id: r.id,
                                  input: { name: values.name, description: values.description, permissions: values.permissions },
                                }),
                          `Saved ${values.name}.`,
                        );
                        if (ok) setEditingId(undefined);
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td data-label="Description">{r.description ?? ""}</td>
                  {kind === "app" && <td data-label="Permissions">{r.permissions?.join(", ") || "None"}</td>}
                  {editable && (
                    <td className="button-row">
                      <button type="button" onClick={() => setEditingId(r.id)} aria-label={`Edit ${r.name}`}>
                        Edit
                      </button>
                      <button type="button" className="danger" onClick={() => setDeleting(r)} aria-label={`Delete ${r.name}`}>
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          id="confirm-delete"
          title={`Delete “${deleting.name}”?`}
          detail="Every mapping and direct assignment that grants it loses it, and its holders lose what it gave them from their next request on."
          confirmLabel="Yes, delete"
          onCancel={() => setDeleting(undefined)}
          onConfirm={async () => {
            await change(
              () =>
                kind === "data" ? graphql(ConsoleDeleteDataAccessRoleDocument, { id: deleting.id }) : graphql(ConsoleDeleteAppAccessRoleDocument, { id: deleting.id }),
              `Deleted ${deleting.name}.`,
            );
            setDeleting(undefined);
          }}
        />
      )}
      {editable && (
        <details className="create">
          <summary>New {kind === "data" ? "data-access" : "app-access"} role</summary>
          <form onSubmit={create} aria-label={`New ${kind === "data" ? "data-access" : "app-access"} role`}>
            <RoleFields kind={kind} idPrefix={`${idPrefix}-new`} />
            <button type="submit">Create</button>
          </form>
        </details>
      )}
    </section>
  );
}

interface RoleValues {
  name: string;
  description: string | null;
  permissions: Permission[];
}

function formValues(form: HTMLFormElement, kind: Kind): RoleValues {
  const data = new FormData(form);
  const description = String(data.get("description") ?? "").trim();
  return {
    name: String(data.get("name") ?? ""),
    description: description || null,
    permissions: kind === "app" ? (data.getAll("permissions") as Permission[]) : [],
  };
}

function RoleFields({ kind, idPrefix, role }: { kind: Kind; idPrefix: string; role?: Role }) {
  return (
    <div className="role-fields">
      <label htmlFor={`${idPrefix}-name`}>Name</label>
      <input id={`${idPrefix}-name`} name="name" required maxLength={256} defaultValue={role?.name} />
      <label htmlFor={`${idPrefix}-description`}>Description</label>
      <input id={`${idPrefix}-description`} name="description" maxLength={4096} defaultValue={role?.description ?? ""} />
      {kind === "app" && (
        <fieldset>
          <legend>Permissions</legend>
          {ALL_PERMISSIONS.map((p) => (
            <label key={p} className="check">
              <input type="checkbox" name="permissions" value={p} defaultChecked={role?.permissions?.includes(p)} /> {p}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

function RoleForm(props: { kind: Kind; idPrefix: string; role: Role; submitLabel: string; onCancel: () => void; onSubmit: (values: RoleValues) => Promise<void> }) {
  return (
    <form
      aria-label={`Edit ${props.role.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit(formValues(e.currentTarget, props.kind));
      }}
    >
      <RoleFields kind={props.kind} idPrefix={props.idPrefix} role={props.role} />
      <div className="button-row">
        <button type="submit">{props.submitLabel}</button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
