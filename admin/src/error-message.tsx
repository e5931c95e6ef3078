/** An API error as the server wrote it, announced to screen readers; nothing when there is none. */
export function ErrorMessage({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

/** What is under way while a long request runs (a large upload or import), announced politely; nothing when idle. */
export function Working({ step }: { step?: string }) {
  if (!step) return null;
  return (
    <p className="working" role="status">
      {step}
    </p>
  );
}
