import { type FormEvent, useState } from "react";
import { attempt, graphql } from "./api";
import { ErrorMessage } from "./error-message";
import { ConsoleCompaniesDocument, type ConsoleCompaniesQuery, ConsoleCreateCompanyDocument, ConsoleSetScimEnabledDocument } from "./generated/graphql";
import { useLoaded } from "./loaded";
import { when } from "./when";

type Company = ConsoleCompaniesQuery["companies"][number];

const readCompanies = async () => (await graphql(ConsoleCompaniesDocument)).companies;

/** Platform operators: every company, creating one, and switching its "SCIM identity management" feature. */
export function PlatformCompanies({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  const { value: companies, reload } = useLoaded(readCompanies, onSessionEnded, setError);
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    const input = { slug: String(form.get("slug")).trim(), name: String(form.get("name")).trim(), scimEnabled: form.get("scimEnabled") === "on" };
    const result = await attempt(() => graphql(ConsoleCreateCompanyDocument, { input }), onSessionEnded);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    formElement.reset();
    setMessage(`Company ${result.value.createCompany.slug} created.`);
    await reload();
  }

  async function toggle(company: Company) {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    const result = await attempt(() => graphql(ConsoleSetScimEnabledDocument, { companyId: company.id, enabled: !company.scimEnabled }), onSessionEnded);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setMessage(`SCIM ${result.value.setScimEnabled.scimEnabled ? "on" : "off"} for ${company.slug}.`);
    await reload();
  }

  return (
    <>
      <h1>Companies</h1>
      <ErrorMessage message={error} />
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <section aria-labelledby="create-company-title">
        <h2 id="create-company-title">Create a company</h2>
        <form className="inline-form" onSubmit={create}>
          <label htmlFor="company-slug">Slug</label>
          <input id="company-slug" name="slug" required aria-describedby="company-slug-hint" />
          <label htmlFor="company-name">Name</label>
          <input id="company-name" name="name" required />
          <label className="check">
            <input type="checkbox" name="scimEnabled" /> SCIM on
          </label>
          <button type="submit" disabled={busy}>
            Create company
          </button>
          <p id="company-slug-hint" className="hint">
            The slug is what its users type at sign-in and the CLI's --company; it gets the default app-access roles.
          </p>
        </form>
      </section>
      <section aria-labelledby="companies-title">
        <h2 id="companies-title">All companies</h2>
        {companies === undefined ? (
          !error && <p>Loading…</p>
        ) : (
          <table>
            <caption className="visually-hidden">Companies</caption>
            <thead>
              <tr>
                <th scope="col">Slug</th>
                <th scope="col">Name</th>
                <th scope="col">SCIM identity management</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {companies.map((c) => (
                <tr key={c.id}>
                  <td data-label="Slug">
                    <code>{c.slug}</code>
                  </td>
                  <td data-label="Name">{c.name}</td>
                  <td data-label="SCIM">
                    {c.scimEnabled ? "On" : "Off"}{" "}
                    <button type="button" disabled={busy} onClick={() => void toggle(c)} aria-label={`Switch SCIM ${c.scimEnabled ? "off" : "on"} for ${c.slug}`}>
                      {c.scimEnabled ? "Switch off" : "Switch on"}
                    </button>
                  </td>
                  <td data-label="Created">{when(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
