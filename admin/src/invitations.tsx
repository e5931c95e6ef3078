import { type FormEvent, useState } from "react";
import { attempt, graphql } from "./api";
import { ConfirmDialog } from "./confirm-dialog";
import { ErrorMessage } from "./error-message";
import {
  type ConsoleInvitationFragment,
  ConsoleInvitationsDocument,
  ConsoleInviteUserDocument,
  ConsoleResendInvitationDocument,
  ConsoleRevokeInvitationDocument,
} from "./generated/graphql";
import { useLoaded } from "./loaded";
import { when } from "./when";

const readInvitations = async () => (await graphql(ConsoleInvitationsDocument)).invitations;

const STATE_LABELS: Record<ConsoleInvitationFragment["state"], string> = {
  PENDING: "Pending",
  ACCEPTED: "Accepted",
  REVOKED: "Revoked",
  EXPIRED: "Expired",
};

const EMAIL_LABELS: Record<NonNullable<ConsoleInvitationFragment["message"]>["status"], string> = {
  PENDING: "Waiting to be sent",
  SENT: "Sent",
  LOGGED: "Not sent (no SMTP server; link in the server log)",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

/**
 * Users > Invitations: the outbox as administrators see it. Each invitation with its latest email
 * (recipient, status, created, sent, last error), resend and revoke, and a form to invite someone
 * (a user created without a password, who gets the email). Without SMTP_URL the emails wait here.
 */
export function Invitations({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  const { value: invitations, reload } = useLoaded(readInvitations, onSessionEnded, setError);
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<ConsoleInvitationFragment>();

  async function run(call: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    const result = await attempt(call, onSessionEnded);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return false;
    }
    setNotice(done);
    await reload();
    return true;
  }

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const userName = String(data.get("userName")).trim();
    const email = String(data.get("email")).trim();
    const ok = await run(
      () => graphql(ConsoleInviteUserDocument, { input: { userName, emails: [{ value: email, type: "work", primary: true }] } }),
      `${userName} was created and invited at ${email}.`,
    );
    if (ok) form.reset();
  }

  return (
    <>
      <h1>
        Users <span aria-hidden="true">›</span> Invitations
      </h1>
      <ErrorMessage message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}

      <section aria-labelledby="invite-title">
        <h2 id="invite-title">Invite someone</h2>
        <form className="invite" onSubmit={invite}>
          <label htmlFor="invite-user-name">User name</label>
          <input id="invite-user-name" name="userName" required maxLength={256} autoComplete="off" />
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" name="email" type="email" required maxLength={320} autoComplete="off" />
          <button type="submit" disabled={busy}>
            Create and invite
          </button>
          <p className="hint">The user is created without a password and gets an email with a link to set one.</p>
        </form>
      </section>

      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">Invitations</h2>
        {invitations === undefined ? (
          <p>Loading invitations…</p>
        ) : invitations.length === 0 ? (
          <p>No invitations yet.</p>
        ) : (
          <table>
            <caption className="visually-hidden">Invitations</caption>
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">User</th>
                <th scope="col">Invitation</th>
                <th scope="col">Email</th>
                <th scope="col">Created</th>
                <th scope="col">Sent</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td data-label="Recipient">{i.email}</td>
                  <td data-label="User">{i.userName}</td>
                  <td data-label="Invitation">
                    {STATE_LABELS[i.state]}
                    {i.state === "PENDING" && <div className="hint">until {when(i.expiresAt)}</div>}
                  </td>
                  <td data-label="Email">
                    {i.message ? EMAIL_LABELS[i.message.status] : "None"}
                    {i.message && i.message.attempts > 1 && <div className="hint">{i.message.attempts} attempts</div>}
                  </td>
                  <td data-label="Created">{when(i.createdAt)}</td>
                  <td data-label="Sent">{i.message?.sentAt ? when(i.message.sentAt) : "Not yet"}</td>
                  <td data-label="Last error">{i.message?.lastError ?? "None"}</td>
                  <td>
                    {i.state !== "ACCEPTED" && (
                      <button type="button" disabled={busy} onClick={() => run(() => graphql(ConsoleResendInvitationDocument, { userId: i.userId }), `The invitation to ${i.email} was sent again.`)} aria-label={`Resend the invitation to ${i.email}`}>
                        Resend
                      </button>
                    )}{" "}
                    {(i.state === "PENDING" || i.state === "EXPIRED") && (
                      <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(i)} aria-label={`Revoke the invitation to ${i.email}`}>
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
            id="confirm-revoke-invitation"
            title={`Revoke the invitation to ${confirming.email}?`}
            detail="Its links stop working at once, and an email not yet sent is cancelled. You can invite them again later."
            confirmLabel="Yes, revoke"
            busy={busy}
            onConfirm={async () => {
              await run(() => graphql(ConsoleRevokeInvitationDocument, { id: confirming.id }), `The invitation to ${confirming.email} was revoked.`);
              setConfirming(undefined);
            }}
            onCancel={() => setConfirming(undefined)}
          />
        )}
      </section>
    </>
  );
}
