import { useCallback, useEffect, useState } from "react";
import { endImpersonation, graphql, SESSION_ENDED, SessionEnded, signOut } from "./api";
import { AcceptInvitation } from "./accept-invitation";
import { AccessRolesPage } from "./access-roles-page";
import { AuditLog } from "./audit-log";
import { CustomerRolePage } from "./customer-role-page";
import { CustomerRolesPage } from "./customer-roles-page";
import { ConsoleMeDocument } from "./generated/graphql";
import { ImpersonatePage } from "./impersonate-page";
import { ImpersonationBanner } from "./impersonation-banner";
import { Invitations } from "./invitations";
import { Link } from "./link";
import { MyAccess } from "./my-access";
import { navigate, usePath } from "./navigation";
import { can, type Permissions } from "./permissions";
import { PlatformCompanies } from "./platform-companies";
import { ProvisioningHealth } from "./provisioning-health";
import { Reports } from "./reports";
import { ScimIntegration } from "./scim-integration";
import { Settings } from "./settings";
import type { Me, Principal } from "./session";
import { SignIn } from "./sign-in";
import { SsoIntegration } from "./sso-integration";
import { UserPage } from "./user-page";
import { UsersPage } from "./users-page";


type State = { kind: "loading" } | { kind: "signed-out"; message?: string } | { kind: "signed-in"; me: Me; principal: Principal };

/** A page of the console: where it lives, its name in the navigation, and who may see it. */
interface Section {
  path: string;
  label: string;
  group?: string;
  allowed: (p: Permissions, principal: Principal) => boolean;
}

const SECTIONS: Section[] = [
  { path: "/admin/users", label: "Users", allowed: can.viewUsers },
  { path: "/admin/users/invitations", label: "Invitations", allowed: can.manageUsers },
  { path: "/admin/customer-roles", label: "Customer roles", allowed: can.viewUsers },
  { path: "/admin/access-roles", label: "Access roles", allowed: can.viewAccessRoles },
  { path: "/admin/integrations/scim", label: "SCIM", group: "Integrations", allowed: can.viewScimIntegration },
  { path: "/admin/integrations/sso", label: "Single sign-on", group: "Integrations", allowed: can.configure },
  { path: "/admin/provisioning", label: "Provisioning", allowed: can.viewLogs },
  { path: "/admin/audit-log", label: "Audit log", allowed: can.viewLogs },
  { path: "/admin/reports", label: "Backups and reports", allowed: can.viewLogs },
  { path: "/admin/settings", label: "Settings", allowed: can.configure },
  { path: "/admin/impersonate", label: "Impersonate", allowed: (_, principal) => principal.isPlatformOperator },
  { path: "/admin/platform/companies", label: "Companies (platform)", allowed: (_, principal) => principal.isPlatformOperator },
  // Where an SSO sign-in lands: a company's people see their own access (an operator holds none).
  { path: "/admin/my-access", label: "Your access", allowed: (_, principal) => !principal.isPlatformOperator },
];

/** The console: sign-in until there is a session, then its pages. */
export function Console() {
  const [state, setState] = useState<State>({ kind: "loading" });
  const path = usePath();

  const loadMe = useCallback(async (afterSignIn: boolean) => {
    try {
      const { me, principal } = await graphql(ConsoleMeDocument);
      setState({ kind: "signed-in", me, principal });
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
  // After a password set through an invitation link: a welcome on the page it lands on, until the next page.
  const [welcomeAt, setWelcomeAt] = useState<string | null>(null);
  const endSession = useCallback(async (message: string) => {
    await signOut();
    setState({ kind: "signed-out", message });
  }, []);

  // An invitation's link opens its acceptance page, signed in or not.
  if (path.split("?")[0]!.replace(/\/$/, "") === "/admin/invitation") {
    return (
      <AcceptInvitation
        onSignedIn={() => {
          setWelcomeAt("/admin/");
          navigate("/admin/", { replace: true });
          void loadMe(true);
        }}
      />
    );
  }
  if (state.kind === "loading") return <p className="loading">Loading…</p>;
  if (state.kind === "signed-out") {
    return <SignIn message={state.message} onSignedIn={() => loadMe(true)} />;
  }
  const permissions = state.principal.permissions;
  const sections = SECTIONS.filter((s) => s.allowed(permissions, state.principal));
  // The longest path that holds this one: /admin/users/invitations is not a user's page.
  const current = sections
    .filter((s) => path === s.path || path.startsWith(`${s.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <>
      {state.principal.impersonator && (
        <ImpersonationBanner
          operator={state.principal.impersonator.userName}
          user={state.me.userName}
          onEnd={async () => {
            // Back to the operator's own session when the console opened this one; otherwise it just ends.
            // The new principal first, then its page: the old one's navigation would redirect elsewhere.
            if (await endImpersonation()) {
              await loadMe(true);
              navigate("/admin/impersonate");
            } else setState({ kind: "signed-out", message: "The impersonated session has ended." });
          }}
        />
      )}
      <header className="top">
        <span className="brand">rolebridge admin</span>
        <nav aria-label="Main">
          <ul>
            {sections.map((s, i) => (
              <li key={s.path}>
                {s.group && s.group !== sections[i - 1]?.group && <span className="nav-group">{s.group}</span>}
                <Link href={s.path} aria-current={s === current ? "page" : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          Signed in as <strong>{state.me.userName}</strong>
        </span>
        <button type="button" onClick={() => endSession("You have signed out.")}>
          Sign out
        </button>
      </header>
      <main>
        {welcomeAt === path ? (
          <>
            <h1>Welcome, {state.me.displayName ?? state.me.userName}</h1>
            <p className="notice" role="status">
              Your password is set and you are signed in. Next time, sign in with your company, your user name ({state.me.userName}) and this password.
            </p>
          </>
        ) : (
        <Page
          path={path}
          section={current}
          sections={sections}
          me={state.me}
          principal={state.principal}
          onSessionEnded={sessionEnded}
          onImpersonating={() => void loadMe(true).then(() => navigate("/admin/"))}
        />
        )}
      </main>
    </>
  );
}

function Page(props: {
  path: string;
  section?: Section;
  sections: Section[];
  me: Me;
  principal: Principal;
  onSessionEnded: () => void;
  onImpersonating: () => void;
}) {
  const { path, section, sections, me, principal, onSessionEnded, onImpersonating } = props;
  // A service account signs in to manage its own app password: it lands there.
  const first = (me.isServiceAccount && sections.find((s) => s.path === "/admin/integrations/scim")) || sections[0];
  useEffect(() => {
    // /admin/ (or a page this user may not open) goes to the first page the user may see.
    if (!section && first && (path === "/admin" || path === "/admin/")) navigate(first.path);
  }, [section, first, path]);
  if (!section) {
    if (!first) return <p className="notice">Your account holds no permission that this console offers. Ask a company administrator for a role.</p>;
    if (path === "/admin" || path === "/admin/") return null;
    return (
      <p className="error" role="alert">
        There is no page at {path} for your account. <Link href={first.path}>Go to {first.label}</Link>
      </p>
    );
  }
  const rest = path.slice(section.path.length).split("?")[0]!.replace(/^\//, "");
  const permissions = principal.permissions;
  switch (section.path) {
    case "/admin/users":
      return rest ? (
        <UserPage id={decodeURIComponent(rest)} me={me} permissions={permissions} onSessionEnded={onSessionEnded} />
      ) : (
        <UsersPage onSessionEnded={onSessionEnded} />
      );
    case "/admin/customer-roles":
      return rest ? (
        <CustomerRolePage id={decodeURIComponent(rest)} permissions={permissions} onSessionEnded={onSessionEnded} />
      ) : (
        <CustomerRolesPage permissions={permissions} onSessionEnded={onSessionEnded} />
      );
    case "/admin/access-roles":
      return <AccessRolesPage permissions={permissions} onSessionEnded={onSessionEnded} />;
    case "/admin/users/invitations":
      return <Invitations onSessionEnded={onSessionEnded} />;
    case "/admin/impersonate":
      return <ImpersonatePage onStarted={onImpersonating} onSessionEnded={onSessionEnded} />;
    case "/admin/integrations/sso":
      return <SsoIntegration onSessionEnded={onSessionEnded} />;
    case "/admin/provisioning":
      return <ProvisioningHealth onSessionEnded={onSessionEnded} />;
    case "/admin/audit-log":
      return <AuditLog onSessionEnded={onSessionEnded} />;
    case "/admin/reports":
      return <Reports onSessionEnded={onSessionEnded} />;
    case "/admin/settings":
      return <Settings onSessionEnded={onSessionEnded} />;
    case "/admin/platform/companies":
      return <PlatformCompanies onSessionEnded={onSessionEnded} />;
    case "/admin/my-access":
      return <MyAccess me={me} onSessionEnded={onSessionEnded} />;
    default:
      return <ScimIntegration me={me} onSessionEnded={onSessionEnded} />;
  }
}
