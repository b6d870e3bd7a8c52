import type { DuplicateOf, StockDelta } from '@invoice/contracts';
import { useState } from 'react';
import { routeHref } from '../app/routes';
import { ApiError } from '../api/api-error';
import { ErrorNotice } from '../shared/ErrorNotice';
import { signed } from '../shared/decimal-text';
import { ConfirmActions, StockChangesTable, useModalDialog } from './confirm-dialog-parts';

export interface ApplyDialogProps {
  open: boolean;
  fileName: string;
  invoiceNumber: string | null;
  revision: number;
  stockChanges: readonly StockDelta[];
  /** An applied job holding the same document or invoice number, as the review reported it. */
  duplicate: DuplicateOf | null;
  applying: boolean;
  error: unknown;
  /** allowDuplicate: the operator confirmed that a duplicate is a separate delivery. */
  onConfirm: (allowDuplicate: boolean) => void;
  onCancel: () => void;
}

function isReviewConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'REVIEW_CONFLICT';
}

function isDuplicate(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'DUPLICATE_INVOICE';
}

/** The last look before stock moves: every SKU with its change, and the duplicate override when one is needed. */
export function ApplyDialog(props: ApplyDialogProps) {
  const { open, fileName, invoiceNumber, revision, stockChanges, duplicate, applying, error, onConfirm, onCancel } = props;
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const dialog = useModalDialog(open, () => setAllowDuplicate(false));

  // Offered when the review warned of a duplicate, or when the server found one the review had not yet seen.
  const askDuplicate = duplicate !== null || isDuplicate(error);
  const earlierJobId = duplicate?.jobId ?? (isDuplicate(error) ? error.details?.jobId : undefined);

  return (
    <dialog
      ref={dialog}
      className="apply-dialog"
      aria-labelledby="apply-title"
      aria-describedby="apply-summary"
      onCancel={(event) => {
        event.preventDefault();
        if (!applying) onCancel();
      }}
    >
      <h2 id="apply-title">Apply {invoiceNumber ? `invoice ${invoiceNumber}` : fileName} to stock?</h2>
      <p id="apply-summary">
        {stockChanges.length === 0
          ? 'No line moves stock: applying records the invoice as applied and changes no quantity.'
          : `These ${stockChanges.length} stock change${stockChanges.length === 1 ? '' : 's'} will be made once (review revision ${revision}).`}
      </p>
      <StockChangesTable caption="Stock changes per SKU" changes={stockChanges} shown={signed} />
      {error !== null && error !== undefined && (
        <ErrorNotice
          error={error}
          context="Not applied"
          summary={
            isReviewConflict(error)
              ? 'The review changed meanwhile. The list above now shows the current changes: confirm again if they are right.'
              : undefined
          }
        />
      )}
      {askDuplicate && (
        <p>
          <label>
            <input type="checkbox" checked={allowDuplicate} onChange={(event) => setAllowDuplicate(event.target.checked)} /> Apply anyway: this is a
            separate delivery, not the invoice already applied
          </label>
          {typeof earlierJobId === 'string' && (
            <>
              {' '}
              (<a href={routeHref({ screen: 'review', jobId: earlierJobId })}>see the earlier job</a>)
            </>
          )}
        </p>
      )}
      <ConfirmActions
        label="Confirm and apply"
        busyLabel="Applying…"
        busy={applying}
        blocked={askDuplicate && !allowDuplicate}
        onConfirm={() => onConfirm(askDuplicate && allowDuplicate)}
        onCancel={onCancel}
      />
    </dialog>
  );
}
