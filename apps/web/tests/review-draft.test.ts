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
  nextLineIndex,
} from '../src/review/review-draft';
import { lineCheck, subtotalCheck, totalCheck } from '../src/review/line-arithmetic';
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

describe('buildReviewUpdate: every field, deletions, added lines and the header', () => {
  it('sends corrections of kind, description, unit, prices and a deletion', () => {
    const review = reviewOf([itemLine(0), itemLine(1)], { revision: 2 });
    let draft = editLine(EMPTY_DRAFT, 0, { kind: 'charge', description: 'Freight', unit: '', unitPrice: '4,50', lineTotal: '4.50' });
    draft = editLine(draft, 1, { deleted: true });

    expect(buildReviewUpdate(review, draft)).toEqual({
      ok: true,
      update: {
        baseRevision: 2,
        corrections: [
          { lineIndex: 0, kind: 'charge', description: 'Freight', unit: null, unitPrice: '4.50', lineTotal: '4.50' },
          { lineIndex: 1, deleted: true },
        ],
      },
    });
  });

  it('sends added lines (saved and new, not deleted ones) and the header corrections', () => {
    const saved = itemLine(1, { added: true, sku: 'NEW-1', description: 'Saved addition', unitPrice: null, lineTotal: null, unit: null, quantity: '1' });
    const review = reviewOf([itemLine(0), saved], { revision: 1 });
    const index = nextLineIndex(review, EMPTY_DRAFT);
    let draft = editLine(EMPTY_DRAFT, index, { added: true, sku: ' NEW-2 ', quantity: '3', unitPrice: '1.50', lineTotal: '4.50' });
    draft = editLine(draft, index + 1, { added: true, deleted: true });

    const outcome = buildReviewUpdate(review, draft, { supplierName: 'Acme Ltd', total: '' });

    expect(index).toBe(2);
    expect(isDirty(review, draft)).toBe(true);
    expect(outcome).toEqual({
      ok: true,
      update: {
        baseRevision: 1,
        corrections: [],
        addedLines: [
          { kind: 'item', sku: 'NEW-1', description: 'Saved addition', quantity: '1', unit: null, unitPrice: null, lineTotal: null },
          { kind: 'item', sku: 'NEW-2', description: '', quantity: '3', unit: null, unitPrice: '1.50', lineTotal: '4.50' },
        ],
        header: { supplierName: 'Acme Ltd', total: null },
      },
    });
  });

  it('refuses a price that is not an amount, and a negative quantity on an added line', () => {
    const review = reviewOf([itemLine(0)]);
    const draft = editLine(editLine(EMPTY_DRAFT, 0, { unitPrice: 'abc' }), 1, { added: true, quantity: '-1' });

    const outcome = buildReviewUpdate(review, draft);

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(Object.keys(outcome.problems)).toEqual(['0', '1']);
  });

  it('is dirty when a header field is typed', () => {
    expect(isDirty(reviewOf([itemLine(0)]), EMPTY_DRAFT, { invoiceNumber: 'R-2' })).toBe(true);
  });
});

describe('line arithmetic', () => {
  it('compares quantity × unit price with the line total exactly, to half a cent', () => {
    expect(lineCheck('3', '0.333', '1.00')).toEqual({ pass: true, expected: '1.00', actual: '1.00' });
    expect(lineCheck('0.1', '0.2', '0.02')).toEqual({ pass: true, expected: '0.02', actual: '0.02' });
    expect(lineCheck('3', '2.50', '5.00')).toEqual({ pass: false, expected: '7.50', actual: '5.00' });
    expect(lineCheck('3', '', '5.00')).toBeNull();
  });

  it('sums the line totals against the subtotal, and subtotal + tax against the total', () => {
    expect(subtotalCheck(['5.00', '-1.25', '4,25'], '8.00')).toEqual({ pass: true, expected: '8.00', actual: '8.00' });
    expect(subtotalCheck(['5.00', null], '8.00')).toBeNull();
    expect(totalCheck('8.00', '1.52', '9.50')).toEqual({ pass: false, expected: '9.52', actual: '9.50' });
  });
});
