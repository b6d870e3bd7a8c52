import type { InvoiceLine, LineCorrection } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { assessApply } from '../src/apply-plan';
import { reviewLines, stockLinesOf } from '../src/review/reviewed-lines';
import { groupLine, invoiceLine } from './support';

function line(index: number, overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  const priced = { sku: `S-${index}`, unit: 'pc', unitPrice: '2.00', lineTotal: '2.00' };
  return invoiceLine(index, { ...priced, bbox: [10, 20 + index, 300, 30 + index], ...overrides });
}

const noMappings = new Map<string, string>();

describe('reviewLines', () => {
  it('passes a line without correction or mapping through as parsed, unchanged', () => {
    // Act
    const [reviewed] = reviewLines([line(0)], [], noMappings);

    // Assert
    expect(reviewed).toEqual({
      index: 0,
      kind: 'item',
      description: 'Line 0',
      unit: 'pc',
      unitPrice: '2.00',
      lineTotal: '2.00',
      page: 1,
      bbox: [10, 20, 300, 30],
      parsed: { sku: 'S-0', quantity: '1' },
      sku: 'S-0',
      quantity: '1',
      notStock: false,
      changed: [],
      mappedFrom: null,
      packSize: '1',
      stockQuantity: '1',
      added: false,
      deleted: false,
    });
  });

  it('takes the correction over the mapping over the parsed SKU', () => {
    // Arrange
    const lines = [line(0, { sku: 'SUP-1' }), line(1, { sku: 'SUP-1' }), line(2, { sku: 'SUP-2' })];
    const mappings = new Map([['SUP-1', 'INV-1']]);
    const corrections: LineCorrection[] = [{ lineIndex: 1, sku: 'HAND-1' }];

    // Act
    const reviewed = reviewLines(lines, corrections, mappings);

    // Assert
    expect(reviewed.map((item) => [item.sku, item.mappedFrom, item.changed])).toEqual([
      ['INV-1', 'SUP-1', []],
      ['HAND-1', null, ['sku']],
      ['SUP-2', null, []],
    ]);
    expect(reviewed[1]?.parsed).toEqual({ sku: 'SUP-1', quantity: '1' });
  });

  it('finds the mapping of a parsed SKU printed with spaces around it', () => {
    const [reviewed] = reviewLines([line(0, { sku: ' SUP-1 ' })], [], new Map([['SUP-1', 'INV-1']]));
    expect(reviewed).toMatchObject({ sku: 'INV-1', mappedFrom: ' SUP-1 ' });
  });

  it('does not map the SKU of a charge, which moves no stock', () => {
    const [reviewed] = reviewLines([line(0, { kind: 'charge', sku: 'SUP-1' })], [], new Map([['SUP-1', 'INV-1']]));
    expect(reviewed).toMatchObject({ sku: 'SUP-1', mappedFrom: null });
  });

  it('does not map the SKU of a group line, the printed subtotal of its detail items', () => {
    const [reviewed] = reviewLines([groupLine(0, { sku: 'SUP-1' })], [], new Map([['SUP-1', 'INV-1']]));
    expect(reviewed).toMatchObject({ kind: 'group', sku: 'SUP-1', mappedFrom: null });
  });

  it('marks a field changed only when the correction gives a different value', () => {
    // Arrange: same SKU restated with spaces, same quantity written differently, a real quantity change
    const lines = [line(0, { quantity: '2.5' }), line(1, { quantity: '2' })];
    const corrections: LineCorrection[] = [
      { lineIndex: 0, sku: ' S-0 ', quantity: '2.50' },
      { lineIndex: 1, quantity: '3' },
    ];

    // Act
    const reviewed = reviewLines(lines, corrections, noMappings);

    // Assert
    expect(reviewed.map((item) => [item.sku, item.quantity, item.changed])).toEqual([
      ['S-0', '2.50', []],
      ['S-1', '3', ['quantity']],
    ]);
  });

  it('restating the parsed SKU over a mapping is a change that wins over the mapping', () => {
    const [reviewed] = reviewLines([line(0, { sku: 'SUP-1' })], [{ lineIndex: 0, sku: 'SUP-1' }], new Map([['SUP-1', 'INV-1']]));
    expect(reviewed).toMatchObject({ sku: 'SUP-1', mappedFrom: null, changed: ['sku'] });
  });

  it('removes a SKU with sku null, fills a missing quantity, and marks not stock', () => {
    // Arrange
    const lines = [line(0), line(1, { quantity: null, kind: 'charge' }), line(2)];
    const corrections: LineCorrection[] = [
      { lineIndex: 0, sku: null },
      { lineIndex: 1, quantity: '4' },
      { lineIndex: 2, notStock: true },
    ];

    // Act
    const reviewed = reviewLines(lines, corrections, noMappings);

    // Assert
    expect(reviewed.map((item) => [item.sku, item.quantity, item.notStock, item.changed])).toEqual([
      [null, '1', false, ['sku']],
      ['S-1', '4', false, ['quantity']],
      ['S-2', '1', true, ['notStock']],
    ]);
  });

  it('matches corrections by the line index, not by position', () => {
    const reviewed = reviewLines([line(5), line(9)], [{ lineIndex: 9, quantity: '7' }], noMappings);
    expect(reviewed.map((item) => item.quantity)).toEqual(['1', '7']);
  });
});

describe('stockLinesOf with assessApply', () => {
  it('leaves group lines out of the stock changes, even when corrected or mapped like an item', () => {
    // Arrange: hardware (2 + 3 printers) printed with its subtotal row, which repeats the SKU of one of them.
    const lines = [
      line(0, { sku: 'SUP-1', quantity: '2' }),
      line(1, { sku: 'P-2', quantity: '3' }),
      groupLine(2, { sku: 'SUP-1', quantity: '1', description: 'Subtotal hardware' }),
      groupLine(3, { sku: null, quantity: null, description: 'Subtotal accessories' }),
    ];
    const corrections: LineCorrection[] = [{ lineIndex: 3, sku: 'P-2', quantity: '5' }];

    // Act
    const { deltas, blockers } = assessApply(stockLinesOf(reviewLines(lines, corrections, new Map([['SUP-1', 'INV-1']]))));

    // Assert
    expect(deltas).toEqual([
      { sku: 'INV-1', quantity: '2' },
      { sku: 'P-2', quantity: '3' },
    ]);
    expect(blockers).toEqual([]);
  });

  it('applies corrected and mapped values, leaving out lines marked not stock and charges', () => {
    // Arrange
    const lines = [
      line(0, { sku: 'SUP-1', quantity: '2' }),
      line(1, { sku: 'X', quantity: '1.5' }),
      line(2, { sku: null, quantity: '3', description: 'Pallet deposit' }),
      line(3, { kind: 'charge', sku: null, quantity: null, description: 'Freight' }),
      line(4, { sku: 'INV-1', quantity: '0.25' }),
    ];
    const corrections: LineCorrection[] = [
      { lineIndex: 1, quantity: '2.5' },
      { lineIndex: 2, notStock: true },
    ];

    // Act
    const { deltas, blockers } = assessApply(stockLinesOf(reviewLines(lines, corrections, new Map([['SUP-1', 'INV-1']]))));

    // Assert
    expect(deltas).toEqual([
      { sku: 'INV-1', quantity: '2.25' },
      { sku: 'X', quantity: '2.5' },
    ]);
    expect(blockers).toEqual([]);
  });

  it('reports a line whose SKU the operator removed as a blocker, not as a stock change', () => {
    const reviewed = reviewLines([line(0), line(1)], [{ lineIndex: 1, sku: null }], noMappings);
    expect(assessApply(stockLinesOf(reviewed))).toEqual({
      deltas: [{ sku: 'S-0', quantity: '1' }],
      blockers: [{ lineIndex: 1, code: 'APPLY_MISSING_SKU' }],
    });
  });
});

describe('reviewLines: what OCR was unsure of', () => {
  it('carries the parsed confidence and unsure fields, and leaves both out where the result has none', () => {
    // Arrange
    const lines = [line(0, { confidence: 'medium', unsureFields: ['quantity', 'lineTotal'] }), line(1, { confidence: 'high' }), line(2)];

    // Act
    const reviewed = reviewLines(lines, [], noMappings, [{ description: 'Added by hand' }]);

    // Assert
    expect(reviewed.map((item) => [item.confidence, item.unsureFields])).toEqual([
      ['medium', ['quantity', 'lineTotal']],
      ['high', undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(Object.keys(reviewed[1] ?? {})).not.toContain('unsureFields');
    expect(Object.keys(reviewed[2] ?? {})).not.toContain('confidence');
  });

  it('drops a field the correction sets, even to the printed value, and keeps the others', () => {
    // Arrange
    const lines = [
      line(0, { quantity: '7', unsureFields: ['description', 'quantity', 'unitPrice'] }),
      line(1, { quantity: '7', unsureFields: ['quantity'] }),
    ];
    const corrections: LineCorrection[] = [
      { lineIndex: 0, quantity: '1', unitPrice: '2.00' },
      { lineIndex: 1, quantity: '7' },
    ];

    // Act
    const reviewed = reviewLines(lines, corrections, noMappings);

    // Assert
    expect(reviewed[0]?.unsureFields).toEqual(['description']);
    expect(reviewed[0]?.changed).toEqual(['quantity']);
    expect(reviewed[1]?.unsureFields).toBeUndefined();
    expect(reviewed[1]?.changed).toEqual([]);
  });

  it('drops an unsure SKU that a remembered mapping replaces, not one the mapping leaves as read', () => {
    // Arrange
    const lines = [line(0, { sku: 'SUP-1', unsureFields: ['sku'] }), line(1, { sku: 'SUP-9', unsureFields: ['sku'] })];

    // Act
    const reviewed = reviewLines(lines, [], new Map([['SUP-1', 'INV-1']]));

    // Assert
    expect(reviewed.map((item) => [item.sku, item.unsureFields])).toEqual([
      ['INV-1', undefined],
      ['SUP-9', ['sku']],
    ]);
  });
});
