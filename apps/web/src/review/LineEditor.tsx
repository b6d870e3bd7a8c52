import type { ReviewedLine } from '@invoice/contracts';
import type { ReactNode } from 'react';
import { readPackSize } from '../shared/pack-size';
import { stockQuantityOf } from './line-extras';
import {
  canRememberMapping,
  shownDeleted,
  shownKind,
  shownNotStock,
  shownPackSize,
  shownQuantity,
  shownSku,
  shownText,
  type LineEdit,
  type ReviewDraft,
  type TextField,
} from './review-draft';
import { unsureCells } from './unsure-cells';

export interface LineEditorProps {
  line: ReviewedLine;
  draft: ReviewDraft;
  supplierName: string | null;
  problem: string | undefined;
  onEdit: (lineIndex: number, edit: LineEdit) => void;
  onClose: () => void;
  /** Split, merge and create-item actions, shown under the fields. */
  actions?: ReactNode;
}

const GROUP_WORDS =
  'A group subtotal repeats the sum of its detail lines; those lines move the stock, this one never does, so there is nothing to correct.';

const TEXT_FIELDS: { field: TextField; label: string; numeric: boolean }[] = [
  { field: 'sku', label: 'SKU', numeric: false },
  { field: 'description', label: 'Description', numeric: false },
  { field: 'quantity', label: 'Quantity', numeric: true },
  { field: 'unit', label: 'Unit', numeric: false },
  { field: 'unitPrice', label: 'Unit price', numeric: true },
  { field: 'lineTotal', label: 'Line total', numeric: true },
];

/** The ids that describe a field, or undefined when none does. */
function describedBy(ids: (string | null)[]): string | undefined {
  const present = ids.filter((id): id is string => id !== null);
  return present.length > 0 ? present.join(' ') : undefined;
}

/** Every field of the selected line, its not-stock switch and its deletion; edits stay in the draft until saved. */
export function LineEditor({ line, draft, supplierName, problem, onEdit, onClose, actions }: LineEditorProps) {
  const n = line.index + 1;
  const headingId = `line-editor-${line.index}`;
  if (line.kind === 'group') {
    return (
      <section className="line-editor">
        <h2 id={headingId}>Line {n}</h2>
        <p>{GROUP_WORDS}</p>
      </section>
    );
  }
  const sku = shownSku(line, draft);
  const kind = shownKind(line, draft);
  const deleted = shownDeleted(line, draft);
  const packSize = shownPackSize(line, draft);
  const packRead = readPackSize(packSize);
  const inStock = packRead.ok ? stockQuantityOf(shownQuantity(line, draft), packRead.value) : null;
  const unsure = unsureCells(line, draft);
  return (
    <section className="line-editor" aria-labelledby={headingId} data-editor-line={line.index}>
      <h2 id={headingId}>
        Correct line {n}
        {line.added ? ' (added)' : ''}
        {deleted ? ' (deleted)' : ''}
      </h2>
      {unsure.size > 0 && (
        <p id={`${headingId}-unsure`} className="visually-hidden">
          OCR was unsure of a word in this field: check it against the page.
        </p>
      )}
      <div className="fields">
        {TEXT_FIELDS.map(({ field, label, numeric }) => (
          <label key={field} className={unsure.has(field) ? 'field-unsure' : undefined}>
            {label}
            {/* Seen beside the label; a screen reader hears the description below instead, so the label stays the field's name. */}
            {unsure.has(field) && (
              <span className="unsure-note" aria-hidden="true">
                {' '}
                OCR unsure
              </span>
            )}
            <input
              type="text"
              inputMode={numeric ? 'decimal' : undefined}
              value={field === 'sku' ? sku : shownText(line, draft, field)}
              disabled={deleted}
              aria-invalid={numeric && problem ? true : undefined}
              aria-describedby={describedBy([numeric && problem ? `${headingId}-problem` : null, unsure.has(field) ? `${headingId}-unsure` : null])}
              onChange={(event) => onEdit(line.index, { [field]: event.target.value })}
              autoComplete="off"
              data-field={field}
            />
          </label>
        ))}
        {kind === 'item' && (
          <span className="field-with-note">
            <label>
              Pack size
              <input
                type="text"
                inputMode="decimal"
                value={packSize}
                placeholder="1"
                disabled={deleted}
                aria-describedby={`${headingId}-stock`}
                aria-invalid={packRead.ok ? undefined : true}
                onChange={(event) => onEdit(line.index, { packSize: event.target.value })}
                autoComplete="off"
                data-field="packSize"
              />
            </label>
            <span id={`${headingId}-stock`} className="muted small">
              {packRead.ok ? (inStock === null ? 'no quantity to count in stock' : `= ${inStock} in stock`) : packRead.problem}
            </span>
          </span>
        )}
        <label>
          Kind
          <select
            value={kind}
            disabled={deleted}
            onChange={(event) => onEdit(line.index, { kind: event.target.value === 'charge' ? 'charge' : 'item' })}
          >
            <option value="item">Item (moves stock)</option>
            <option value="charge">Charge (money only)</option>
          </select>
        </label>
        {kind === 'item' && (
          <label className="inline">
            <input
              type="checkbox"
              checked={shownNotStock(line, draft)}
              disabled={deleted}
              onChange={(event) => onEdit(line.index, { notStock: event.target.checked })}
            />
            Not stock: applying leaves this line out
          </label>
        )}
        {kind === 'item' && !deleted && canRememberMapping(line, draft) && (
          <label className="inline">
            <input
              type="checkbox"
              checked={draft[line.index]?.rememberMapping ?? false}
              onChange={(event) => onEdit(line.index, { rememberMapping: event.target.checked })}
            />
            Remember for this supplier: their {line.parsed.sku} is our {sku.trim()}
            {supplierName ? ` (${supplierName})` : ''}
          </label>
        )}
      </div>
      {problem && (
        <p id={`${headingId}-problem`} className="field-problem">
          {problem}
        </p>
      )}
      {actions}
      <div className="editor-actions">
        <button type="button" className="secondary" onClick={() => onEdit(line.index, { deleted: !deleted })}>
          {deleted ? 'Restore line' : 'Delete line'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Done with line {n}
        </button>
      </div>
    </section>
  );
}
