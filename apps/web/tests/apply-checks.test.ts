import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error';
import { checkWords, stockLines, summariseChecks, unknownSkuWords } from '../src/review/apply-checks';
import { chargeLine, itemLine, reviewOf } from './support/review-fixture';

describe('summariseChecks', () => {
  it('lists the failed checks and groups the ones that agree', () => {
    const checks = [
      { kind: 'line' as const, lineIndex: 0, pass: true, expected: '5.00', actual: '5.00' },
      { kind: 'line' as const, lineIndex: 1, pass: false, expected: '7.50', actual: '5.00' },
      { kind: 'subtotal' as const, lineIndex: null, pass: false, expected: '10.00', actual: '12.50' },
      { kind: 'total' as const, lineIndex: null, pass: true, expected: '14.88', actual: '14.88' },
    ];

    const summary = summariseChecks(checks);

    expect(summary.failed.map(checkWords)).toEqual([
      'Line 2: quantity × unit price 7.50 against line total 5.00: differ',
      'Sum of line totals 10.00 against subtotal 12.50: differ',
    ]);
    expect(summary.passedWords).toBe('Agree: 1 line check, the total.');
  });
});

describe('stockLines', () => {
  it('gives each stock line its invoice quantity and the stock quantity the pack size makes of it', () => {
    const review = reviewOf([itemLine(0, { packSize: '12', stockQuantity: '24' }), chargeLine(1), itemLine(2, { notStock: true }), itemLine(3)]);

    expect(stockLines(review)).toEqual([
      { index: 0, sku: 'SKU-1', invoiceQuantity: '2', unit: 'pcs', packSize: '12', stockQuantity: '24' },
      { index: 3, sku: 'SKU-4', invoiceQuantity: '2', unit: 'pcs', packSize: '1', stockQuantity: '2' },
    ]);
  });
});

describe('unknownSkuWords', () => {
  it('names every line whose SKU the catalogue does not know', () => {
    const error = new ApiError('UNKNOWN_SKU', 'unknown', 422, {
      lines: [
        { lineIndex: 2, sku: 'BIN-40-BLUE' },
        { lineIndex: 4, sku: 'TAPE-9' },
      ],
    });

    expect(unknownSkuWords(error)).toBe(
      'These SKUs are not in the item catalogue: line 3 (BIN-40-BLUE), line 5 (TAPE-9). Create each item (Create item on the line) or correct its SKU, then apply again.',
    );
    expect(unknownSkuWords(new ApiError('REVIEW_CONFLICT', 'x', 409))).toBeNull();
  });
});
