import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LineEditor } from '../src/review/LineEditor';
import { LinesTable } from '../src/review/LinesTable';
import { editLine, EMPTY_DRAFT, type ReviewDraft } from '../src/review/review-draft';
import { unsureCells, unsureCount } from '../src/review/unsure-cells';
import { itemLine, reviewOf } from './support/review-fixture';

const render = (element: React.ReactElement): string => renderToStaticMarkup(element);
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noop = () => undefined;

/** The table cells of the markup, each as its class attribute and its text. */
function cells(markup: string): { className: string; text: string }[] {
  return [...markup.matchAll(/<td([^>]*)>(.*?)<\/td>/g)].map(([, attributes = '', inner = '']) => ({
    className: /class="([^"]*)"/.exec(attributes)?.[1] ?? '',
    text: text(inner).trim(),
  }));
}

const review = reviewOf([
  itemLine(0, { confidence: 'medium', unsureFields: ['quantity', 'unitPrice'] }),
  itemLine(1, { confidence: 'high' }),
  itemLine(2, { confidence: 'low', unsureFields: ['description'] }),
]);

const table = (draft: ReviewDraft = EMPTY_DRAFT) =>
  render(<LinesTable review={review} draft={draft} warnings={new Map()} problems={{}} selected={null} onSelect={noop} />);

describe('cells OCR was unsure of', () => {
  it('marks exactly the unsure cells, with words a screen reader says', () => {
    const markup = table();

    const unsure = cells(markup).filter((cell) => cell.className.split(' ').includes('cell-unsure'));
    expect(unsure.map((cell) => cell.text)).toEqual([
      '2 (OCR unsure: check this value)',
      '2.50 (OCR unsure: check this value)',
      'Item 3 (OCR unsure: check this value)',
    ]);
    expect(markup.match(/<span class="visually-hidden"> \(OCR unsure: check this value\)<\/span>/g)).toHaveLength(3);
  });

  it('shows each parsed line’s confidence as a badge', () => {
    const markup = table();

    expect(markup).toContain('<span class="tag tag-confidence-medium">medium confidence</span>');
    expect(markup).toContain('<span class="tag tag-confidence-high">high confidence</span>');
    expect(markup).toContain('<span class="tag tag-confidence-low">low confidence</span>');
  });

  it('says to check the unsure cells first, counting them, above the table', () => {
    const markup = table();

    expect(markup.indexOf('id="lines-unsure"')).toBeLessThan(markup.indexOf('<table'));
    expect(text(markup)).toContain('Check the unsure cells first: 3 cells on 2 lines hold a word OCR was unsure of, marked with a dashed border.');
  });

  it('stops marking a cell the operator types into, and the hint goes once none is left', () => {
    const draft = editLine(editLine(EMPTY_DRAFT, 0, { quantity: '3', unitPrice: '2.40' }), 2, { description: 'Item three' });

    expect([...unsureCells(review.lines[0]!, editLine(EMPTY_DRAFT, 0, { quantity: '3' }))]).toEqual(['unitPrice']);
    expect(unsureCount(review, draft)).toEqual({ cells: 0, lines: 0 });
    expect(table(draft)).not.toContain('cell-unsure');
    expect(table(draft)).not.toContain('lines-unsure');
  });

  it('marks nothing on a deleted line', () => {
    expect(unsureCells(review.lines[2]!, editLine(EMPTY_DRAFT, 2, { deleted: true })).size).toBe(0);
  });

  it('shows no hint, mark or badge for lines without them (a text PDF read before confidences)', () => {
    const plain = render(
      <LinesTable review={reviewOf([itemLine(0)])} draft={EMPTY_DRAFT} warnings={new Map()} problems={{}} selected={null} onSelect={noop} />,
    );

    expect(plain).not.toContain('cell-unsure');
    expect(plain).not.toContain('lines-unsure');
    expect(plain).not.toContain('confidence');
  });

  it('marks the unsure fields in the line editor and describes them to a screen reader', () => {
    const markup = render(
      <LineEditor line={review.lines[0]!} draft={EMPTY_DRAFT} supplierName="Acme" problem={undefined} onEdit={noop} onClose={noop} />,
    );

    expect(markup).toContain('<label class="field-unsure">Quantity<span class="unsure-note" aria-hidden="true"> OCR unsure</span><input');
    expect(markup).toContain('<label class="field-unsure">Unit price<span class="unsure-note" aria-hidden="true"> OCR unsure</span><input');
    expect(markup).toContain('<label>Description<input');
    // The label stays the field's name; the doubt is its description.
    expect(markup.match(/aria-describedby="line-editor-0-unsure"/g)).toHaveLength(2);
    expect(text(markup)).toContain('OCR was unsure of a word in this field: check it against the page.');
  });
});
