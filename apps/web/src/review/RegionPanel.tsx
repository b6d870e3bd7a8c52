import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../shared/ErrorNotice';
import type { PageRegion, RegionLine } from '@invoice/contracts';

export type RegionRead =
  { status: 'reading'; page: number } | { status: 'failed'; page: number; error: unknown } | { status: 'read'; region: PageRegion };

const FIELDS: { field: keyof RegionLine; label: string }[] = [
  { field: 'sku', label: 'SKU' },
  { field: 'description', label: 'Description' },
  { field: 'quantity', label: 'Quantity' },
  { field: 'unit', label: 'Unit' },
  { field: 'unitPrice', label: 'Unit price' },
  { field: 'lineTotal', label: 'Line total' },
];

/**
 * What the box drawn on the page holds: its words and the line read from them, to add as a new line or
 * drop. Focus moves to it when the answer arrives, so a keyboard or screen-reader user finds the choice.
 */
export function RegionPanel({ read, onAdd, onCancel }: { read: RegionRead; onAdd: () => void; onCancel: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (read.status !== 'reading') heading.current?.focus();
  }, [read.status]);
  const page = read.status === 'read' ? read.region.page : read.page;
  return (
    <section className="panel region-panel" aria-labelledby="region-title" aria-busy={read.status === 'reading'}>
      <h2 id="region-title" tabIndex={-1} ref={heading}>
        Line read from page {page}
      </h2>
      {read.status === 'reading' && <p className="muted">Reading the words in the box…</p>}
      {read.status === 'failed' && <ErrorNotice error={read.error} context="The box could not be read" />}
      {read.status === 'read' && (
        <>
          <p>
            <span className="muted">Words in the box: </span>
            {read.region.words.length === 0 ? 'none' : read.region.words.map((word) => word.text).join(' ')}
          </p>
          {read.region.line ? (
            <dl className="region-line">
              {FIELDS.map(({ field, label }) => (
                <div key={field}>
                  <dt>{label}</dt>
                  <dd>{read.region.line?.[field] ?? '—'}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p>No line could be read from these words; adding keeps them as the description, to complete by hand.</p>
          )}
        </>
      )}
      <div className="editor-actions">
        {read.status === 'read' && (read.region.line !== null || read.region.words.length > 0) && (
          <button type="button" onClick={onAdd}>
            Add this line
          </button>
        )}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
