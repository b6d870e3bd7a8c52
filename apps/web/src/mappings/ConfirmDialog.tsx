import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ErrorNotice } from '../shared/ErrorNotice';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  /** Confirm stays disabled while something the case needs is missing. */
  blocked?: boolean;
  error: unknown;
  errorContext: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A native modal <dialog> asking before a change that cannot be taken back from this screen: it keeps focus
 * inside, closes on Escape (unless busy) and gives the page its focus back when it closes.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, confirmLabel, busyLabel, busy, blocked = false, error, errorContext, onConfirm, onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="apply-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      {error !== null && error !== undefined && <ErrorNotice error={error} context={errorContext} />}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={busy || blocked}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy} autoFocus>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
