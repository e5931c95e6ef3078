import { useCallback, useState } from "react";
import { graphql } from "./api";
import { ErrorMessage } from "./error-message";
import type { Me } from "./session";
import { ConsoleMyAccessDocument, type ConsoleMyAccessQuery } from "./generated/graphql";
import { useLoaded } from "./loaded";

type Access = ConsoleMyAccessQuery["effectiveAccess"];
type Grant = Access["dataAccessRoles"][number]["grants"][number];

/** How the schema's membership sources read to a person. */
const SOURCE_NAMES: Record<string, string> = {
  SCIM_GROUP: "SCIM group",
  SCIM_ROLES_ATTRIBUTE: "SCIM roles attribute",
  UPLOAD: "upload",
  MANUAL: "assigned by an admin",
  SSO: "SSO",
};

function why(grant: Grant): string {
  if (grant.kind === "DIRECT") return "assigned directly";
  const source = grant.membershipSource ? SOURCE_NAMES[grant.membershipSource] ?? grant.membershipSource : "";
  return `through ${grant.customerRole?.displayName ?? "a customer-supplied role"}${source ? ` (${source})` : ""}`;
}

/**
 * The signed-in person's own access: where single sign-on lands, so someone whose IdP groups were
 * just mapped sees the roles they hold and why (an `SSO` membership, an upload, a direct grant).
 */
export function MyAccess({ me, onSessionEnded }: { me: Me; onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  const read = useCallback(async () => (await graphql(ConsoleMyAccessDocument, { userId: me.id })).effectiveAccess, [me.id]);
  const { value: access } = useLoaded(read, onSessionEnded, setError);

  return (
    <>
      <h1>Your access</h1>
      <ErrorMessage message={error} />
      {!access && !error && <p>Loading your access…</p>}
      {access && (
        <>
          <RoleList title="Data-access roles" id="data-roles" roles={access.dataAccessRoles} />
          <RoleList title="App-access roles" id="app-roles" roles={access.appAccessRoles} />
        </>
      )}
    </>
  );
}

function RoleList({ title, id, roles }: { title: string; id: string; roles: Access["dataAccessRoles"] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {roles.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="access-list">
          {roles.map((r) => (
            <li key={r.role.id}>
              <strong>{r.role.name}</strong>: {r.grants.map(why).join("; ")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
