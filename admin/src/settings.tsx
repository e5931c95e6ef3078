import { type FormEvent, useState } from "react";
import { attempt, graphql } from "./api";
import { ErrorMessage } from "./error-message";
import { ConsoleCompanySettingsDocument, ConsoleUpdateCompanySettingsDocument, type ScimDeleteMode } from "./generated/graphql";
import { useLoaded } from "./loaded";

const POLICY_FLAGS = [
  ["requireLowercase", "Require a lowercase letter"],
  ["requireUppercase", "Require an uppercase letter"],
  ["requireDigit", "Require a digit"],
  ["requireSymbol", "Require a symbol"],
  ["disallowUserName", "Must not contain the user name"],
] as const;

const readCompany = async () => (await graphql(ConsoleCompanySettingsDocument)).company;

/**
 * The company's settings that decide what SCIM does: what a DELETE does, whether a user holds one
 * customer-supplied role at a time, and the password policy an IdP's password push must meet.
 */
export function Settings({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  const { value: company, set: setCompany } = useLoaded(readCompany, onSessionEnded, setError);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setSaved(false);
    setError(undefined);
    const result = await attempt(
      () =>
        graphql(ConsoleUpdateCompanySettingsDocument, {
          input: {
            scimDeleteMode: String(form.get("scimDeleteMode")) as ScimDeleteMode,
            singleCustomerRole: form.get("singleCustomerRole") === "on",
            passwordPolicy: {
              minLength: Number(form.get("minLength")),
              ...Object.fromEntries(POLICY_FLAGS.map(([key]) => [key, form.get(key) === "on"])),
            },
          },
        }),
      onSessionEnded,
    );
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setCompany(result.value.updateCompanySettings);
    setSaved(true);
  }

  return (
    <>
      <h1>Settings</h1>
      <ErrorMessage message={error} />
      {saved && <p role="status" className="notice">Settings saved.</p>}
      {company === undefined ? (
        !error && <p>Loading…</p>
      ) : (
        <form className="settings" onSubmit={save} key={JSON.stringify(company)}>
          <section aria-labelledby="scim-settings-title">
            <h2 id="scim-settings-title">SCIM</h2>
            <fieldset>
              <legend>When an IdP deletes a user (SCIM DELETE)</legend>
              <label>
                <input type="radio" name="scimDeleteMode" value="DEACTIVATE" defaultChecked={company.scimDeleteMode === "DEACTIVATE"} /> Deactivate the
                user (kept for audit; the default)
              </label>
              <label>
                <input type="radio" name="scimDeleteMode" value="DELETE" defaultChecked={company.scimDeleteMode === "DELETE"} /> Delete the user
              </label>
            </fieldset>
            <label className="check">
              <input type="checkbox" name="singleCustomerRole" defaultChecked={company.singleCustomerRole} /> One customer-supplied role per user
              (a user joining a role leaves the one they held)
            </label>
          </section>
          <section aria-labelledby="password-policy-title">
            <h2 id="password-policy-title">Password policy</h2>
            <p className="hint">An IdP that pushes passwords must meet it: the IdP's password policy and this one must match in complexity.</p>
            <label htmlFor="min-length">Minimum length</label>{" "}
            <input id="min-length" name="minLength" type="number" min={1} max={256} required defaultValue={company.passwordPolicy.minLength} />
            {POLICY_FLAGS.map(([key, label]) => (
              <label className="check" key={key}>
                <input type="checkbox" name={key} defaultChecked={company.passwordPolicy[key]} /> {label}
              </label>
            ))}
          </section>
          <button type="submit" disabled={busy}>
            Save settings
          </button>
        </form>
      )}
    </>
  );
}
