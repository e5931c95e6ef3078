import { type FormEvent, useState } from "react";
import type { ConsoleSsoConnectionFragment } from "./generated/graphql";

export interface OidcFields {
  name: string;
  issuer: string;
  clientId: string;
  /** Empty when editing and the stored secret is kept. */
  clientSecret: string;
  scopes: string[];
  groupsClaim: string;
}

/**
 * The fields of an OpenID Connect connection, as the IdP's application page names them. Editing,
 * the client secret field starts empty: the stored one is never sent to the browser, and an empty
 * field keeps it.
 */
export function OidcConnectionForm(props: {
  idPrefix: string;
  existing?: ConsoleSsoConnectionFragment;
  busy: boolean;
  submitLabel: string;
  onSubmit: (fields: OidcFields) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { existing, idPrefix: p } = props;
  const [key, setKey] = useState(0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const done = await props.onSubmit({
      name: value("name"),
      issuer: value("issuer"),
      clientId: value("clientId"),
      clientSecret: value("clientSecret"),
      scopes: value("scopes").split(/[\s,]+/).filter(Boolean),
      groupsClaim: value("groupsClaim"),
    });
    // A created connection empties the form for the next one.
    if (done && !existing) setKey((k) => k + 1);
  }

  return (
    <form key={key} className="stacked" onSubmit={submit}>
      <label htmlFor={`${p}-name`}>Name</label>
      <input id={`${p}-name`} name="name" required maxLength={200} defaultValue={existing?.name ?? ""} placeholder="e.g. Okta" />
      <label htmlFor={`${p}-issuer`}>Issuer URL</label>
      <input
        id={`${p}-issuer`}
        name="issuer"
        required
        type="url"
        defaultValue={existing?.issuer ?? ""}
        placeholder="https://acme.okta.com"
        aria-describedby={`${p}-issuer-hint`}
      />
      <p id={`${p}-issuer-hint`} className="hint">
        Okta: your Okta domain (or its authorization server). Entra ID: https://login.microsoftonline.com/&lt;tenant ID&gt;/v2.0
      </p>
      <label htmlFor={`${p}-clientId`}>Client ID</label>
      <input id={`${p}-clientId`} name="clientId" required defaultValue={existing?.clientId ?? ""} />
      <label htmlFor={`${p}-clientSecret`}>Client secret</label>
      <input
        id={`${p}-clientSecret`}
        name="clientSecret"
        type="password"
        autoComplete="off"
        required={!existing}
        aria-describedby={`${p}-secret-hint`}
      />
      <p id={`${p}-secret-hint`} className="hint">
        {existing ? "Leave empty to keep the stored secret; it is never shown." : "Stored encrypted and never shown again."}
      </p>
      <label htmlFor={`${p}-scopes`}>Scopes besides openid</label>
      <input id={`${p}-scopes`} name="scopes" defaultValue={(existing?.scopes ?? ["email", "profile"]).join(" ")} />
      <label htmlFor={`${p}-groupsClaim`}>Groups claim</label>
      <input id={`${p}-groupsClaim`} name="groupsClaim" defaultValue={existing?.groupsClaim ?? "groups"} aria-describedby={`${p}-groups-hint`} />
      <p id={`${p}-groups-hint`} className="hint">
        The claim listing the user's groups; each group that names a customer-supplied role becomes an SSO membership at sign-in.
      </p>
      <div className="actions">
        <button type="submit" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
