/** An API error as the server wrote it, announced to screen readers; nothing when there is none. */
export function ErrorMessage({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
