import type { JobReview, ReviewedLine } from '@invoice/contracts';
import { useEffect, useRef, useState } from 'react';
import { defaultSplitQuantity, mergeBlockedReason, splitBlockedReason } from './line-split-merge';
import { isNewSku } from './line-extras';
import { shownSku, type ReviewDraft } from './review-draft';

export interface LineActionsProps {
  review: JobReview;
  line: ReviewedLine;
  draft: ReviewDraft;
  /** Splits the line keeping `kept` of its quantity; answers why not, or null when done. */
  onSplit: (lineIndex: number, kept: string) => string | null;
  onMerge: (lineIndex: number) => void;
  /** Creates the catalogue item of the line's SKU; only offered for a line whose saved SKU is new. */
  onCreateItem?: (line: ReviewedLine) => void;
  creatingItem?: boolean;
}

/** Split, merge with the next line and create the catalogue item: each disabled with its reason in words. */
export function LineActions({ review, line, draft, onSplit, onMerge, onCreateItem, creatingItem = false }: LineActionsProps) {
  const [splitOpen, setSplitOpen] = useState(false);
  const [kept, setKept] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const keptInput = useRef<HTMLInputElement>(null);
  const splitButton = useRef<HTMLButtonElement>(null);
  // Opening the split goes straight to the quantity to keep, its default selected to type over.
  useEffect(() => {
    if (splitOpen) keptInput.current?.select();
  }, [splitOpen]);
  const n = line.index + 1;
  const id = `line-actions-${line.index}`;
  const splitReason = splitBlockedReason(line, draft);
  const mergeReason = mergeBlockedReason(review, draft, line.index);
  // The flag describes the saved SKU: a SKU typed since is checked again on save.
  const offerCreate = onCreateItem !== undefined && isNewSku(line) && line.sku !== null && shownSku(line, draft).trim() === line.sku;

  function openSplit() {
    setKept(defaultSplitQuantity(line, draft));
    setProblem(null);
    setSplitOpen(true);
  }

  /** Closing gives the focus back to Split line, so the keyboard does not lose its place. */
  function closeSplit() {
    setSplitOpen(false);
    splitButton.current?.focus();
  }

  function confirmSplit() {
    const reason = onSplit(line.index, kept);
    if (reason) setProblem(reason);
    else closeSplit();
  }

  return (
    <div className="line-actions">
      <div className="editor-actions">
        <button
          ref={splitButton}
          type="button"
          className="secondary"
          disabled={splitReason !== null}
          aria-expanded={splitOpen}
          aria-controls={splitOpen ? `${id}-split` : undefined}
          aria-describedby={splitReason ? `${id}-split-reason` : undefined}
          onClick={() => (splitOpen ? setSplitOpen(false) : openSplit())}
        >
          Split line
        </button>
        <button
          type="button"
          className="secondary"
          disabled={mergeReason !== null}
          aria-describedby={mergeReason ? `${id}-merge-reason` : undefined}
          onClick={() => onMerge(line.index)}
        >
          Merge with next line
        </button>
        {offerCreate && (
          <button type="button" className="secondary" disabled={creatingItem} aria-describedby={`${id}-new-sku`} onClick={() => onCreateItem(line)}>
            {creatingItem ? 'Creating item…' : 'Create item'}
          </button>
        )}
      </div>
      {splitReason && (
        <p id={`${id}-split-reason`} className="hint">
          Split: {splitReason}
        </p>
      )}
      {mergeReason && (
        <p id={`${id}-merge-reason`} className="hint">
          Merge: {mergeReason}
        </p>
      )}
      {offerCreate && (
        <p id={`${id}-new-sku`} className="hint">
          {line.sku} is not in the item catalogue yet: apply refuses it until the item exists.
        </p>
      )}
      {splitOpen && splitReason === null && (
        <div id={`${id}-split`} className="split-panel" role="group" aria-label={`Split line ${n}`}>
          <label>
            Quantity kept on line {n}
            <input
              ref={keptInput}
              type="text"
              inputMode="decimal"
              value={kept}
              autoComplete="off"
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-split-problem` : undefined}
              onChange={(event) => setKept(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
                  event.preventDefault();
                  event.stopPropagation();
                  confirmSplit();
                } else if (event.key === 'Escape') {
                  event.preventDefault();
                  event.stopPropagation();
                  closeSplit();
                }
              }}
            />
          </label>
          <button type="button" onClick={confirmSplit}>
            Split into two lines
          </button>
          <button type="button" className="secondary" onClick={closeSplit}>
            Cancel split
          </button>
          {problem && (
            <p id={`${id}-split-problem`} className="field-problem">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
