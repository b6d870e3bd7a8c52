import type { LineKind, ReviewedLine } from '@invoice/contracts';
import { canRememberMapping, shownNotStock, shownQuantity, shownSku, type LineEdit, type ReviewDraft } from './review-draft';

export interface LineEditorProps {
  line: ReviewedLine;
  draft: ReviewDraft;
  supplierName: string | null;
  problem: string | undefined;
  onEdit: (lineIndex: number, edit: LineEdit) => void;
  onClose: () => void;
}

/** Why a line that is not an item has nothing to correct: none of them moves stock. */
const NOTHING_TO_CORRECT: Record<Exclude<LineKind, 'item'>, string> = {
  charge: 'A charge (shipping, a fee, a discount) never moves stock; there is nothing to correct.',
  group:
    'A group subtotal repeats the sum of its detail lines; those lines move the stock, this one never does, so there is nothing to correct.',
};

/** The selected item line's SKU, quantity and not-stock switch; edits stay in the draft until saved. */
export function LineEditor({ line, draft, supplierName, problem, onEdit, onClose }: LineEditorProps) {
  const n = line.index + 1;
  const headingId = `line-editor-${line.index}`;
  if (line.kind !== 'item') {
    return (
      <section className="line-editor">
        <h2 id={headingId}>Line {n}</h2>
        <p>{NOTHING_TO_CORRECT[line.kind]}</p>
      </section>
    );
  }
  const sku = shownSku(line, draft);
  return (
    <section className="line-editor">
      <h2 id={headingId}>Correct line {n}</h2>
      <p className="muted">{line.description}</p>
      <div className="fields">
        <label>
          SKU for line {n}
          <input type="text" value={sku} onChange={(event) => onEdit(line.index, { sku: event.target.value })} autoComplete="off" />
        </label>
        <label>
          Quantity for line {n}
          <input
            type="text"
            inputMode="decimal"
            value={shownQuantity(line, draft)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${headingId}-problem` : undefined}
            onChange={(event) => onEdit(line.index, { quantity: event.target.value })}
            autoComplete="off"
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={shownNotStock(line, draft)}
            onChange={(event) => onEdit(line.index, { notStock: event.target.checked })}
          />
          Not stock: applying leaves this line out
        </label>
        {canRememberMapping(line, draft) && (
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
      <button type="button" className="secondary" onClick={onClose}>
        Done with line {n}
      </button>
    </section>
  );
}
