import type { DuplicateOf, ReviewCheck, StockDelta } from '@invoice/contracts';
import { useState } from 'react';
import { routeHref } from '../app/routes';
import { ApiError } from '../api/api-error';
import { ErrorNotice } from '../shared/ErrorNotice';
import { signed } from '../shared/decimal-text';
import { checkWords, summariseChecks, unknownSkuWords, type StockLine } from './apply-checks';
import { ConfirmActions, StockChangesTable, useModalDialog } from './confirm-dialog-parts';

export interface ApplyDialogProps {
  open: boolean;
  fileName: string;
  invoiceNumber: string | null;
  revision: number;
  stockChanges: readonly StockDelta[];
  /** An applied job holding the same document or invoice number, as the review reported it. */
  duplicate: DuplicateOf | null;
  /** The review's arithmetic checks; a failed one needs the operator's explicit confirmation. */
  checks?: readonly ReviewCheck[];
  /** The lines that move stock, with invoice and stock quantities. */
  stockLines?: readonly StockLine[];
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
  const [allowMismatch, setAllowMismatch] = useState(false);
  const dialog = useModalDialog(open, () => {
    setAllowDuplicate(false);
    setAllowMismatch(false);
  });
  const checks = summariseChecks(props.checks ?? []);
  const figuresFail = checks.failed.length > 0;
  const lines = props.stockLines ?? [];

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
      {lines.length > 0 && (
        // A list, not a table: the table above stays the one list of stock changes per SKU.
        <section aria-labelledby="apply-lines-title" className="apply-lines">
          <h3 id="apply-lines-title">Quantities per line</h3>
          <ul>
            {lines.map((line) => (
              <li key={line.index}>
                Line {line.index + 1} {line.sku}: invoice {line.invoiceQuantity}
                {line.unit ? ` ${line.unit}` : ''}
                {line.packSize !== '1' ? ` × pack size ${line.packSize}` : ''}, stock {line.stockQuantity}
              </li>
            ))}
          </ul>
        </section>
      )}
      {(props.checks ?? []).length > 0 && (
        <section aria-labelledby="apply-checks-title" className={figuresFail ? 'apply-checks notice-warning' : 'apply-checks'}>
          <h3 id="apply-checks-title">{figuresFail ? 'The figures do not add up' : 'The figures add up'}</h3>
          {figuresFail && (
            <ul>
              {checks.failed.map((check) => (
                <li key={`${check.kind}-${check.lineIndex ?? ''}`} className="check-fail">
                  <span aria-hidden="true">✗ </span>
                  {checkWords(check)}
                </li>
              ))}
            </ul>
          )}
          {checks.passedWords && (
            <p className="muted">
              <span aria-hidden="true">✓ </span>
              {checks.passedWords}
            </p>
          )}
        </section>
      )}
      {error !== null && error !== undefined && (
        <ErrorNotice
          error={error}
          context="Not applied"
          summary={
            isReviewConflict(error)
              ? 'The review changed meanwhile. The list above now shows the current changes: confirm again if they are right.'
              : (unknownSkuWords(error) ?? undefined)
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
      {figuresFail && (
        <p>
          <label>
            <input type="checkbox" checked={allowMismatch} onChange={(event) => setAllowMismatch(event.target.checked)} /> Apply although the figures
            do not add up
          </label>
        </p>
      )}
      <ConfirmActions
        label="Confirm and apply"
        busyLabel="Applying…"
        busy={applying}
        blocked={(askDuplicate && !allowDuplicate) || (figuresFail && !allowMismatch)}
        onConfirm={() => onConfirm(askDuplicate && allowDuplicate)}
        onCancel={onCancel}
      />
    </dialog>
  );
}
