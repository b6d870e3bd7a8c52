import { describe, expect, it } from 'vitest';
import { assessApply, planApply } from '../src/apply-plan';
import { groupLine, invoiceLine, thrownBy } from './support';

const line = invoiceLine;

describe('planApply', () => {
  it('sums decimal quantities of the same SKU exactly', () => {
    // Arrange
    const lines = [line(0, { sku: 'A', quantity: '2.5' }), line(1, { sku: 'A', quantity: '0.25' }), line(2, { sku: 'A', quantity: '0.1' })];

    // Act
    const deltas = planApply(lines);

    // Assert
    expect(deltas).toEqual([{ sku: 'A', quantity: '2.85' }]);
  });

  it('keeps 0.1 + 0.2 exact, where binary floats would not', () => {
    const deltas = planApply([line(0, { sku: 'X', quantity: '0.1' }), line(1, { sku: 'X', quantity: '0.2' })]);
    expect(deltas).toEqual([{ sku: 'X', quantity: '0.3' }]);
  });

  it('returns one delta per SKU ordered by SKU', () => {
    // Arrange
    const lines = [line(0, { sku: 'B', quantity: '3' }), line(1, { sku: 'A', quantity: '1' }), line(2, { sku: 'B', quantity: '-1' })];

    // Act
    const deltas = planApply(lines);

    // Assert
    expect(deltas).toEqual([
      { sku: 'A', quantity: '1' },
      { sku: 'B', quantity: '2' },
    ]);
  });

  it('keeps digits beyond the default 20 significant digits of decimal.js', () => {
    const deltas = planApply([
      line(0, { sku: 'A', quantity: '123456789012345678901234567890.5' }),
      line(1, { sku: 'A', quantity: '0.25' }),
    ]);
    expect(deltas).toEqual([{ sku: 'A', quantity: '123456789012345678901234567890.75' }]);
  });

  it('ignores charges, even those with a SKU or without a quantity', () => {
    // Arrange
    const lines = [
      line(0, { sku: 'A', quantity: '2' }),
      line(1, { kind: 'charge', sku: null, quantity: null, description: 'Shipping' }),
      line(2, { kind: 'charge', sku: 'A', quantity: '5', description: 'Handling' }),
    ];

    // Act
    const deltas = planApply(lines);

    // Assert
    expect(deltas).toEqual([{ sku: 'A', quantity: '2' }]);
  });

  it('sums SKUs that differ only by surrounding whitespace into one delta (they made two stock rows)', () => {
    // Arrange
    const lines = [line(0, { sku: 'A', quantity: '1' }), line(1, { sku: ' A ', quantity: '2' }), line(2, { sku: 'A\t', quantity: '0.5' })];

    // Act
    const deltas = planApply(lines);

    // Assert
    expect(deltas).toEqual([{ sku: 'A', quantity: '3.5' }]);
  });

  it('takes the items of a credit note out of stock, whether printed positive or negative', () => {
    // Arrange: a type-381 credit note keeps positive quantities; some printed notes show them negative.
    const lines = [line(0, { sku: 'A', quantity: '2' }), line(1, { sku: 'B', quantity: '-1.5' })];

    // Act
    const deltas = planApply(lines, 'credit-note');

    // Assert
    expect(deltas).toEqual([
      { sku: 'A', quantity: '-2' },
      { sku: 'B', quantity: '-1.5' },
    ]);
  });

  it('keeps the printed sign of an invoice line (a negative quantity on an invoice is a return)', () => {
    expect(planApply([line(0, { sku: 'A', quantity: '-3' })], 'invoice')).toEqual([{ sku: 'A', quantity: '-3' }]);
  });

  it('ignores group lines, which repeat the sum of their detail items, even with a SKU of an item', () => {
    // Arrange: an EXTENDED e-invoice's GROUP row names a SKU and quantity 1 like any item.
    const lines = [
      line(0, { sku: 'A', quantity: '2' }),
      line(1, { sku: 'B', quantity: '3' }),
      groupLine(2, { sku: 'A', quantity: '1' }),
      groupLine(3, { sku: 'G' }),
    ];

    // Act
    const deltas = planApply(lines);

    // Assert
    expect(deltas).toEqual([
      { sku: 'A', quantity: '2' },
      { sku: 'B', quantity: '3' },
    ]);
  });

  it('refuses nothing for a group line without a SKU or a quantity', () => {
    const lines = [line(0, { sku: 'A', quantity: '2' }), groupLine(1, { sku: null, quantity: null, description: 'Subtotal accessories' })];

    expect(planApply(lines)).toEqual([{ sku: 'A', quantity: '2' }]);
  });

  it('leaves group lines of a credit note out as well', () => {
    expect(planApply([line(0, { sku: 'A', quantity: '2' }), groupLine(1)], 'credit-note')).toEqual([{ sku: 'A', quantity: '-2' }]);
  });

  it('returns no deltas for an invoice with only charges', () => {
    expect(planApply([line(0, { kind: 'charge', sku: null, quantity: null })])).toEqual([]);
  });

  it('throws APPLY_MISSING_SKU listing every item line without a SKU', () => {
    // Arrange
    const lines = [
      line(0, { sku: 'A' }),
      line(1, { sku: null, description: 'Widget, blue' }),
      line(2, { kind: 'charge', sku: null, description: 'Freight' }),
      line(3, { sku: '  ', description: 'Bolt M6' }),
    ];

    // Act
    const error = thrownBy(() => planApply(lines));

    // Assert
    expect(error.code).toBe('APPLY_MISSING_SKU');
    expect(error.httpStatus).toBe(422);
    expect(error.details).toEqual({
      lines: [
        { index: 1, description: 'Widget, blue' },
        { index: 3, description: 'Bolt M6' },
      ],
    });
  });

  it('throws APPLY_MISSING_QUANTITY listing every item line without a quantity', () => {
    // Arrange
    const lines = [line(0, { quantity: null, description: 'Nut' }), line(1, {})];

    // Act
    const error = thrownBy(() => planApply(lines));

    // Assert
    expect(error.code).toBe('APPLY_MISSING_QUANTITY');
    expect(error.details).toEqual({ lines: [{ index: 0, description: 'Nut' }] });
  });
});

describe('assessApply', () => {
  it('lists every blocker, one per missing field, while still summing the lines that can be applied', () => {
    // Arrange
    const lines = [
      line(0, { sku: 'A', quantity: '1.5' }),
      line(1, { sku: null, quantity: null }),
      line(2, { sku: 'B', quantity: null }),
      line(3, { sku: ' ', quantity: '2' }),
      line(4, { sku: 'A', quantity: '1' }),
    ];

    // Act
    const assessment = assessApply(lines);

    // Assert
    expect(assessment).toEqual({
      deltas: [{ sku: 'A', quantity: '2.5' }],
      blockers: [
        { lineIndex: 1, code: 'APPLY_MISSING_SKU' },
        { lineIndex: 1, code: 'APPLY_MISSING_QUANTITY' },
        { lineIndex: 2, code: 'APPLY_MISSING_QUANTITY' },
        { lineIndex: 3, code: 'APPLY_MISSING_SKU' },
      ],
    });
  });

  it('lists no blocker for charges and group lines, whatever they lack', () => {
    // Arrange
    const lines = [
      line(0, { sku: null, quantity: '1' }),
      line(1, { kind: 'charge', sku: null, quantity: null }),
      groupLine(2, { sku: null, quantity: null }),
      groupLine(3, { sku: '  ', quantity: '1' }),
    ];

    // Act
    const assessment = assessApply(lines);

    // Assert
    expect(assessment).toEqual({ deltas: [], blockers: [{ lineIndex: 0, code: 'APPLY_MISSING_SKU' }] });
  });

  it('gives the deltas planApply applies when nothing blocks, credit notes taking stock out', () => {
    // planApply is built on assessApply, so comparing the two alone could not fail: both are checked against values.
    const lines = [line(0, { sku: 'B', quantity: '3' }), line(1, { sku: 'A', quantity: '0.1' })];
    const expected = [
      { sku: 'A', quantity: '-0.1' },
      { sku: 'B', quantity: '-3' },
    ];
    expect(assessApply(lines, 'credit-note')).toEqual({ deltas: expected, blockers: [] });
    expect(planApply(lines, 'credit-note')).toEqual(expected);
  });
});
