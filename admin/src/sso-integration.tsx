import { type FormEvent, type ReactNode, useState } from "react";
import { attempt, graphql } from "./api";
import { ConfirmDialog } from "./confirm-dialog";
import { ErrorMessage } from "./error-message";
import { Value } from "./copy-button";
import {
  ConsoleClaimSsoDomainDocument,
  ConsoleCreateOidcConnectionDocument,
  ConsoleDeleteSsoConnectionDocument,
  ConsoleDisableSsoConnectionDocument,
  ConsoleReleaseSsoDomainDocument,
  type ConsoleSsoConnectionFragment,
  ConsoleSsoConnectionsDocument,
  type ConsoleSsoConnectionsQuery,
  ConsoleSsoSettingsDocument,
  ConsoleUpdateOidcConnectionDocument,
} from "./generated/graphql";
import { useLoaded } from "./loaded";
import { when } from "./when";
import { type OidcFields, OidcConnectionForm } from "./oidc-connection-form";
import { AddSamlConnection, SamlConnectionDetails } from "./saml-connection";

type Connection = ConsoleSsoConnectionFragment;
type Company = ConsoleSsoConnectionsQuery["company"];
type Run = (call: () => Promise<unknown>) => Promise<boolean>;

const readConnections = () => graphql(ConsoleSsoConnectionsDocument);

const STATUS_TEXT: Record<string, string> = {
  DRAFT: "Draft: run a test sign-in to activate it",
  ACTIVE: "Active",
  DISABLED: "Disabled: every sign-in is refused; a successful test sign-in activates it again",
};

/**
 * The forms that add a connection, one per protocol. SAML 2.0 adds its form to this list (with
 * its own fields: IdP metadata, entity ID, certificates); the rest of the page (status, test
 * sign-in, domains, disable, delete) is the same for every protocol.
 */
const ADD_FORMS: { protocol: string; title: string; render: (run: Run, busy: boolean) => ReactNode }[] = [
  {
    protocol: "OIDC",
    title: "OpenID Connect",
    render: (run, busy) => (
      <OidcConnectionForm
        idPrefix="new-oidc"
        busy={busy}
        submitLabel="Add OIDC connection"
        onSubmit={(f) => run(() => graphql(ConsoleCreateOidcConnectionDocument, { input: { ...f, groupsClaim: f.groupsClaim || null } }))}
      />
    ),
  },
  { protocol: "SAML", title: "SAML 2.0", render: (run, busy) => <AddSamlConnection run={run} busy={busy} /> },
];

/**
 * Integrations > Single sign-on: the company's connections with the values to copy into the IdP
 * (callback URL, sign-in URL), their test sign-in, the email domains that lead to them, and the
 * company's SSO settings. Every GraphQL error is shown with its message.
 */
export function SsoIntegration({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  const { value, reload } = useLoaded(readConnections, onSessionEnded, setError);
  const connections = value?.ssoConnections;
  const company = value?.company;
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run: Run = async (call) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    const result = await attempt(call, onSessionEnded);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return false;
    }
    await reload();
    return true;
  };

  return (
    <>
      <h1>
        Integrations <span aria-hidden="true">›</span> Single sign-on
      </h1>
      <ErrorMessage message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}

      {company && <Settings company={company} busy={busy} run={run} />}

      <section aria-labelledby="connections-title">
        <h2 id="connections-title">Connections</h2>
        {connections === undefined ? (
          <p>Loading connections…</p>
        ) : connections.length === 0 ? (
          <p>No connections yet: add one below.</p>
        ) : (
          connections.map((c) => <ConnectionCard key={c.id} connection={c} busy={busy} run={run} onDeleted={(name) => setNotice(`Deleted ${name}.`)} />)
        )}
      </section>

      {ADD_FORMS.map((f) => (
        <section key={f.protocol} aria-labelledby={`add-${f.protocol}`}>
          <h2 id={`add-${f.protocol}`}>Add an {f.title} connection</h2>
          {f.protocol === "OIDC" && company && (
            <dl className="values">
              <Value
                label="Redirect URI to register at the IdP"
                value={`${window.location.origin}/sso/${company.slug}/oidc/callback`}
                hint="Okta: Sign-in redirect URIs. Entra ID: Authentication > Web > Redirect URIs."
              />
            </dl>
          )}
          {f.render(run, busy)}
        </section>
      ))}
    </>
  );
}

function Settings({ company, busy, run }: { company: Company; busy: boolean; run: Run }) {
  const toggle = (field: "ssoJitProvisioning" | "ssoCreateUnknownGroups", value: boolean) =>
    run(() => graphql(ConsoleSsoSettingsDocument, { input: { [field]: value } }));
  return (
    <section aria-labelledby="sso-settings-title">
      <h2 id="sso-settings-title">Settings</h2>
      <div className="check">
        <input
          id="sso-jit"
          type="checkbox"
          checked={company.ssoJitProvisioning}
          disabled={busy}
          onChange={(e) => toggle("ssoJitProvisioning", e.currentTarget.checked)}
        />
        <label htmlFor="sso-jit">Create users who sign in with SSO and do not exist yet</label>
      </div>
      <div className="check">
        <input
          id="sso-create-groups"
          type="checkbox"
          checked={company.ssoCreateUnknownGroups}
          disabled={busy}
          onChange={(e) => toggle("ssoCreateUnknownGroups", e.currentTarget.checked)}
        />
        <label htmlFor="sso-create-groups">Create customer-supplied roles for IdP groups that name none (otherwise they are only reported)</label>
      </div>
    </section>
  );
}

function ConnectionCard({ connection: c, busy, run, onDeleted }: { connection: Connection; busy: boolean; run: Run; onDeleted: (name: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const titleId = `connection-${c.id}`;

  async function claim(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const domain = String(new FormData(form).get("domain")).trim();
    if (await run(() => graphql(ConsoleClaimSsoDomainDocument, { connectionId: c.id, domain }))) form.reset();
  }

  async function update(f: OidcFields): Promise<boolean> {
    const input = { name: f.name, issuer: f.issuer, clientId: f.clientId, scopes: f.scopes, groupsClaim: f.groupsClaim, ...(f.clientSecret ? { clientSecret: f.clientSecret } : {}) };
    const done = await run(() => graphql(ConsoleUpdateOidcConnectionDocument, { id: c.id, input, expectedVersion: c.version }));
    if (done) setEditing(false);
    return done;
  }

  return (
    <article className="connection" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {c.name} <span className="protocol">{c.protocol}</span>
      </h3>
      <p className={`status status-${c.status.toLowerCase()}`}>{STATUS_TEXT[c.status] ?? c.status}</p>
      <dl className="values">
        {c.callbackUrl && <Value label="Redirect URI" value={c.callbackUrl} hint="Register it at the IdP (the callback URL)." />}
        <Value label="Sign-in URL" value={c.signInUrl} hint="Starts a sign-in through the company's active connection (the IdP's initiate-login URI)." />
        {c.issuer && <Value label="Issuer" value={c.issuer} />}
        {c.clientId && <Value label="Client ID" value={c.clientId} />}
        {c.protocol === "OIDC" && (
          <div className="value">
            <dt>Client secret</dt>
            <dd>{c.clientSecretSet ? "Stored encrypted (never shown)" : "Not set"}</dd>
          </div>
        )}
      </dl>
      <div className="actions">
        <a className="button" href={c.testSignInUrl}>
          Test sign-in
        </a>
        {c.protocol === "OIDC" && (
          <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
            Edit
          </button>
        )}
        {c.status !== "DISABLED" && (
          <button type="button" className="danger" disabled={busy} onClick={() => run(() => graphql(ConsoleDisableSsoConnectionDocument, { id: c.id }))}>
            Disable
          </button>
        )}
        <button type="button" className="danger" onClick={() => setConfirmDelete(true)} aria-label={`Delete ${c.name}`}>
          Delete
        </button>
      </div>
      <p className="hint">The test sign-in shows what the IdP sends and what a sign-in would do, changing nothing; it activates the connection.</p>
      {c.testedAt && <LastTest connection={c} />}
      {confirmDelete && (
        <ConfirmDialog
          id="confirm-delete"
          title={`Delete “${c.name}”?`}
          detail="Its users can no longer sign in through it, and its email domains are released."
          confirmLabel="Yes, delete"
          busy={busy}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            if (await run(() => graphql(ConsoleDeleteSsoConnectionDocument, { id: c.id }))) onDeleted(c.name);
            setConfirmDelete(false);
          }}
        />
      )}
      {c.saml && <SamlConnectionDetails saml={c.saml} busy={busy} run={run} />}
      {editing && <OidcConnectionForm idPrefix={`edit-${c.id}`} existing={c} busy={busy} submitLabel="Save" onSubmit={update} onCancel={() => setEditing(false)} />}

      <h4>Email domains</h4>
      {c.domains.length === 0 ? (
        <p className="hint">No domain leads here yet: claim one so that its addresses go straight to this IdP at sign-in.</p>
      ) : (
        <ul className="domains">
          {c.domains.map((d) => (
            <li key={d}>
              <code>{d}</code>{" "}
              <button type="button" disabled={busy} onClick={() => run(() => graphql(ConsoleReleaseSsoDomainDocument, { domain: d }))} aria-label={`Release ${d}`}>
                Release
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="generate" onSubmit={claim}>
        <label htmlFor={`domain-${c.id}`}>Email domain for {c.name}</label>
        <input id={`domain-${c.id}`} name="domain" required placeholder="acme.example" />
        <button type="submit" disabled={busy}>
          Claim domain
        </button>
      </form>
    </article>
  );
}

/** What the last test sign-in found, as the server kept it (its page showed the same, with every claim). */
interface TestReport {
  subject?: string;
  matchedUser?: { userName: string } | null;
  createdUserName?: string | null;
  refusal?: string | null;
  customerRoles?: string[];
  createdCustomerRoles?: string[];
  unknownGroups?: string[];
}

function LastTest({ connection: c }: { connection: Connection }) {
  const r = (c.lastTestResult ?? {}) as TestReport;
  const user = r.matchedUser ? `matched ${r.matchedUser.userName}` : r.createdUserName ? `would create ${r.createdUserName}` : "no user matched";
  const roles = [...(r.customerRoles ?? []), ...(r.createdCustomerRoles ?? [])];
  return (
    <div className="last-test">
      <h4>Last successful test, {when(c.testedAt)}</h4>
      <p>
        Subject <code>{r.subject}</code>: {user}; roles {roles.length ? roles.join(", ") : "none"}
        {r.unknownGroups?.length ? `; unknown groups ${r.unknownGroups.join(", ")}` : ""}.
      </p>
      {r.refusal && <p className="error">A real sign-in by this person would be refused: {r.refusal}</p>}
    </div>
  );
}
