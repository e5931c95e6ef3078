import { type FormEvent, useState } from "react";
import type { ConsoleSamlConnectionFragment, SamlConnectionInput } from "./generated/graphql";

/** Okta's attribute statements as the README sets them up; Entra ID's claim URIs are one click away. */
const OKTA = { emailAttribute: "email", givenNameAttribute: "firstName", familyNameAttribute: "lastName", groupsAttribute: "groups" };
const ENTRA = {
  emailAttribute: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  givenNameAttribute: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
  familyNameAttribute: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
  groupsAttribute: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
};
type Attributes = typeof OKTA;

const ATTRIBUTE_FIELDS: { name: keyof Attributes; label: string }[] = [
  { name: "emailAttribute", label: "Email attribute" },
  { name: "givenNameAttribute", label: "Given name attribute" },
  { name: "familyNameAttribute", label: "Family name attribute" },
  { name: "groupsAttribute", label: "Groups attribute" },
];

/**
 * The fields of a SAML 2.0 connection: the IdP's metadata (its URL, which the server fetches, or
 * the document pasted), which signatures are required, and the attribute names to read. Editing,
 * the metadata fields start empty: left empty, the stored IdP is kept; filled, it is read again
 * (how a rotated IdP certificate is picked up).
 */
export function SamlConnectionForm(props: {
  idPrefix: string;
  existing?: ConsoleSamlConnectionFragment;
  busy: boolean;
  submitLabel: string;
  onSubmit: (input: SamlConnectionInput) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { existing, idPrefix: p } = props;
  const [key, setKey] = useState(0);
  const [source, setSource] = useState<"url" | "xml">(existing?.idpMetadataUrl || !existing ? "url" : "xml");
  const [attributes, setAttributes] = useState<Attributes>({
    emailAttribute: existing?.emailAttribute ?? (existing ? "" : OKTA.emailAttribute),
    givenNameAttribute: existing?.givenNameAttribute ?? (existing ? "" : OKTA.givenNameAttribute),
    familyNameAttribute: existing?.familyNameAttribute ?? (existing ? "" : OKTA.familyNameAttribute),
    groupsAttribute: existing?.groupsAttribute ?? (existing ? "" : OKTA.groupsAttribute),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const metadata = source === "url" ? value("idpMetadataUrl") : value("idpMetadataXml");
    const input: SamlConnectionInput = {
      name: value("name"),
      ...(metadata ? (source === "url" ? { idpMetadataUrl: metadata } : { idpMetadataXml: metadata }) : {}),
      wantAssertionsSigned: form.get("wantAssertionsSigned") === "on",
      wantResponseSigned: form.get("wantResponseSigned") === "on",
      ...attributes,
    };
    const done = await props.onSubmit(input);
    if (done && !existing) {
      setKey((k) => k + 1);
      setAttributes(OKTA);
    }
  }

  return (
    <form key={key} className="stacked" onSubmit={submit}>
      <label htmlFor={`${p}-name`}>SAML connection name</label>
      <input id={`${p}-name`} name="name" required maxLength={200} defaultValue={existing?.name ?? ""} placeholder="e.g. Entra ID" />

      <fieldset>
        <legend>IdP metadata{existing ? " (leave empty to keep the IdP as it is)" : ""}</legend>
        <div className="check">
          <input id={`${p}-source-url`} type="radio" name="source" value="url" checked={source === "url"} onChange={() => setSource("url")} />
          <label htmlFor={`${p}-source-url`}>By URL (rolebridge fetches it)</label>
        </div>
        <div className="check">
          <input id={`${p}-source-xml`} type="radio" name="source" value="xml" checked={source === "xml"} onChange={() => setSource("xml")} />
          <label htmlFor={`${p}-source-xml`}>Pasted as XML</label>
        </div>
        {source === "url" ? (
          <div className="stacked">
            <label htmlFor={`${p}-url`}>Metadata URL</label>
            <input
              id={`${p}-url`}
              name="idpMetadataUrl"
              type="url"
              required={!existing}
              defaultValue={existing?.idpMetadataUrl ?? ""}
              placeholder="https://acme.okta.com/app/…/sso/saml/metadata"
              aria-describedby={`${p}-url-hint`}
            />
            <p id={`${p}-url-hint`} className="hint">
              Okta: Sign On tab, Metadata URL. Entra ID: SAML Certificates, App Federation Metadata Url.
            </p>
          </div>
        ) : (
          <div className="stacked">
            <label htmlFor={`${p}-xml`}>Metadata XML</label>
            <textarea id={`${p}-xml`} name="idpMetadataXml" required={!existing} rows={6} placeholder="<md:EntityDescriptor …>" />
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>Signatures required (at least one)</legend>
        <div className="check">
          <input id={`${p}-assertion-signed`} type="checkbox" name="wantAssertionsSigned" defaultChecked={existing?.wantAssertionsSigned ?? true} />
          <label htmlFor={`${p}-assertion-signed`}>Signed assertion (Okta's and Entra ID's default)</label>
        </div>
        <div className="check">
          <input id={`${p}-response-signed`} type="checkbox" name="wantResponseSigned" defaultChecked={existing?.wantResponseSigned ?? false} />
          <label htmlFor={`${p}-response-signed`}>Signed Response</label>
        </div>
      </fieldset>

      <fieldset>
        <legend>Attributes</legend>
        <div className="actions">
          <button type="button" onClick={() => setAttributes(OKTA)}>
            Okta names
          </button>
          <button type="button" onClick={() => setAttributes(ENTRA)}>
            Entra ID claim URIs
          </button>
        </div>
        {ATTRIBUTE_FIELDS.map((f) => (
          <div key={f.name} className="stacked">
            <label htmlFor={`${p}-${f.name}`}>{f.label}</label>
            <input
              id={`${p}-${f.name}`}
              name={f.name}
              value={attributes[f.name]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setAttributes((a) => ({ ...a, [f.name]: value }));
              }}
            />
          </div>
        ))}
        <p className="hint">Each group that names a customer-supplied role becomes an SSO membership at sign-in. Empty: that attribute is not read.</p>
      </fieldset>

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
