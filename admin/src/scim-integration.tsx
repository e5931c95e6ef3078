import { type FormEvent, useEffect, useRef, useState } from "react";
import { attempt, graphql } from "./api";
import { ConfirmDialog } from "./confirm-dialog";
import { ErrorMessage } from "./error-message";
import type { Me } from "./session";
import { Value } from "./copy-button";
import { useLoaded } from "./loaded";
import {
  type ConsoleAppPasswordFragment,
  ConsoleAppPasswordsDocument,
  ConsoleGenerateAppPasswordDocument,
  type ConsoleGenerateAppPasswordMutation,
  ConsoleRevokeAppPasswordDocument,
  ConsoleRotateAppPasswordDocument,
} from "./generated/graphql";
import { when } from "./when";
import { IdpSetup } from "./idp-setup";

type Generated = ConsoleGenerateAppPasswordMutation["generateAppPassword"] & {
  /** Set when the credential was issued by rotation: the one it replaces, still working for now. */
  replaces?: ConsoleAppPasswordFragment;
};

const readAppPasswords = async () => (await graphql(ConsoleAppPasswordsDocument)).appPasswords;

export const SECRET_WARNING = "Copy your Client Secret now: it cannot be retrieved later, only revoked.";

/**
 * Integrations > SCIM: what an IdP's SCIM form asks for (base URL, token URL, Client ID and
 * Client Secret) and the app passwords behind them. Generating and revoking is the service
 * account's own act (the API refuses anyone else, and impersonated sessions), so an administrator
 * sees the list and is told whom to sign in as.
 */
export function ScimIntegration({ me, onSessionEnded }: { me: Me; onSessionEnded: () => void }) {
  const origin = window.location.origin;
  const [error, setError] = useState<string>();
  const { value: passwords, reload } = useLoaded(readAppPasswords, onSessionEnded, setError);
  const [generated, setGenerated] = useState<Generated>();
  const [confirming, setConfirming] = useState<ConsoleAppPasswordFragment>();
  const [busy, setBusy] = useState(false);

  async function generate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get("name")).trim();
    setBusy(true);
    setError(undefined);
    const result = await attempt(() => graphql(ConsoleGenerateAppPasswordDocument, { name }), onSessionEnded);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    formElement.reset();
    setGenerated(result.value.generateAppPassword);
    await reload();
  }

  async function rotate(password: ConsoleAppPasswordFragment) {
    setBusy(true);
    setError(undefined);
    const result = await attempt(() => graphql(ConsoleRotateAppPasswordDocument, { id: password.id }), onSessionEnded);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    const rotated = result.value.rotateAppPassword;
    setGenerated({ ...rotated, replaces: rotated.predecessor });
    await reload();
  }

  async function revoke(password: ConsoleAppPasswordFragment) {
    setBusy(true);
    setError(undefined);
    const result = await attempt(() => graphql(ConsoleRevokeAppPasswordDocument, { id: password.id }), onSessionEnded);
    setBusy(false);
    setConfirming(undefined);
    if (!result.ok) return setError(result.message);
    await reload();
  }

  const hasActive = passwords?.some((p) => p.active) ?? false;
  const rotating = passwords?.some((p) => p.active && p.supersededAt) ?? false;
  const serviceAccounts = [...new Set([...(me.isServiceAccount ? [me.userName] : []), ...(passwords ?? []).map((p) => p.owner.userName)])];

  return (
    <>
      <h1>
        Integrations <span aria-hidden="true">›</span> SCIM
      </h1>
      <ErrorMessage message={error} />

      <section aria-labelledby="connection-title">
        <h2 id="connection-title">Connection</h2>
        <p>Enter these in your identity provider's SCIM provisioning settings.</p>
        <dl className="values">
          <Value label="SCIM base URL" value={`${origin}/scim/v2`} />
          <Value label="Token URL" value={`${origin}/oauth2/token`} hint="OAuth 2.0 client credentials, for IdPs that fetch their own token" />
          <div className="value">
            <dt>Service account</dt>
            <dd>
              {serviceAccounts.length > 0 ? (
                serviceAccounts.map((name) => <code key={name}>{name}</code>)
              ) : (
                <span className="hint">None has an app password yet. An operator creates it (CLI: create-service-account).</span>
              )}
              <div className="hint">The user the IdP provisions as; its app password is the Client ID and Client Secret.</div>
            </dd>
          </div>
        </dl>
      </section>

      <IdpSetup baseUrl={`${origin}/scim/v2`} tokenUrl={`${origin}/oauth2/token`} />

      {generated && <NewCredential generated={generated} onClose={() => setGenerated(undefined)} />}

      <section aria-labelledby="app-passwords-title">
        <div className="section-head">
          <h2 id="app-passwords-title">App passwords</h2>
          <button type="button" onClick={() => void reload()} disabled={busy}>
            Refresh
          </button>
        </div>
        {me.isServiceAccount ? (
          <form className="generate" onSubmit={generate}>
            <label htmlFor="app-password-name">Descriptive name</label>
            <input id="app-password-name" name="name" required maxLength={200} placeholder="e.g. Okta production" aria-describedby="generate-hint" />
            <button type="submit" disabled={busy || hasActive}>
              Generate
            </button>
            <p id="generate-hint" className="hint">
              {hasActive
                ? "An account has at most one active app password: rotate it to replace it without downtime, or revoke it before generating another."
                : "Name it after the IdP that will use it, so the provisioning log says who called."}
            </p>
          </form>
        ) : (
          <p className="hint">
            App passwords are generated and revoked by the service account itself: sign in as the IdP's service account (it holds SCIM
            Provisioner) to do so. You are signed in as {me.userName}.
          </p>
        )}

        {passwords === undefined ? (
          <p>Loading app passwords…</p>
        ) : passwords.length === 0 ? (
          <p>No app passwords yet.</p>
        ) : (
          <table>
            <caption className="visually-hidden">App passwords</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Client ID</th>
                <th scope="col">Service account</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Last failure</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {passwords.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td data-label="Client ID">
                    <code>{p.clientId}</code>
                  </td>
                  <td data-label="Service account">{p.owner.userName}</td>
                  <td data-label="Status">{statusOf(p, passwords)}</td>
                  <td data-label="Created">{when(p.createdAt)}</td>
                  <td data-label="Last used">{p.lastUsedAt ? when(p.lastUsedAt) : "Never"}</td>
                  <td data-label="Last failure">{p.lastFailureAt ? `${when(p.lastFailureAt)}: ${p.lastFailureReason ?? "unknown reason"}` : "None"}</td>
                  <td className="actions">
                    {p.active && me.isServiceAccount && !p.supersededAt && !rotating && (
                      <button type="button" disabled={busy} onClick={() => void rotate(p)} aria-label={`Rotate ${p.name} (${p.clientId})`}>
                        Rotate
                      </button>
                    )}{" "}
                    {p.active && me.isServiceAccount && (
                      <button type="button" className="danger" onClick={() => setConfirming(p)} aria-label={`Revoke ${p.name} (${p.clientId})`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {confirming && (
          <ConfirmDialog
            id="confirm-revoke"
            title={`Revoke “${confirming.name}”?`}
            detail={
              <>
                Every request with Client ID <code>{confirming.clientId}</code>, or a token issued from it, fails from the next one on. This cannot be undone.
                {confirming.supersededAt && " Its successor stays active."}
              </>
            }
            confirmLabel="Yes, revoke"
            busy={busy}
            onConfirm={() => revoke(confirming)}
            onCancel={() => setConfirming(undefined)}
          />
        )}
      </section>
    </>
  );
}

/**
 * The one time the secret is on screen. Closing the panel drops it from the page's state, and
 * nothing else kept it: the server stores only its hash.
 */
function NewCredential({ generated, onClose }: { generated: Generated; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="new-credential" aria-labelledby="new-credential-title">
      <h2 id="new-credential-title" tabIndex={-1} ref={heading}>
        New app password: {generated.appPassword.name}
      </h2>
      <p className="warning" role="alert">
        {SECRET_WARNING}
      </p>
      {generated.replaces && (
        <p className="notice">
          It replaces Client ID <code>{generated.replaces.clientId}</code>, which keeps working until the first successful request with this
          one: enter this one in the IdP whenever suits you, and the old one is revoked on its first use.
        </p>
      )}
      <dl className="values">
        <Value label="Client ID" value={generated.appPassword.clientId} hint="The HTTP Basic user name" />
        <Value label="Client Secret" value={generated.clientSecret} hint="The HTTP Basic password" />
        <Value label="Bearer token" value={generated.bearerToken} hint="For IdPs that take one secret token (Authorization: Bearer)" />
      </dl>
      <button type="button" onClick={onClose}>
        I have copied it, close
      </button>
    </section>
  );
}

/** Active, revoked, or one half of a rotation under way. */
function statusOf(p: ConsoleAppPasswordFragment, all: ConsoleAppPasswordFragment[]): string {
  if (!p.active) return `Revoked ${when(p.revokedAt)}`;
  if (p.supersededAt) return "Active until its successor's first use";
  const predecessor = p.predecessorId ? all.find((other) => other.id === p.predecessorId && other.active) : undefined;
  return predecessor ? `Active, not used yet; its first use revokes ${predecessor.clientId}` : "Active";
}

