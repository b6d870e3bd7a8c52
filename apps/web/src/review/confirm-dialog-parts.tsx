import type { StockDelta } from '@invoice/contracts';
import { useEffect, useRef, type RefObject } from 'react';

/**
 * A native modal <dialog> shown while open is true: it keeps focus inside, closes on Escape and gives the page
 * behind it back its focus afterwards. onClosed resets what the operator ticked, so a later opening starts clean.
 */
export function useModalDialog(open: boolean, onClosed: () => void): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
    if (!open) onClosed();
    // onClosed is a state setter's reset: only the opening and closing matter here.
  }, [open]);
  return dialog;
}

/** Every SKU with the stock change the confirmation will make, as the operator must see it before confirming. */
export function StockChangesTable(props: { caption: string; changes: readonly StockDelta[]; shown: (quantity: string) => string }) {
  const { caption, changes, shown } = props;
  if (changes.length === 0) return null;
  return (
    <table className="stock-changes">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col" className="num">
            Change
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.sku}>
            <th scope="row">{change.sku}</th>
            <td className="num">{shown(change.quantity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Confirm and Cancel; Confirm stays disabled while working or while an override the case needs is not ticked. */
export function ConfirmActions(props: {
  label: string;
  busyLabel: string;
  busy: boolean;
  blocked: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { label, busyLabel, busy, blocked, onConfirm, onCancel } = props;
  return (
    <div className="dialog-actions">
      <button type="button" className="primary" onClick={onConfirm} disabled={busy || blocked} autoFocus>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}
