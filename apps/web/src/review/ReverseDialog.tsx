import type { StockDelta } from '@invoice/contracts';
import { useState } from 'react';
import { ApiError } from '../api/api-error';
import { ErrorNotice } from '../shared/ErrorNotice';
import { negated, signed } from '../shared/decimal-text';
import { ConfirmActions, StockChangesTable, useModalDialog } from './confirm-dialog-parts';

export interface ReverseDialogProps {
  open: boolean;
  fileName: string;
  invoiceNumber: string | null;
  /** What the apply moved (its ledger record's deltas); the reversal moves each back. */
  appliedChanges: readonly StockDelta[];
  reversing: boolean;
  error: unknown;
  onConfirm: (allowNegativeStock: boolean) => void;
  onCancel: () => void;
}

function isInsufficientStock(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'INSUFFICIENT_STOCK';
}

/**
 * The confirmation of a reversal: every SKU with the change that undoes the apply. Taking stock below zero
 * is offered only after the server refused it, naming the SKUs.
 */
export function ReverseDialog(props: ReverseDialogProps) {
  const { open, fileName, invoiceNumber, appliedChanges, reversing, error, onConfirm, onCancel } = props;
  const [allowNegative, setAllowNegative] = useState(false);
  const dialog = useModalDialog(open, () => setAllowNegative(false));

  const short = isInsufficientStock(error);
  return (
    <dialog
      ref={dialog}
      className="apply-dialog"
      aria-labelledby="reverse-title"
      aria-describedby="reverse-summary"
      onCancel={(event) => {
        event.preventDefault();
        if (!reversing) onCancel();
      }}
    >
      <h2 id="reverse-title">Reverse {invoiceNumber ? `invoice ${invoiceNumber}` : fileName}?</h2>
      <p id="reverse-summary">
        {appliedChanges.length === 0
          ? 'The apply moved no stock: reversing only records it as reversed.'
          : `A compensating entry makes these ${appliedChanges.length} stock change${appliedChanges.length === 1 ? '' : 's'} once, undoing the apply. The job can then be corrected and applied again.`}
      </p>
      <StockChangesTable
        caption="Stock changes of the reversal per SKU"
        changes={appliedChanges}
        shown={(quantity) => signed(negated(quantity))}
      />
      {error !== null && error !== undefined && <ErrorNotice error={error} context="Not reversed" />}
      {short && (
        <p>
          <label>
            <input type="checkbox" checked={allowNegative} onChange={(event) => setAllowNegative(event.target.checked)} /> Reverse anyway and let
            these SKUs go below zero
          </label>
        </p>
      )}
      <ConfirmActions
        label="Confirm and reverse"
        busyLabel="Reversing…"
        busy={reversing}
        blocked={short && !allowNegative}
        onConfirm={() => onConfirm(short && allowNegative)}
        onCancel={onCancel}
      />
    </dialog>
  );
}
