import { describe, expect, it } from 'vitest';
import { buildReviewUpdate, editLine, EMPTY_DRAFT } from '../src/review/review-draft';
import { defaultSplitQuantity, mergeBlockedReason, mergeWithNext, splitBlockedReason, splitLine } from '../src/review/line-split-merge';
import { chargeLine, itemLine, reviewOf } from './support/review-fixture';

describe('splitLine', () => {
  it('keeps half by default and adds a line with the rest, both totals quantity × unit price', () => {
    // Arrange
    const review = reviewOf([
      itemLine(0, {
        quantity: '3',
        parsed: { sku: 'SKU-1', quantity: '3' },
        lineTotal: '7.50',
      }),
      itemLine(1),
    ]);
    const kept = defaultSplitQuantity(review.lines[0]!, EMPTY_DRAFT);

    // Act
    const outcome = splitLine(review, EMPTY_DRAFT, 0, kept);

    // Assert
    expect(kept).toBe('1.5');
    expect(outcome.ok && outcome.focusLine).toBe(2);
    const update = outcome.ok ? buildReviewUpdate(review, outcome.draft) : null;
    expect(update).toEqual({
      ok: true,
      update: {
        baseRevision: 0,
        corrections: [{ lineIndex: 0, quantity: '1.5', lineTotal: '3.75' }],
        addedLines: [
          {
            kind: 'item',
            sku: 'SKU-1',
            description: 'Item 1',
            quantity: '1.5',
            unit: 'pcs',
            unitPrice: '2.50',
            lineTotal: '3.75',
          },
        ],
      },
    });
  });

  it('takes an edited quantity to keep and rounds the totals to the cent, exactly', () => {
    const review = reviewOf([itemLine(0, { quantity: '10', unitPrice: '0.333', lineTotal: '3.33' })]);

    const outcome = splitLine(review, EMPTY_DRAFT, 0, '7');

    expect(outcome.ok && outcome.draft[0]).toEqual({
      quantity: '7',
      lineTotal: '2.33',
    });
    expect(outcome.ok && outcome.draft[1]).toMatchObject({
      added: true,
      quantity: '3',
      lineTotal: '1.00',
      unitPrice: '0.333',
    });
  });

  it('refuses a quantity kept that is not between zero and the whole', () => {
    const review = reviewOf([itemLine(0)]);

    expect(splitLine(review, EMPTY_DRAFT, 0, '2')).toEqual({
      ok: false,
      reason: 'The quantity kept must be above 0 and below 2.',
    });
    expect(splitLine(review, EMPTY_DRAFT, 0, '0')).toMatchObject({ ok: false });
    expect(splitLine(review, EMPTY_DRAFT, 0, 'half')).toMatchObject({
      ok: false,
    });
  });

  it('says why a line without a unit price, a charge or a deleted line cannot be split', () => {
    expect(splitBlockedReason(itemLine(0, { unitPrice: null }), EMPTY_DRAFT)).toMatch(/needs a unit price/);
    expect(splitBlockedReason(chargeLine(0), EMPTY_DRAFT)).toMatch(/Only an item line/);
    expect(splitBlockedReason(itemLine(0), editLine(EMPTY_DRAFT, 0, { deleted: true }))).toMatch(/Only an item line/);
  });
});

describe('mergeWithNext', () => {
  it('sums quantities and totals into the first line, joins the descriptions and deletes the second', () => {
    // Arrange: a charge between the two lines is skipped, the next item line is the one merged.
    const review = reviewOf([
      itemLine(0, { sku: 'BOLT', description: 'Bolt M8' }),
      chargeLine(1),
      itemLine(2, {
        sku: 'BOLT',
        description: 'Bolt M8 (back order)',
        quantity: '4',
        unitPrice: '2.5',
        lineTotal: '10.00',
      }),
    ]);

    // Act
    const outcome = mergeWithNext(review, EMPTY_DRAFT, 0);

    // Assert
    expect(outcome.ok && outcome.draft).toEqual({
      0: {
        quantity: '6',
        lineTotal: '15.00',
        description: 'Bolt M8 / Bolt M8 (back order)',
      },
      2: { deleted: true },
    });
  });

  it('is refused, with the reason, for another SKU, another unit price or no next item line', () => {
    const review = reviewOf([itemLine(0), itemLine(1), itemLine(2, { sku: 'SKU-2', unitPrice: '3.00' })]);
    const sameSku = editLine(EMPTY_DRAFT, 1, { sku: 'SKU-1' });

    expect(mergeBlockedReason(review, EMPTY_DRAFT, 0)).toBe('The next item line (line 2) has a different SKU.');
    expect(mergeBlockedReason(review, sameSku, 0)).toBeNull();
    expect(mergeBlockedReason(review, EMPTY_DRAFT, 1)).toBe('The next item line (line 3) has a different unit price.');
    expect(mergeBlockedReason(review, EMPTY_DRAFT, 2)).toBe('There is no item line after this one to merge with.');
    expect(mergeWithNext(review, EMPTY_DRAFT, 0)).toEqual({
      ok: false,
      reason: 'The next item line (line 2) has a different SKU.',
    });
  });

  it('merges back a line split in the draft, skipping the deleted lines between', () => {
    const review = reviewOf([itemLine(0), itemLine(1)]);
    const split = splitLine(review, editLine(EMPTY_DRAFT, 1, { deleted: true }), 0, '1');
    if (!split.ok) throw new Error(split.reason);

    const merged = mergeWithNext(review, split.draft, 0);

    expect(merged.ok && merged.draft[0]).toEqual({
      quantity: '2',
      lineTotal: '5.00',
      description: 'Item 1',
    });
    expect(merged.ok && merged.draft[2]).toMatchObject({
      added: true,
      deleted: true,
    });
  });
});
