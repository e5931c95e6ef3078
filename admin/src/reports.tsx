import { type ChangeEvent, useState } from "react";
import { attempt, download, graphql } from "./api";
import { ConfirmDialog } from "./confirm-dialog";
import { ErrorMessage, Working } from "./error-message";
import { saveFile } from "./save-file";
import {
  ConsoleClearUploadedCustomerRolesDocument,
  ConsoleExportRoleMappingsDocument,
  ConsoleImportRoleMappingsDocument,
  type ConsoleImportRoleMappingsMutation,
  ConsoleUploadUsersDocument,
  type ConsoleUploadUsersMutation,
} from "./generated/graphql";

type MappingDiff = ConsoleImportRoleMappingsMutation["importRoleMappings"];
type UploadResult = ConsoleUploadUsersMutation["uploadUsers"];

/**
 * Backups and reports: what an admin keeps before switching SCIM on (the users-and-roles CSV, the
 * role mapping), and the file-based tools SCIM replaces (mapping import, user upload, clearing the
 * roles an upload assigned). Every change is previewed first (dry run) and applied on request.
 */
export function Reports({ onSessionEnded }: { onSessionEnded: () => void }) {
  return (
    <>
      <h1>Backups and reports</h1>
      <Downloads onSessionEnded={onSessionEnded} />
      <MappingImport onSessionEnded={onSessionEnded} />
      <UserUpload onSessionEnded={onSessionEnded} />
      <ClearUploadedRoles onSessionEnded={onSessionEnded} />
    </>
  );
}

function Downloads({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  // What is under way, said while it runs (a large upload or import takes a while).
  const [busy, setBusy] = useState<string>();

  async function run(step: string, call: () => Promise<void>) {
    setBusy(step);
    setError(undefined);
    const result = await attempt(call, onSessionEnded);
    setBusy(undefined);
    if (!result.ok) setError(result.message);
  }

  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">Downloads</h2>
      <p>Keep both before switching SCIM on: they are what to restore from if a mapping or a provisioning run goes wrong.</p>
      <ErrorMessage message={error} />
      <Working step={busy} />
      <div className="button-row">
        <button type="button" disabled={busy !== undefined} onClick={() => void run("Preparing the users-and-roles CSV…", () => download("/reports/users-and-roles.csv", "users-and-roles.csv"))}>
          Download users and roles (CSV)
        </button>
        <button
          type="button"
          disabled={busy !== undefined}
          onClick={() =>
            void run("Exporting the role mapping…", async () => {
              const { exportRoleMappings } = await graphql(ConsoleExportRoleMappingsDocument);
              saveFile(new Blob([JSON.stringify(exportRoleMappings, null, 2)], { type: "application/json" }), "role-mappings.json");
            })
          }
        >
          Export the role mapping (JSON)
        </button>
      </div>
    </section>
  );
}

function MappingImport({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [document, setDocument] = useState<unknown>();
  const [diff, setDiff] = useState<MappingDiff>();
  const [error, setError] = useState<string>();
  // What is under way, said while it runs (a large upload or import takes a while).
  const [busy, setBusy] = useState<string>();

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    setDiff(undefined);
    setError(undefined);
    const file = event.target.files?.[0];
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setDocument(undefined);
      return setError(`${file.name} is not JSON: choose a file that "Export the role mapping" saved`);
    }
    setDocument(parsed);
    await send(parsed, true);
  }

  async function send(doc: unknown, dryRun: boolean) {
    setBusy(dryRun ? "Previewing the import…" : "Applying the import…");
    const result = await attempt(() => graphql(ConsoleImportRoleMappingsDocument, { document: doc, dryRun }), onSessionEnded);
    setBusy(undefined);
    if (!result.ok) return setError(result.message);
    setError(undefined);
    setDiff(result.value.importRoleMappings);
  }

  return (
    <section aria-labelledby="mapping-import-title">
      <h2 id="mapping-import-title">Import a role mapping</h2>
      <p>The company's mapping becomes exactly the file's. You see what changes, and who gains or loses access, before anything is applied.</p>
      <label htmlFor="mapping-file">Role mapping file (JSON)</label> <input id="mapping-file" type="file" accept="application/json,.json" onChange={choose} />
      <ErrorMessage message={error} />
      <Working step={busy} />
      {diff && (
        <div className="preview" aria-live="polite">
          <h3>{diff.applied ? "Applied" : "Preview: nothing has changed yet"}</h3>
          <p>
            {diff.changes.length} mapping{diff.changes.length === 1 ? "" : "s"} change, {diff.unchangedCount} unchanged
            {diff.createdCustomerRoles.length > 0 && `; new customer-supplied roles: ${diff.createdCustomerRoles.join(", ")}`}.
          </p>
          {diff.changes.length > 0 && (
            <ul>
              {diff.changes.map((c) => (
                <li key={c.customerRole}>
                  <strong>{c.customerRole}</strong>: data-access {list(c.dataAccessRolesBefore)} → {list(c.dataAccessRolesAfter)}; app-access{" "}
                  {list(c.appAccessRolesBefore)} → {list(c.appAccessRolesAfter)}
                </li>
              ))}
            </ul>
          )}
          {diff.accessChanges.length > 0 && (
            <ul>
              {diff.accessChanges.map((a) => (
                <li key={`${a.kind}-${a.roleName}`}>
                  {a.roleName}: {a.gainedCount} gain it, {a.lostCount} lose it
                </li>
              ))}
            </ul>
          )}
          {!diff.applied && document !== undefined && (
            <button type="button" disabled={busy !== undefined} onClick={() => void send(document, false)}>
              Apply this mapping
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function UserUpload({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [csv, setCsv] = useState<string>();
  const [result, setResult] = useState<UploadResult>();
  const [error, setError] = useState<string>();
  // What is under way, said while it runs (a large upload or import takes a while).
  const [busy, setBusy] = useState<string>();

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    setResult(undefined);
    setError(undefined);
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    await send(text, true);
  }

  async function send(text: string, dryRun: boolean) {
    setBusy(dryRun ? "Checking the file and previewing the upload…" : "Applying the upload…");
    const r = await attempt(() => graphql(ConsoleUploadUsersDocument, { csv: text, dryRun }), onSessionEnded);
    setBusy(undefined);
    if (!r.ok) return setError(r.message);
    setError(undefined);
    setResult(r.value.uploadUsers);
  }

  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">Upload users from CSV</h2>
      <p className="hint">
        First line: userName (required), givenName, familyName, email, active, customerRoles (names separated by ;). Memberships owned by SCIM or an
        admin are never changed.
      </p>
      <label htmlFor="upload-file">Users file (CSV)</label> <input id="upload-file" type="file" accept="text/csv,.csv" onChange={choose} />
      <ErrorMessage message={error} />
      <Working step={busy} />
      {result && (
        <div className="preview" aria-live="polite">
          <h3>{result.applied ? "Applied" : "Preview: nothing has changed yet"}</h3>
          <p>
            {result.created} created, {result.updated} updated, {result.unchanged} unchanged; memberships: {result.membershipsAdded} added,{" "}
            {result.membershipsRemoved} removed
            {result.createdCustomerRoles.length > 0 && `; new customer-supplied roles: ${result.createdCustomerRoles.join(", ")}`}.
          </p>
          <ul>
            {result.lines.slice(0, 50).map((l) => (
              <li key={l.line}>
                Line {l.line}: {l.userName}, {l.action.toLowerCase()}
                {l.customerRolesAdded.length > 0 && `; roles added: ${l.customerRolesAdded.join(", ")}`}
                {l.customerRolesRemoved.length > 0 && `; roles removed: ${l.customerRolesRemoved.join(", ")}`}
              </li>
            ))}
          </ul>
          {!result.applied && csv !== undefined && (
            <button type="button" disabled={busy !== undefined} onClick={() => void send(csv, false)}>
              Apply this upload
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function ClearUploadedRoles({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  async function clear() {
    const result = await attempt(() => graphql(ConsoleClearUploadedCustomerRolesDocument), onSessionEnded);
    setConfirming(false);
    if (!result.ok) return setError(result.message);
    setError(undefined);
    const n = result.value.clearUploadedCustomerRoles;
    setMessage(`Removed ${n} role assignment${n === 1 ? "" : "s"} made by uploads.`);
  }

  return (
    <section aria-labelledby="clear-title">
      <h2 id="clear-title">Clear uploaded roles</h2>
      <p>
        It is not recommended to use bulk user upload along with SCIM: roles assigned by an upload cannot be controlled by SCIM. If you used uploads
        before enabling SCIM, clear all customer-supplied roles they assigned before managing roles via SCIM or SSO. Memberships owned by SCIM or an
        admin stay.
      </p>
      <ErrorMessage message={error} />
      {message && <p role="status">{message}</p>}
      {confirming ? (
        <ConfirmDialog
          id="clear-confirm"
          title="Remove every role assignment made by uploads?"
          confirmLabel="Yes, clear uploaded roles"
          onConfirm={() => void clear()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Clear uploaded roles
        </button>
      )}
    </section>
  );
}

function list(names: readonly string[]): string {
  return names.length ? names.join(", ") : "none";
}
