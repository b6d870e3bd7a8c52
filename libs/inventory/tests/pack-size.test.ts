import { describe, expect, it } from 'vitest';
import { assessApply, planApply } from '../src/apply-plan';
import { stockQuantityOf } from '../src/pack-size';
import { reviewLines, stockLinesOf, type SkuMap } from '../src/review/reviewed-lines';
import { compareMappings, mappingMatchesText } from '../src/sku-mapping-search';
import { mappingsUsed } from '../src/use-cases/reviewed-invoice';
import { invoiceLine } from './support';

const cases: SkuMap = new Map([['CASE-12', { inventorySku: 'BOLT', packSize: '12' }]]);

describe('stockQuantityOf', () => {
  it('multiplies the invoice quantity by the pack size exactly', () => {
    expect(stockQuantityOf('2.5', '12')).toBe('30');
    expect(stockQuantityOf('0.1', '3')).toBe('0.3');
    expect(stockQuantityOf('3', '0.5')).toBe('1.5');
    expect(stockQuantityOf('1.333', '1.5')).toBe('1.9995');
  });

  it('keeps every digit of long decimals and answers plain decimal strings', () => {
    expect(stockQuantityOf('12345678901234567890.123456789', '1000')).toBe('12345678901234567890123.456789');
    expect(stockQuantityOf('0', '12')).toBe('0');
    expect(stockQuantityOf('-2', '6')).toBe('-12');
  });

  it('counts units of one when no pack size is given', () => {
    expect(stockQuantityOf('7.25')).toBe('7.25');
  });
});

describe('reviewLines with pack sizes', () => {
  it('takes the pack size of the mapping the SKU came from and shows the stock quantity beside the invoice quantity', () => {
    // Act
    const [line] = reviewLines([invoiceLine(0, { sku: 'CASE-12', quantity: '2.5' })], [], cases);

    // Assert
    expect(line).toMatchObject({ sku: 'BOLT', mappedFrom: 'CASE-12', quantity: '2.5', packSize: '12', stockQuantity: '30' });
  });

  it('lets the operator’s pack size win over the mapping’s, and null fall back to it', () => {
    const lines = [invoiceLine(0, { sku: 'CASE-12', quantity: '2' }), invoiceLine(1, { sku: 'CASE-12', quantity: '2' })];
    const [own, fallback] = reviewLines(lines, [{ lineIndex: 0, packSize: '10' }, { lineIndex: 1, packSize: null }], cases);
    expect(own).toMatchObject({ packSize: '10', stockQuantity: '20' });
    expect(fallback).toMatchObject({ packSize: '12', stockQuantity: '24' });
  });

  it('lists packSize as changed only when the correction’s pack size differs, as a decimal, from the mapping’s (else 1)', () => {
    // Arrange: own pack size on a mapped line, the mapping's restated, 1 restated on an unmapped line, 6 on an unmapped line
    const lines = [0, 1].map((index) => invoiceLine(index, { sku: 'CASE-12', quantity: '2' }));
    const unmapped = [2, 3].map((index) => invoiceLine(index, { sku: 'LOOSE', quantity: '2' }));
    const corrections = [
      { lineIndex: 0, packSize: '10' },
      { lineIndex: 1, packSize: '12.0' },
      { lineIndex: 2, packSize: '1.00' },
      { lineIndex: 3, packSize: '6' },
    ];

    // Act
    const reviewed = reviewLines([...lines, ...unmapped], corrections, cases);

    // Assert
    expect(reviewed.map((line) => line.changed)).toEqual([['packSize'], [], [], ['packSize']]);
  });

  it('keeps a saved pack size correction when the next revision resends what changed lists', () => {
    // Arrange: revision 1 corrects the pack size of a mapped line
    const lines = [invoiceLine(0, { sku: 'CASE-12', quantity: '2' })];
    const [first] = reviewLines(lines, [{ lineIndex: 0, packSize: '10' }], cases);

    // Act: revision 2 resends the changed fields, as a client that touched nothing does
    const resent = first?.changed.includes('packSize') ? [{ lineIndex: 0, packSize: first.packSize }] : [];
    const [second] = reviewLines(lines, resent, cases);

    // Assert
    expect(second).toMatchObject({ packSize: '10', stockQuantity: '20', changed: ['packSize'] });
  });

  it('counts units of one on a line whose SKU was corrected away from the mapping, unless the correction names a pack size', () => {
    const lines = [invoiceLine(0, { sku: 'CASE-12', quantity: '2' }), invoiceLine(1, { sku: 'CASE-12', quantity: '2' })];
    const [plain, packed] = reviewLines(lines, [{ lineIndex: 0, sku: 'OTHER' }, { lineIndex: 1, sku: 'OTHER', packSize: '6' }], cases);
    expect(plain).toMatchObject({ sku: 'OTHER', mappedFrom: null, packSize: '1', stockQuantity: '2' });
    expect(packed).toMatchObject({ sku: 'OTHER', packSize: '6', stockQuantity: '12' });
  });

  it('moves quantity x pack size on an added line that names one, exactly', () => {
    const [boxes, loose, unknown] = reviewLines([], [], cases, [
      { sku: 'BOLT', quantity: '2.5', packSize: '12' },
      { sku: 'BOLT', quantity: '3', packSize: null },
      { sku: 'BOLT', packSize: '6' },
    ]);
    expect(boxes).toMatchObject({ added: true, packSize: '12', stockQuantity: '30', changed: [] });
    expect(loose).toMatchObject({ packSize: '1', stockQuantity: '3' });
    expect(unknown).toMatchObject({ packSize: '6', stockQuantity: null });
    expect(assessApply(stockLinesOf([boxes!, loose!])).deltas).toEqual([{ sku: 'BOLT', quantity: '33' }]);
  });

  it('has no stock quantity while the quantity is unknown, and units of one on added lines', () => {
    const [unknown, added] = reviewLines([invoiceLine(0, { sku: 'CASE-12', quantity: null })], [], cases, [{ sku: 'NEW', quantity: '4' }]);
    expect(unknown).toMatchObject({ packSize: '12', stockQuantity: null });
    expect(added).toMatchObject({ packSize: '1', stockQuantity: '4' });
  });
});

describe('assessApply with pack sizes', () => {
  it('moves quantity x pack size per line, summed exactly per SKU', () => {
    // Arrange: 2.5 cases of 12 and 0.5 more loose, all BOLT
    const lines = reviewLines([invoiceLine(0, { sku: 'CASE-12', quantity: '2.5' }), invoiceLine(1, { sku: 'BOLT', quantity: '0.5' })], [], cases);

    // Act
    const { deltas, blockers } = assessApply(stockLinesOf(lines));

    // Assert
    expect(deltas).toEqual([{ sku: 'BOLT', quantity: '30.5' }]);
    expect(blockers).toEqual([]);
  });

  it('takes quantity x pack size out of stock on a credit note', () => {
    const lines = reviewLines([invoiceLine(0, { sku: 'CASE-12', quantity: '1.5' })], [], cases);
    expect(planApply(stockLinesOf(lines), 'credit-note')).toEqual([{ sku: 'BOLT', quantity: '-18' }]);
  });
});

describe('mappingsUsed', () => {
  it('freezes the mapping’s own pack size, not a line’s corrected one', () => {
    const lines = reviewLines([invoiceLine(0, { sku: 'CASE-12', quantity: '1' })], [{ lineIndex: 0, packSize: '10' }], cases);
    expect(mappingsUsed(lines, cases)).toEqual([{ supplierSku: 'CASE-12', inventorySku: 'BOLT', packSize: '12' }]);
  });
});

describe('mappingMatchesText and compareMappings', () => {
  it('finds text in either SKU in any case, everything for no text', () => {
    const mapping = { supplierSku: 'Bolt-M8', inventorySku: 'SCHRAUBE-Ä' };
    expect(mappingMatchesText(mapping, 'bolt')).toBe(true);
    expect(mappingMatchesText(mapping, 'schraube-ä')).toBe(true);
    expect(mappingMatchesText(mapping, 'nut')).toBe(false);
    expect(mappingMatchesText(mapping, undefined)).toBe(true);
  });

  it('orders by supplier, then supplier SKU, by code point', () => {
    const sorted = [
      { supplierKey: 'b', supplierSku: 'A' },
      { supplierKey: 'a', supplierSku: 'b' },
      { supplierKey: 'a', supplierSku: 'B' },
    ].sort(compareMappings);
    expect(sorted).toEqual([
      { supplierKey: 'a', supplierSku: 'B' },
      { supplierKey: 'a', supplierSku: 'b' },
      { supplierKey: 'b', supplierSku: 'A' },
    ]);
  });
});
