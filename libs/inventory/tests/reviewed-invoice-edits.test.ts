import { describe, expect, it } from 'vitest';
import { assessApply } from '../src/apply-plan';
import { invoiceClaimsOf } from '../src/invoice-claims';
import { checkAddedLines } from '../src/review/check-corrections';
import { invoiceChecks } from '../src/review/invoice-checks';
import { reviewHeader } from '../src/review/reviewed-header';
import { effectiveLinesOf, reviewLines, stockLinesOf } from '../src/review/reviewed-lines';
import { groupLine, invoiceLine, thrownBy } from './support';

const noMappings = new Map<string, string>();
const priced = (index: number, quantity: string, unitPrice: string, lineTotal: string) =>
  invoiceLine(index, { quantity, unitPrice, lineTotal });
const header = {
  supplierName: 'ACME GmbH',
  invoiceNumber: 'R-1',
  date: '2026-11-30',
  currency: 'EUR',
  subtotal: '10.00',
  tax: '1.90',
  total: '11.90',
};

describe('reviewLines: every field, deletions and added lines', () => {
  it('applies a correction of every line field and lists each as changed', () => {
    // Act
    const [line] = reviewLines(
      [priced(0, '2', '1.00', '2.00')],
      [{ lineIndex: 0, kind: 'charge', description: 'Freight', unit: 'job', unitPrice: '5.00', lineTotal: '5.00', quantity: '1' }],
      noMappings,
    );

    // Assert
    expect(line).toMatchObject({ kind: 'charge', description: 'Freight', unit: 'job', unitPrice: '5.00', lineTotal: '5.00', quantity: '1' });
    expect(line?.changed).toEqual(['kind', 'description', 'quantity', 'unit', 'unitPrice', 'lineTotal']);
  });

  it('does not call a restated price a change', () => {
    const [line] = reviewLines([priced(0, '2', '1.00', '2.00')], [{ lineIndex: 0, unitPrice: '1.0', lineTotal: '2' }], noMappings);

    expect(line?.changed).toEqual([]);
  });

  it('keeps a deleted line listed but out of the effective lines, and numbers added lines after the parsed ones', () => {
    // Arrange
    const parsed = [invoiceLine(0), invoiceLine(1), invoiceLine(2)];

    // Act
    const lines = reviewLines(parsed, [{ lineIndex: 1, deleted: true }], noMappings, [{ sku: ' NEW-1 ', quantity: '4' }]);

    // Assert
    expect(lines.map((line) => [line.index, line.deleted, line.added])).toEqual([
      [0, false, false],
      [1, true, false],
      [2, false, false],
      [3, false, true],
    ]);
    expect(lines[3]).toMatchObject({ kind: 'item', sku: 'NEW-1', quantity: '4', page: null, bbox: null, description: '' });
    expect(effectiveLinesOf(lines).map((line) => line.index)).toEqual([0, 2, 3]);
  });

  it('moves stock for added items only, never for deleted lines or added charges', () => {
    // Arrange
    const parsed = [invoiceLine(0, { sku: 'A', quantity: '2' }), invoiceLine(1, { sku: 'B', quantity: '5' })];
    const lines = reviewLines(parsed, [{ lineIndex: 1, deleted: true }], noMappings, [
      { kind: 'item', sku: 'C', quantity: '3' },
      { kind: 'charge', sku: 'FREIGHT', quantity: '1' },
    ]);

    // Act
    const { deltas, blockers } = assessApply(stockLinesOf(lines));

    // Assert
    expect(deltas).toEqual([
      { sku: 'A', quantity: '2' },
      { sku: 'C', quantity: '3' },
    ]);
    expect(blockers).toEqual([]);
  });

  it('blocks an apply on an added item without a SKU, and not on a deleted one', () => {
    const lines = reviewLines([invoiceLine(0, { sku: null })], [{ lineIndex: 0, deleted: true }], noMappings, [{ quantity: '1' }]);

    expect(assessApply(stockLinesOf(lines)).blockers).toEqual([{ lineIndex: 1, code: 'APPLY_MISSING_SKU' }]);
  });

  it('applies no mapping to a line the operator made a charge', () => {
    const [line] = reviewLines([invoiceLine(0, { sku: 'S-1' })], [{ lineIndex: 0, kind: 'charge' }], new Map([['S-1', 'A-1']]));

    expect(line).toMatchObject({ sku: 'S-1', mappedFrom: null });
  });
});

describe('checkAddedLines', () => {
  it('refuses added lines that take the invoice past 5,000 lines', () => {
    const error = thrownBy(() => checkAddedLines([{}, {}], 4999));

    expect(error.code).toBe('VALIDATION_FAILED');
  });
});

describe('reviewHeader', () => {
  it('takes each corrected field over the parsed one, null clearing it, and lists what differs', () => {
    const reviewed = reviewHeader(header, { supplierName: 'Acme Tools Ltd', tax: null, total: '11.9' });

    expect(reviewed).toMatchObject({ supplierName: 'Acme Tools Ltd', tax: null, total: '11.9', subtotal: '10.00' });
    expect(reviewed.changed).toEqual(['supplierName', 'tax']);
    expect(reviewed.parsed).toEqual(header);
  });
});

describe('invoiceClaimsOf with a reviewed header', () => {
  it('claims the corrected supplier and invoice number', () => {
    const result = { source: { sha256: 'AB' }, invoice: { supplier: { name: 'Wrong Buyer' }, number: 'X' } } as never;

    expect(invoiceClaimsOf(result, { supplierName: 'ACME GmbH', invoiceNumber: 'R-1' }).map((claim) => claim.key)).toEqual([
      'DOC#ab',
      'INV#acme gmbh#r1',
    ]);
  });
});

describe('invoiceChecks', () => {
  it('passes an invoice whose lines, subtotal and total close', () => {
    const lines = reviewLines([priced(0, '2', '2.50', '5.00'), priced(1, '4', '1.25', '5.00')], [], noMappings);

    expect(invoiceChecks(lines, header)).toEqual([
      { kind: 'line', lineIndex: 0, pass: true, expected: '5.00', actual: '5.00' },
      { kind: 'line', lineIndex: 1, pass: true, expected: '5.00', actual: '5.00' },
      { kind: 'subtotal', lineIndex: null, pass: true, expected: '10.00', actual: '10.00' },
      { kind: 'total', lineIndex: null, pass: true, expected: '11.90', actual: '11.90' },
    ]);
  });

  it('fails a line whose quantity times price is not its total, and a subtotal the lines do not make', () => {
    const lines = reviewLines([priced(0, '3', '2.50', '5.00'), priced(1, '4', '1.25', '5.00')], [], noMappings);

    const checks = invoiceChecks(lines, { ...header, total: '12.00' });

    expect(checks.filter((check) => !check.pass)).toEqual([
      { kind: 'line', lineIndex: 0, pass: false, expected: '7.50', actual: '5.00' },
      { kind: 'total', lineIndex: null, pass: false, expected: '11.90', actual: '12.00' },
    ]);
    expect(checks.find((check) => check.kind === 'subtotal')?.pass).toBe(true);
  });

  it('follows the corrections: a fixed price, a deleted line and an added line close the invoice', () => {
    // Arrange: the parser read line 0's price wrong, line 1 is the buyer's address, and line 3 was missed.
    const parsed = [priced(0, '2', '9.99', '5.00'), priced(1, '1', '99.00', '99.00'), priced(2, '1', '2.50', '2.50')];
    const corrections = [
      { lineIndex: 0, unitPrice: '2.50' },
      { lineIndex: 1, deleted: true },
    ];

    // Act
    const lines = reviewLines(parsed, corrections, noMappings, [{ quantity: '1', unitPrice: '2.50', lineTotal: '2.50' }]);
    const checks = invoiceChecks(lines, header);

    // Assert
    expect(checks.every((check) => check.pass)).toBe(true);
    expect(checks.map((check) => check.lineIndex)).toEqual([0, 2, 3, null, null]);
  });

  it('counts charges but not groups in the subtotal, tolerates half a cent, and leaves out checks without figures', () => {
    const lines = reviewLines(
      [priced(0, '3', '0.333', '1.00'), invoiceLine(1, { kind: 'charge', quantity: null, lineTotal: '9.00' }), groupLine(2)],
      [],
      noMappings,
    );

    expect(invoiceChecks(lines, { subtotal: '10.00', tax: null, total: null })).toEqual([
      { kind: 'line', lineIndex: 0, pass: true, expected: '1.00', actual: '1.00' },
      { kind: 'subtotal', lineIndex: null, pass: true, expected: '10.00', actual: '10.00' },
    ]);
  });
});
