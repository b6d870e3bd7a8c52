import { describe, expect, it } from 'vitest';
import { stockQuantityOf } from '../src/review/line-extras';
import { readPackSize } from '../src/shared/pack-size';
import { buildReviewUpdate, editLine, EMPTY_DRAFT, isDirty, nextLineIndex, shownPackSize } from '../src/review/review-draft';
import { itemLine, reviewOf } from './support/review-fixture';

describe('pack size corrections', () => {
  it('sends a typed pack size with the line correction, and "= N in stock" follows it exactly', () => {
    const review = reviewOf([itemLine(0)]);
    const draft = editLine(EMPTY_DRAFT, 0, { packSize: '12' });

    expect(isDirty(review, draft)).toBe(true);
    expect(buildReviewUpdate(review, draft)).toEqual({ ok: true, update: { baseRevision: 0, corrections: [{ lineIndex: 0, packSize: '12' }] } });
    expect(stockQuantityOf('2', '12')).toBe('24');
    expect(stockQuantityOf('1.5', '0.5')).toBe('0.75');
    expect(stockQuantityOf('2', '')).toBe('2');
  });

  it('sends a saved pack size again, and drops it when the field is emptied (the default applies)', () => {
    const review = reviewOf([itemLine(0, { packSize: '6', stockQuantity: '12', changed: ['packSize'] })], { revision: 1 });

    expect(shownPackSize(review.lines[0]!, EMPTY_DRAFT)).toBe('6');
    expect(buildReviewUpdate(review, editLine(EMPTY_DRAFT, 0, { quantity: '3' }))).toMatchObject({
      ok: true,
      update: { corrections: [{ lineIndex: 0, quantity: '3', packSize: '6' }] },
    });
    expect(buildReviewUpdate(review, editLine(EMPTY_DRAFT, 0, { packSize: ' ' }))).toMatchObject({ ok: true, update: { corrections: [] } });
  });

  it('sends a mapped line’s saved pack size again when the review lists it as changed, and not the mapping’s own', () => {
    const mapped = { sku: 'INV-1', mappedFrom: 'SKU-1', stockQuantity: '20' };
    const corrected = itemLine(0, { ...mapped, packSize: '10', changed: ['packSize'] });
    const fromMapping = itemLine(1, { ...mapped, packSize: '12', stockQuantity: '24' });
    const review = reviewOf([corrected, fromMapping], { revision: 1 });

    expect(buildReviewUpdate(review, EMPTY_DRAFT)).toEqual({
      ok: true,
      update: { baseRevision: 1, corrections: [{ lineIndex: 0, packSize: '10' }] },
    });
  });

  it('sends the pack size of added lines, saved and new, and a pack size typed on a saved added line alone makes the review dirty', () => {
    const saved = itemLine(1, { added: true, sku: 'BOX', description: 'Boxes', unit: null, unitPrice: null, lineTotal: null, quantity: '2', packSize: '12', stockQuantity: '24' });
    const review = reviewOf([itemLine(0), saved], { revision: 1 });
    const index = nextLineIndex(review, EMPTY_DRAFT);
    const draft = editLine(EMPTY_DRAFT, index, { added: true, sku: 'CUP', quantity: '1.5', packSize: '6' });

    const outcome = buildReviewUpdate(review, draft);

    expect(shownPackSize(saved, EMPTY_DRAFT)).toBe('12');
    expect(isDirty(review, editLine(EMPTY_DRAFT, 1, { packSize: '24' }))).toBe(true);
    expect(outcome.ok ? outcome.update.addedLines?.map((line) => [line.sku, line.quantity, line.packSize]) : outcome.problems).toEqual([
      ['BOX', '2', '12'],
      ['CUP', '1.5', '6'],
    ]);
    const emptied = buildReviewUpdate(review, editLine(EMPTY_DRAFT, 1, { packSize: '' }));
    expect(emptied.ok && emptied.update.addedLines?.[0]).not.toHaveProperty('packSize');
    const zero = buildReviewUpdate(review, editLine(EMPTY_DRAFT, 1, { packSize: '0' }));
    expect(zero.ok ? null : zero.problems[1]).toMatch(/Pack size "0"/);
  });

  it('refuses a pack size of zero, a negative one or words, naming the line', () => {
    const outcome = buildReviewUpdate(reviewOf([itemLine(0)]), editLine(EMPTY_DRAFT, 0, { packSize: '0' }));

    expect(outcome.ok ? null : outcome.problems[0]).toMatch(/Pack size "0" is not a number above 0/);
    expect(readPackSize('-2').ok).toBe(false);
    expect(readPackSize('a dozen').ok).toBe(false);
    expect(readPackSize('2,5')).toEqual({ ok: true, value: '2.5' });
  });
});
