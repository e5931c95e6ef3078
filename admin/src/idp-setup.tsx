import { type KeyboardEvent, useRef, useState } from "react";
import { CopyButton } from "./copy-button";

/** One field of an IdP's provisioning form, and what goes into it. */
interface FormField {
  /** The field's label as the IdP's form shows it. */
  field: string;
  /** A value the page knows (copyable), or what to enter in words. */
  value?: string;
  enter?: string;
}

interface Idp {
  id: string;
  name: string;
  where: string;
  fields: FormField[];
  note?: string;
}

const CLIENT_ID = "the Client ID of the app password (below)";
const CLIENT_SECRET = "the Client Secret (shown once when the app password is generated or rotated)";
const BEARER = "the Bearer token (shown once beside the Client Secret: <Client ID>.<Client Secret>)";

/**
 * Which value goes into which field of each IdP's SCIM form, with the fields named as those forms
 * name them: Okta's SCIM app integration, Entra ID's enterprise-application provisioning, OneLogin's
 * "SCIM Provisioner with SAML (SCIM v2 Enterprise)" connector, and SailPoint's SCIM 2.0 target
 * (OAuth 2.0 client credentials against the token URL).
 */
function idps(baseUrl: string, tokenUrl: string): Idp[] {
  return [
    {
      id: "okta",
      name: "Okta",
      where: "In the SCIM connection settings of the Okta app.",
      fields: [
        { field: "SCIM connector base URL", value: baseUrl },
        { field: "Unique identifier field for users", value: "userName" },
        {
          field: "Authentication Mode",
          enter: `Basic Auth, with ${CLIENT_ID} as the username and ${CLIENT_SECRET} as the password; or HTTP Header, with ${BEARER}`,
        },
      ],
    },
    {
      id: "entra",
      name: "Entra ID",
      where: "In the provisioning settings of the Microsoft Entra ID enterprise application.",
      fields: [
        { field: "Tenant URL", value: baseUrl },
        { field: "Secret Token", enter: BEARER },
      ],
      note: "Entra ID tests the connection by looking up a userName that does not exist; rolebridge answers it with an empty list.",
    },
    {
      id: "onelogin",
      name: "OneLogin",
      where: "In the configuration of the OneLogin app (connector SCIM Provisioner with SAML (SCIM v2 Enterprise)).",
      fields: [
        { field: "SCIM Base URL", value: baseUrl },
        { field: "SCIM Bearer Token", enter: BEARER },
      ],
      note: "Enable tests the connection with a read. To send OneLogin roles as groups, tick Include in User Provisioning on the Groups parameter.",
    },
    {
      id: "sailpoint",
      name: "SailPoint",
      where: "In the SCIM 2.0 connector configuration of SailPoint IdentityNow.",
      fields: [
        { field: "Base URL", value: baseUrl },
        { field: "Auth Type", value: "OAuth 2.0" },
        { field: "Token URL", value: tokenUrl },
        { field: "Client ID", enter: CLIENT_ID },
        { field: "Client Secret", enter: CLIENT_SECRET },
      ],
      note: "SailPoint fetches its own access tokens (client credentials); revoking or rotating the app password ends them too.",
    },
  ];
}

/** A tab per IdP (WAI-ARIA tabs: arrow keys, Home and End move between them). */
export function IdpSetup({ baseUrl, tokenUrl }: { baseUrl: string; tokenUrl: string }) {
  const all = idps(baseUrl, tokenUrl);
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowLeft: selected - 1, Home: 0, End: all.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key]! + all.length) % all.length;
    setSelected(next);
    tabs.current[next]?.focus();
  };

  const idp = all[selected]!;
  return (
    <section aria-labelledby="idp-setup-title">
      <h2 id="idp-setup-title">Set up your identity provider</h2>
      <div role="tablist" aria-label="Identity provider" className="tabs" onKeyDown={onKeyDown}>
        {all.map((i, n) => (
          <button
            key={i.id}
            type="button"
            role="tab"
            id={`idp-tab-${i.id}`}
            aria-selected={n === selected}
            aria-controls={`idp-panel-${i.id}`}
            tabIndex={n === selected ? 0 : -1}
            ref={(el) => {
              tabs.current[n] = el;
            }}
            onClick={() => setSelected(n)}
          >
            {i.name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`idp-panel-${idp.id}`} aria-labelledby={`idp-tab-${idp.id}`} tabIndex={0} className="tab-panel">
        <p>{idp.where}</p>
        <table>
          <caption className="visually-hidden">{idp.name}: what goes into which field</caption>
          <thead>
            <tr>
              <th scope="col">Field in {idp.name}</th>
              <th scope="col">Enter</th>
            </tr>
          </thead>
          <tbody>
            {idp.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row">{f.field}</th>
                <td>
                  {f.value !== undefined ? (
                    <>
                      <code>{f.value}</code> <CopyButton value={f.value} label={`Copy ${idp.name} ${f.field}`} />
                    </>
                  ) : (
                    f.enter
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {idp.note && <p className="hint">{idp.note}</p>}
      </div>
    </section>
  );
}
