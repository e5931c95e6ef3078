import { type FormEvent, useEffect, useState } from "react";
import { graphql, signIn } from "./api";
import { ErrorMessage } from "./error-message";
import { ConsoleSsoSignInRouteDocument } from "./generated/graphql";

type SsoRoute = { company: string; signInUrl: string };

/** Whether the text is an address whose domain could have been claimed (user names need not be addresses). */
function emailDomainOf(value: string): string | undefined {
  const match = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/.exec(value.trim());
  return match?.[1]?.toLowerCase();
}

/**
 * Email first: a work address whose domain a company claimed for single sign-on goes straight
 * to that company's IdP; anyone else signs in with company, user name and password (the `login`
 * mutation's fields, posted to /admin/session for a cookie session).
 */
export function SignIn({ message, onSignedIn }: { message?: string; onSignedIn: () => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [identifier, setIdentifier] = useState("");
  const [sso, setSso] = useState<SsoRoute>();

  // As the address is typed, ask (debounced) whether its domain signs in with SSO, so the form
  // can say so before it is sent; the answer is asked again on submit, so a slow one never misleads.
  const domain = emailDomainOf(identifier);
  useEffect(() => {
    setSso(undefined);
    if (!domain) return;
    let current = true;
    const timer = setTimeout(async () => {
      const route = await findSsoRoute(identifier).catch(() => undefined);
      if (current) setSso(route ?? undefined);
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [domain]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const route = emailDomainOf(identifier) ? await findSsoRoute(identifier) : null;
      if (route) {
        // The IdP pre-fills its own sign-in with the address (OpenID Connect login_hint).
        window.location.assign(`${route.signInUrl}?login_hint=${encodeURIComponent(identifier.trim())}`);
        return;
      }
      const company = String(form.get("company") ?? "").trim();
      const password = String(form.get("password") ?? "");
      if (!company || !password) {
        throw new Error("Enter your company and password. (Addresses of a company that signs in with single sign-on go to its sign-in page.)");
      }
      await signIn(company, identifier.trim(), password);
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
      <ErrorMessage message={error} />
      <form onSubmit={submit} noValidate>
        <label htmlFor="userName">Work email or user name</label>
        <input
          id="userName"
          name="userName"
          autoComplete="username"
          required
          autoFocus
          value={identifier}
          onChange={(e) => setIdentifier(e.currentTarget.value)}
          aria-describedby="sso-hint"
        />
        <p id="sso-hint" className="hint" role="status" aria-live="polite">
          {sso ? `${domain} signs in with single sign-on: Continue takes you to ${sso.company}'s sign-in page.` : ""}
        </p>
        {!sso && (
          <>
            <label htmlFor="company">Company</label>
            <input id="company" name="company" autoComplete="organization" required />
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required />
          </>
        )}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : sso ? "Continue with single sign-on" : "Sign in"}
        </button>
      </form>
    </main>
  );
}

async function findSsoRoute(email: string): Promise<SsoRoute | null> {
  const { ssoSignInRoute } = await graphql(ConsoleSsoSignInRouteDocument, { email: email.trim() });
  return ssoSignInRoute;
}
