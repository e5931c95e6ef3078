import { type ReactNode, useEffect, useRef } from "react";

/**
 * The question asked before a change that cannot be taken back: the danger button that makes it,
 * and Cancel, which has the focus when the dialog opens (the harmless choice). Its title and
 * detail are named `${id}-title` and `${id}-detail` for the dialog's aria-labelledby and
 * aria-describedby, so `id` says which question it is.
 */
export function ConfirmDialog(props: {
  id: string;
  title: ReactNode;
  detail?: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={`${props.id}-title`} aria-describedby={props.detail ? `${props.id}-detail` : undefined}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.detail && <p id={`${props.id}-detail`}>{props.detail}</p>}
      <button type="button" className="danger" disabled={props.busy} onClick={props.onConfirm}>
        {props.confirmLabel}
      </button>{" "}
      <button type="button" ref={cancel} onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
