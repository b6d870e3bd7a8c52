import type { ParseResult } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import {
  applyBlockedReason,
  buildReviewUpdate,
  cellState,
  documentWarnings,
  editLine,
  EMPTY_DRAFT,
  isDirty,
  lineWarnings,
} from '../src/review/review-draft';
import { chargeLine, itemLine, reviewOf } from './support/review-fixture';

describe('buildReviewUpdate', () => {
  it('sends a corrected quantity against the revision the operator edited', () => {
    const review = reviewOf([itemLine(0), itemLine(1)], { revision: 3 });
    const draft = editLine(EMPTY_DRAFT, 1, { quantity: '5' });

    expect(buildReviewUpdate(review, draft)).toEqual({
      ok: true,
      update: { baseRevision: 3, corrections: [{ lineIndex: 1, quantity: '5' }] },
    });
  });

  it("keeps the saved revision's corrections, because a revision replaces the previous one", () => {
    const saved = itemLine(0, { sku: 'OUR-1', changed: ['sku'] });
    const review = reviewOf([saved, itemLine(1)], { revision: 1 });
    const draft = editLine(EMPTY_DRAFT, 1, { notStock: true });

    const outcome = buildReviewUpdate(review, draft);

    expect(outcome.ok && outcome.update.corrections).toEqual([
      { lineIndex: 0, sku: 'OUR-1' },
      { lineIndex: 1, notStock: true },
    ]);
  });

  it('drops a correction typed back to the printed value, and an emptied SKU becomes null', () => {
    const review = reviewOf([itemLine(0, { quantity: '9', changed: ['quantity'] }), itemLine(1)], { revision: 2 });
    let draft = editLine(EMPTY_DRAFT, 0, { quantity: '2' });
    draft = editLine(draft, 1, { sku: '   ' });

    const outcome = buildReviewUpdate(review, draft);

    expect(outcome.ok && outcome.update.corrections).toEqual([{ lineIndex: 1, sku: null }]);
  });

  it('lists every quantity that is not a usable number, by line, and sends nothing', () => {
    const review = reviewOf([itemLine(0), itemLine(1), itemLine(2)]);
    let draft = editLine(EMPTY_DRAFT, 0, { quantity: '-2' });
    draft = editLine(draft, 2, { quantity: 'lots' });

    const outcome = buildReviewUpdate(review, draft);

    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : Object.keys(outcome.problems)).toEqual(['0', '2']);
  });

  it('remembers a supplier SKU mapping only when asked and only for a changed SKU', () => {
    const review = reviewOf([itemLine(0), itemLine(1)]);
    let draft = editLine(EMPTY_DRAFT, 0, { sku: 'BIN-40-BLUE', rememberMapping: true });
    draft = editLine(draft, 1, { rememberMapping: true });

    const outcome = buildReviewUpdate(review, draft);

    expect(outcome.ok && outcome.update).toEqual({
      baseRevision: 0,
      corrections: [{ lineIndex: 0, sku: 'BIN-40-BLUE' }],
      skuMappings: [{ supplierSku: 'SKU-1', inventorySku: 'BIN-40-BLUE' }],
    });
  });

  it('sends no mapping when no supplier was read (nobody to remember it for)', () => {
    const review = reviewOf([itemLine(0)], { supplierKey: null });
    const draft = editLine(EMPTY_DRAFT, 0, { sku: 'X-1', rememberMapping: true });

    const outcome = buildReviewUpdate(review, draft);

    expect(outcome.ok && outcome.update.skuMappings).toBeUndefined();
  });

  it('overrides a remembered mapping when the operator types the printed SKU back', () => {
    const review = reviewOf([itemLine(0, { sku: 'OURS-1', mappedFrom: 'SKU-1' })]);
    const draft = editLine(EMPTY_DRAFT, 0, { sku: 'SKU-1' });

    const outcome = buildReviewUpdate(review, draft);

    expect(outcome.ok && outcome.update.corrections).toEqual([{ lineIndex: 0, sku: 'SKU-1' }]);
  });
});

describe('isDirty and cellState', () => {
  it('tells unsaved edits from saved corrections and mapped SKUs', () => {
    const review = reviewOf([
      itemLine(0, { quantity: '4', changed: ['quantity'] }),
      itemLine(1, { sku: 'OURS', mappedFrom: 'SKU-2' }),
      itemLine(2),
    ]);
    const draft = editLine(EMPTY_DRAFT, 2, { sku: 'NEW' });

    expect([
      cellState(review.lines[0]!, draft, 'quantity'),
      cellState(review.lines[1]!, draft, 'sku'),
      cellState(review.lines[2]!, draft, 'sku'),
    ]).toEqual(['changed', 'mapped', 'edited']);
    expect([isDirty(review, EMPTY_DRAFT), isDirty(review, draft)]).toEqual([false, true]);
  });

  it('is not dirty when the typed value equals the saved one', () => {
    const review = reviewOf([itemLine(0)]);
    expect(isDirty(review, editLine(EMPTY_DRAFT, 0, { quantity: '2', sku: ' SKU-1 ' }))).toBe(false);
  });
});

describe('lineWarnings', () => {
  const result = {
    warnings: [
      { code: 'LINE_ARITHMETIC_MISMATCH', message: 'Line 2: 3 x 4.00 is not 13.00.', lineIndex: 1 },
      { code: 'HEADER_FIELD_MISSING', message: 'No invoice date found.', field: 'date' },
    ],
    checks: [
      { name: 'line-arithmetic', status: 'fail', lineIndex: 1, expected: '12.00', actual: '13.00' },
      { name: 'line-arithmetic', status: 'fail', lineIndex: 3, expected: '1.00', actual: '2.00' },
      { name: 'line-arithmetic', status: 'pass', lineIndex: 0 },
    ],
  } as unknown as ParseResult;

  it('puts each line warning on its line, and a failed check only where no warning says it already', () => {
    expect([...lineWarnings(result).entries()]).toEqual([
      [1, ['Line 2: 3 x 4.00 is not 13.00.']],
      [3, ['Arithmetic check failed: expected 1.00, read 2.00.']],
    ]);
  });

  it('keeps document warnings apart', () => {
    expect(documentWarnings(result)).toEqual(['No invoice date found.']);
  });

  it('has nothing to say about charges that carry no warnings', () => {
    expect(lineWarnings(null).size + reviewOf([chargeLine(0)]).lines.length).toBe(1);
  });
});

describe('applyBlockedReason', () => {
  it('lets unsaved edits through, since they are saved (and checked) when Apply is pressed', () => {
    const review = reviewOf([itemLine(0, { sku: null })], { applyBlockers: [{ lineIndex: 0, code: 'APPLY_MISSING_SKU' }] });
    expect(applyBlockedReason(review, editLine(EMPTY_DRAFT, 0, { sku: 'NEW-1' }))).toBeNull();
  });

  it('names each line that would make apply fail', () => {
    const review = reviewOf([itemLine(0), itemLine(1)], {
      applyBlockers: [
        { lineIndex: 0, code: 'APPLY_MISSING_SKU' },
        { lineIndex: 1, code: 'APPLY_MISSING_QUANTITY' },
      ],
    });
    expect(applyBlockedReason(review, EMPTY_DRAFT)).toBe(
      'Apply is blocked: line 1 has no SKU; line 2 has no quantity. Correct it or mark it not stock, then save.',
    );
  });

  it('lets a clean, complete review be applied', () => {
    expect(applyBlockedReason(reviewOf([itemLine(0)]), EMPTY_DRAFT)).toBeNull();
  });
});
