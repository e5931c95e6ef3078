import { useCallback, useEffect, useState } from "react";
import { graphql, SessionEnded, signOut } from "./api";
import { ConsoleMeDocument, type ConsoleMeQuery } from "./generated/graphql";
import { AcceptInvitation } from "./accept-invitation";
import { Invitations } from "./invitations";
import { ScimIntegration } from "./scim-integration";
import { SignIn } from "./sign-in";

export type Me = ConsoleMeQuery["me"];

type State = { kind: "loading" } | { kind: "signed-out"; message?: string } | { kind: "signed-in"; me: Me };

const SESSION_ENDED = "Your session has ended (it expired or was signed out). Sign in again.";

/** The pages of the signed-in console, by path; the server serves index.html for each. */
const PAGES = [
  { group: "Users", label: "Invitations", path: "/admin/users/invitations" },
  { group: "Integrations", label: "SCIM", path: "/admin/integrations/scim" },
] as const;

/** The page a path shows: an invitation's link opens its acceptance page, signed in or not. */
function pageOf(pathname: string): "invitation" | "welcome" | (typeof PAGES)[number]["path"] {
  if (pathname.replace(/\/$/, "") === "/admin/invitation") return "invitation";
  return PAGES.find((p) => pathname.startsWith(p.path))?.path ?? "/admin/integrations/scim";
}

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
  const [page, setPage] = useState(() => pageOf(window.location.pathname));

  if (page === "invitation") {
    return (
      <AcceptInvitation
        onSignedIn={() => {
          window.history.replaceState(null, "", "/admin");
          setPage("welcome");
          void loadMe(true);
        }}
      />
    );
  }
  if (state.kind === "loading") return <p className="loading">Loading…</p>;
  if (state.kind === "signed-out") {
    return <SignIn message={state.message} onSignedIn={() => loadMe(true)} />;
  }
  return (
    <>
      <header className="top">
        <span className="brand">rolebridge admin</span>
        <nav aria-label="Main">
          <ul>
            {PAGES.map((p) => (
              <li key={p.path}>
                <span className="nav-group">{p.group}</span>
                <a href={p.path} aria-current={page === p.path ? "page" : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
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
        {page === "welcome" ? (
          <>
            <h1>Welcome, {state.me.displayName ?? state.me.userName}</h1>
            <p className="notice" role="status">
              Your password is set and you are signed in. Next time, sign in with your company, your user name ({state.me.userName}) and this password.
            </p>
          </>
        ) : page === "/admin/users/invitations" ? (
          <Invitations onSessionEnded={sessionEnded} />
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
