import { type FormEvent, useState } from "react";
import { graphql, signIn } from "./api";
import { ErrorMessage } from "./error-message";
import { ConsoleAcceptInvitationDocument } from "./generated/graphql";

/** The token of the invitation link, read from the URL fragment (which the browser never sends to the server). */
let token: string | undefined;

function takeToken(): string | undefined {
  // Read once per page load: the fragment is removed below, and React may call this again.
  if (token === undefined) {
    token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? undefined;
    // Out of the address bar and the history, so it is not left behind on a shared computer.
    if (token) window.history.replaceState(null, "", window.location.pathname);
  }
  return token;
}

/**
 * Where an invitation link leads: set a first password (the company's password policy applies),
 * then land signed in to the console. An expired, used, revoked or unknown link shows the
 * server's message, which says what to do.
 */
export function AcceptInvitation({ onSignedIn }: { onSignedIn: () => void }) {
  const [linkToken] = useState(takeToken);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password"));
    if (password !== String(data.get("confirm"))) return setError("The two passwords differ: type the same password twice.");
    setBusy(true);
    setError(undefined);
    try {
      const { acceptInvitation } = await graphql(ConsoleAcceptInvitationDocument, { token: linkToken!, password });
      await signIn(acceptInvitation.companySlug, acceptInvitation.userName, password);
      onSignedIn();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>Set your password</h1>
      {!linkToken ? (
        <p className="error" role="alert">
          This page needs the link from your invitation email. Open the link from the email again, or ask your administrator to resend it.
        </p>
      ) : (
        <form onSubmit={submit}>
          <ErrorMessage message={error} />
          <label htmlFor="new-password">New password</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" required />
          <label htmlFor="confirm-password">Repeat the password</label>
          <input id="confirm-password" name="confirm" type="password" autoComplete="new-password" required />
          <button type="submit" disabled={busy}>
            Set password and sign in
          </button>
        </form>
      )}
    </main>
  );
}
