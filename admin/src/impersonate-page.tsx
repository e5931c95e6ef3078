import { type FormEvent, useState } from "react";
import { attempt, graphql, startImpersonation } from "./api";
import { ErrorMessage } from "./error-message";
import { ConsoleImpersonationCompaniesDocument } from "./generated/graphql";
import { useLoaded } from "./loaded";

const readCompanies = async () => (await graphql(ConsoleImpersonationCompaniesDocument)).companies;

/**
 * Platform operators: open a 15-minute session as a company user to look into a support case.
 * The reason is required and kept in the company's audit log with the operator's name.
 */
export function ImpersonatePage({ onStarted, onSessionEnded }: { onStarted: () => void; onSessionEnded: () => void }) {
  const [error, setError] = useState<string>();
  const { value: companies } = useLoaded(readCompanies, onSessionEnded, setError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const result = await attempt(
      () => startImpersonation(String(form.get("companyId")), String(form.get("userName")), String(form.get("reason"))),
      onSessionEnded,
    );
    setBusy(false);
    if (result.ok) onStarted();
    else setError(result.message);
  }

  return (
    <>
      <h1>Impersonate a user</h1>
      <ErrorMessage message={error} />
      <section aria-labelledby="impersonate-title">
        <h2 id="impersonate-title">Open a session as a company user</h2>
        <p className="hint">The session lasts 15 minutes. Every change you make in it is recorded in the company's audit log with your name, and it cannot generate or revoke app passwords.</p>
        <form className="role-fields" onSubmit={submit}>
          <label htmlFor="impersonate-company">Company</label>
          <select id="impersonate-company" name="companyId" required>
            {(companies ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.slug})
              </option>
            ))}
          </select>
          <label htmlFor="impersonate-user">User name</label>
          <input id="impersonate-user" name="userName" required maxLength={500} />
          <label htmlFor="impersonate-reason">Reason</label>
          <input id="impersonate-reason" name="reason" required maxLength={500} placeholder="e.g. support ticket 4711" />
          <div className="button-row">
            <button type="submit" disabled={busy || !companies}>
              Impersonate
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
