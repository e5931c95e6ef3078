import { type FormEvent, useState } from "react";
import { signIn } from "./api";

/** Company, userName and password: the `login` mutation's fields, posted to /admin/session for a cookie session. */
export function SignIn({ message, onSignedIn }: { message?: string; onSignedIn: () => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await signIn(String(form.get("company")), String(form.get("userName")), String(form.get("password")));
      onSignedIn();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>Sign in to rolebridge</h1>
      {message && !error && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor="company">Company</label>
        <input id="company" name="company" autoComplete="organization" required autoFocus />
        <label htmlFor="userName">User name</label>
        <input id="userName" name="userName" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
