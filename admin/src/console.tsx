import { useCallback, useEffect, useState } from "react";
import { graphql, SessionEnded, signOut } from "./api";
import { ConsoleMeDocument, type ConsoleMeQuery } from "./generated/graphql";
import { MyAccess } from "./my-access";
import { ScimIntegration } from "./scim-integration";
import { SignIn } from "./sign-in";
import { SsoIntegration } from "./sso-integration";

export type Me = ConsoleMeQuery["me"];

type State = { kind: "loading" } | { kind: "signed-out"; message?: string } | { kind: "signed-in"; me: Me };

const SESSION_ENDED = "Your session has ended (it expired or was signed out). Sign in again.";

/** The console: sign-in until there is a session, then its pages. */
export function Console() {
  const [state, setState] = useState<State>({ kind: "loading" });

  const loadMe = useCallback(async (afterSignIn: boolean) => {
    try {
      const { me } = await graphql(ConsoleMeDocument);
      setState({ kind: "signed-in", me });
    } catch (err) {
      // On first load a missing session is the normal start, not an event worth a message.
      const message = err instanceof SessionEnded ? (afterSignIn ? err.message : undefined) : String((err as Error).message);
      setState({ kind: "signed-out", message });
    }
  }, []);

  useEffect(() => {
    void loadMe(false);
  }, [loadMe]);

  const sessionEnded = useCallback(() => setState({ kind: "signed-out", message: SESSION_ENDED }), []);

  if (state.kind === "loading") return <p className="loading">Loading…</p>;
  const path = window.location.pathname.replace(/\/$/, "");
  const current = (href: string) => (path === href ? ("page" as const) : undefined);
  if (state.kind === "signed-out") {
    return <SignIn message={state.message} onSignedIn={() => loadMe(true)} />;
  }
  return (
    <>
      <header className="top">
        <span className="brand">rolebridge admin</span>
        <nav aria-label="Main">
          <ul>
            <li>
              <span className="nav-group">Integrations</span>
              <ul>
                <li>
                  <a href="/admin/integrations/scim" aria-current={current("/admin/integrations/scim") ?? (path === "/admin" ? "page" : undefined)}>
                    SCIM
                  </a>
                </li>
                <li>
                  <a href="/admin/integrations/sso" aria-current={current("/admin/integrations/sso")}>
                    Single sign-on
                  </a>
                </li>
              </ul>
            </li>
            <li>
              <a href="/admin/my-access" aria-current={current("/admin/my-access")}>
                Your access
              </a>
            </li>
          </ul>
        </nav>
        <span className="who">
          Signed in as <strong>{state.me.userName}</strong>
        </span>
        <button
          type="button"
          onClick={async () => {
            await signOut();
            setState({ kind: "signed-out", message: "You have signed out." });
          }}
        >
          Sign out
        </button>
      </header>
      <main>
        {path === "/admin/integrations/sso" ? (
          <SsoIntegration onSessionEnded={sessionEnded} />
        ) : path === "/admin/my-access" ? (
          <MyAccess me={state.me} onSessionEnded={sessionEnded} />
        ) : (
          <ScimIntegration me={state.me} onSessionEnded={sessionEnded} />
        )}
      </main>
    </>
  );
}

/** Runs an API call; a SessionEnded goes to `onSessionEnded`, any other error is returned as its message. */
export async function attempt<T>(call: () => Promise<T>, onSessionEnded: () => void): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    if (err instanceof SessionEnded) {
      onSessionEnded();
      return { ok: false, message: err.message };
    }
    return { ok: false, message: (err as Error).message };
  }
}
