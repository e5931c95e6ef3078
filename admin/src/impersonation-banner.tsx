/**
 * Shown on every page of an impersonated session: whoever looks at the screen (the operator, or
 * someone beside them) sees that the actions are the user's but the actor is the operator, as
 * every audit event of the session records.
 */
export function ImpersonationBanner({ operator, user, onEnd }: { operator: string; user: string; onEnd: () => void }) {
  return (
    <div className="impersonation" role="region" aria-label="Impersonation">
      <p>
        <strong>{operator}</strong> (platform operator) is acting as <strong>{user}</strong>. Every change is recorded with the operator as impersonator.
      </p>
      <button type="button" onClick={onEnd}>
        End impersonation
      </button>
    </div>
  );
}
