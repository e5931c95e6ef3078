import { useCallback, useEffect, useState } from "react";
import { graphql, SessionEnded, signOut } from "./api";
import { ConsoleMeDocument, type ConsoleMeQuery } from "./generated/graphql";
import { AuditLog } from "./audit-log";
import { MyAccess } from "./my-access";
import { NavLink, usePath } from "./navigation";
import { PlatformCompanies } from "./platform-companies";
import { ProvisioningHealth } from "./provisioning-health";
import { Reports } from "./reports";
import { Settings } from "./settings";
import { ScimIntegration } from "./scim-integration";
import { SignIn } from "./sign-in";
import { SsoIntegration } from "./sso-integration";

export type Me = ConsoleMeQuery["me"];

type State = { kind: "loading" } | { kind: "signed-out"; message?: string } | { kind: "signed-in"; me: Me };

/** Pages beside Integrations > SCIM, by path: each shows the API's own error when the caller may not use it. */
const PAGES: { path: string; label: string; integration?: true; Page: (props: { onSessionEnded: () => void }) => JSX.Element }[] = [
  { path: "/admin/integrations/sso", label: "Single sign-on", integration: true, Page: SsoIntegration },
  { path: "/admin/provisioning", label: "Provisioning", Page: ProvisioningHealth },
  { path: "/admin/audit-log", label: "Audit log", Page: AuditLog },
  { path: "/admin/reports", label: "Backups and reports", Page: Reports },
  { path: "/admin/settings", label: "Settings", Page: Settings },
  { path: "/admin/platform/companies", label: "Companies (platform)", Page: PlatformCompanies },
];

const SESSION_ENDED = "Your session has ended (it expired or was signed out). Sign in again.";

/** The console: sign-in until there is a session, then its pages. */
export function Console() {
  const [state, setState] = useState<State>({ kind: "loading" });
  const path = usePath();

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

  const page = PAGES.find((p) => p.path === path);
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
            <li>
              <span className="nav-group">Integrations</span>
              <ul>
                <li>
                  <NavLink to="/admin/integrations/scim" current={path === "/admin/integrations/scim" || path === "/admin/" || path === "/admin"}>
                    SCIM
                  </NavLink>
                </li>
                {PAGES.filter((p) => p.integration).map((p) => (
                  <li key={p.path}>
                    <NavLink to={p.path} current={path === p.path}>
                      {p.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </li>
            <li>
              <NavLink to="/admin/my-access" current={path === "/admin/my-access"}>
                Your access
              </NavLink>
            </li>
            {PAGES.filter((p) => !p.integration).map((p) => (
              <li key={p.path}>
                <NavLink to={p.path} current={path === p.path}>
                  {p.label}
                </NavLink>
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
        {page ? (
          <page.Page onSessionEnded={sessionEnded} />
        ) : path.replace(/\/$/, "") === "/admin/my-access" ? (
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
