import { useState } from "react";

/** Copies `value` to the clipboard and says so to screen readers too. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState("");
  return (
    <>
      <button
        type="button"
        className="copy"
        aria-label={label}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setStatus("Copied");
          } catch {
            // The clipboard needs a secure context and the page's permission: the value stays selectable.
            setStatus("Could not copy: select the text and copy it");
          }
        }}
      >
        Copy
      </button>
      <span className="copy-status" role="status" aria-live="polite">
        {status}
      </span>
    </>
  );
}

/** A value to enter elsewhere (an IdP's form, say), in a list of values: its label, the value with its copy button, and a hint. */
export function Value({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="value">
      <dt>{label}</dt>
      <dd>
        <code>{value}</code> <CopyButton value={value} label={`Copy ${label}`} />
        {hint && <div className="hint">{hint}</div>}
      </dd>
    </div>
  );
}
