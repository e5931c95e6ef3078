import { useEffect, useState } from "react";
import { graphql } from "./api";
import { ErrorMessage } from "./error-message";
import {
  ConsoleCreateSamlConnectionDocument,
  type ConsoleSamlConnectionFragment,
  ConsoleSamlServiceProviderDocument,
  type ConsoleSamlServiceProviderQuery,
  ConsoleUpdateSamlConnectionDocument,
} from "./generated/graphql";
import { Value } from "./copy-button";
import { SamlConnectionForm } from "./saml-connection-form";

type Run = (call: () => Promise<unknown>) => Promise<boolean>;
type ServiceProvider = ConsoleSamlServiceProviderQuery["samlServiceProvider"];

/** The values an IdP's SAML app asks for, with where Okta and Entra ID ask for them. */
function ServiceProviderValues({ sp, withSignIn }: { sp: ServiceProvider; withSignIn: boolean }) {
  return (
    <dl className="values">
      <Value label="ACS URL" value={sp.acsUrl} hint="Okta: Single sign-on URL. Entra ID: Reply URL (Assertion Consumer Service URL)." />
      <Value label="Entity ID" value={sp.entityId} hint="Okta: Audience URI (SP Entity ID). Entra ID: Identifier (Entity ID)." />
      <Value label="SP metadata" value={sp.metadataUrl} hint="For IdPs that import it (Entra ID: Upload metadata file)." />
      {withSignIn && <Value label="Sign-in URL" value={sp.signInUrl} hint="Entra ID: Sign on URL. Sign-in starts here: a Response the IdP sends unasked is refused." />}
    </dl>
  );
}

/** Adding a SAML connection: the values to enter at the IdP first, then its metadata and settings. */
export function AddSamlConnection({ run, busy }: { run: Run; busy: boolean }) {
  const [sp, setSp] = useState<ServiceProvider>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    graphql(ConsoleSamlServiceProviderDocument).then(
      (result) => setSp(result.samlServiceProvider),
      (err: Error) => setError(err.message),
    );
  }, []);
  return (
    <>
      <ErrorMessage message={error} />
      {sp && <ServiceProviderValues sp={sp} withSignIn />}
      <SamlConnectionForm
        idPrefix="new-saml"
        busy={busy}
        submitLabel="Add SAML connection"
        onSubmit={(input) => run(() => graphql(ConsoleCreateSamlConnectionDocument, { input }))}
      />
    </>
  );
}

/**
 * A SAML connection's own part of its card: the values to enter at the IdP, the IdP as its
 * metadata describes it (certificate fingerprints to compare with the IdP's console), and its edit form.
 */
export function SamlConnectionDetails({ saml, busy, run }: { saml: ConsoleSamlConnectionFragment; busy: boolean; run: Run }) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <ServiceProviderValues sp={saml.serviceProvider} withSignIn={false} />
      <dl className="values">
        <div className="value">
          <dt>IdP</dt>
          <dd>
            <code>{saml.idpEntityId}</code>
            <div className="hint">Sign-on URL {saml.idpSsoUrl}{saml.idpMetadataUrl ? `; metadata from ${saml.idpMetadataUrl}` : "; metadata pasted"}</div>
          </dd>
        </div>
        <div className="value">
          <dt>Signing certificates</dt>
          <dd>
            <ul className="domains">
              {saml.idpCertificates.map((c) => (
                <li key={c.sha256Fingerprint}>
                  {c.subject}, valid until {new Date(c.notAfter).toLocaleDateString()}
                  <div className="hint">
                    SHA-256 <code>{c.sha256Fingerprint}</code>
                  </div>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="value">
          <dt>Signatures required</dt>
          <dd>{[saml.wantAssertionsSigned && "assertion", saml.wantResponseSigned && "Response"].filter(Boolean).join(" and ")}</dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing} aria-label={`Edit SAML settings of ${saml.name}`}>
          Edit
        </button>
      </div>
      {editing && (
        <SamlConnectionForm
          idPrefix={`edit-${saml.id}`}
          existing={saml}
          busy={busy}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            const done = await run(() => graphql(ConsoleUpdateSamlConnectionDocument, { id: saml.id, input, expectedVersion: saml.version }));
            if (done) setEditing(false);
            return done;
          }}
        />
      )}
    </>
  );
}
