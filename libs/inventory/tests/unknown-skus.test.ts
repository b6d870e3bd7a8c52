import type { LineCorrection } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import type { ItemCatalogue } from '../src/ports/item-catalogue.port';
import { reviewLines } from '../src/review/reviewed-lines';
import { assertKnownSkus, flagNewSkus, unknownSkuLines } from '../src/review/unknown-skus';
import { groupLine, invoiceLine, thrownBy } from './support';

/** The one question the rule asks of the catalogue, answered from a fixed set of SKUs. */
function catalogueOf(...skus: string[]): Pick<ItemCatalogue, 'findMissing'> & { asked: string[][] } {
  const known = new Set(skus);
  const asked: string[][] = [];
  return {
    asked,
    async findMissing(wanted) {
      asked.push([...wanted]);
      return [...new Set(wanted)].filter((sku) => !known.has(sku));
    },
  };
}

async function rejection(action: Promise<unknown>) {
  try {
    await action;
  } catch (error) {
    return thrownBy(() => {
      throw error;
    });
  }
  throw new Error('expected a rejection');
}

describe('unknownSkuLines', () => {
  it('names every stock-moving line whose SKU the catalogue lacks, with its index', async () => {
    // Arrange
    const lines = reviewLines([invoiceLine(0, { sku: 'KNOWN' }), invoiceLine(1, { sku: 'TYPO' }), invoiceLine(2, { sku: 'TYPO' })], [], new Map());

    // Act
    const unknown = await unknownSkuLines(catalogueOf('KNOWN'), lines);

    // Assert
    expect(unknown).toEqual([
      { lineIndex: 1, sku: 'TYPO' },
      { lineIndex: 2, sku: 'TYPO' },
    ]);
  });

  it('leaves out charges, groups, deleted lines, lines marked not stock and lines without a SKU', async () => {
    // Arrange
    const corrections: LineCorrection[] = [
      { lineIndex: 2, deleted: true },
      { lineIndex: 3, notStock: true },
    ];
    const parsed = [
      invoiceLine(0, { kind: 'charge', sku: 'FREIGHT' }),
      groupLine(1),
      invoiceLine(2, { sku: 'GONE' }),
      invoiceLine(3, { sku: 'SERVICE' }),
      invoiceLine(4, { sku: null }),
    ];
    const catalogue = catalogueOf();

    // Act
    const unknown = await unknownSkuLines(catalogue, reviewLines(parsed, corrections, new Map()));

    // Assert
    expect(unknown).toEqual([]);
    expect(catalogue.asked).toEqual([]);
  });

  it('checks the SKU as corrected, not as parsed, and asks for each SKU once', async () => {
    // Arrange
    const lines = reviewLines([invoiceLine(0, { sku: 'TYPO' }), invoiceLine(1, { sku: 'KNOWN' })], [{ lineIndex: 0, sku: ' KNOWN ' }], new Map());
    const catalogue = catalogueOf('KNOWN');

    // Act
    const unknown = await unknownSkuLines(catalogue, lines);

    // Assert
    expect(unknown).toEqual([]);
    expect(catalogue.asked).toEqual([['KNOWN']]);
  });
});

describe('assertKnownSkus', () => {
  it('throws UNKNOWN_SKU listing the lines and naming each SKU once in the message', async () => {
    // Arrange
    const lines = reviewLines([invoiceLine(0, { sku: 'NEW-1' }), invoiceLine(1, { sku: 'OK' }), invoiceLine(2, { sku: 'NEW-1' })], [], new Map());

    // Act
    const error = await rejection(assertKnownSkus(catalogueOf('OK'), lines));

    // Assert
    expect(error.code).toBe('UNKNOWN_SKU');
    expect(error.httpStatus).toBe(422);
    expect(error.details).toEqual({
      lines: [
        { lineIndex: 0, sku: 'NEW-1' },
        { lineIndex: 2, sku: 'NEW-1' },
      ],
    });
    expect(error.message).toContain('NEW-1.');
  });

  it('passes when every SKU is in the catalogue', async () => {
    // Arrange
    const lines = reviewLines([invoiceLine(0, { sku: 'A' }), invoiceLine(1, { sku: 'B' })], [], new Map());

    // Act / Assert
    await expect(assertKnownSkus(catalogueOf('A', 'B'), lines)).resolves.toBeUndefined();
  });
});

describe('flagNewSkus', () => {
  it('marks exactly the unknown lines newSku and every other line not', async () => {
    // Arrange
    const lines = reviewLines([invoiceLine(0, { sku: 'A' }), invoiceLine(1, { sku: 'B' }), invoiceLine(2, { kind: 'charge', sku: 'C' })], [], new Map());

    // Act
    const flagged = await flagNewSkus(catalogueOf('A'), lines);

    // Assert
    expect(flagged.map((line) => [line.index, line.newSku])).toEqual([
      [0, false],
      [1, true],
      [2, false],
    ]);
  });
});
