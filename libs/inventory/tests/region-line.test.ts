import type { LayoutPage, LayoutRow } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { composeLine, regionOf } from '../src/review/region-line';

/** A row of words 10 points high at `top`, each word 30 points wide with 5 between them, from x = 40. */
function row(top: number, texts: string[], reading: Partial<LayoutRow['reading']> = {}): LayoutRow {
  const words = texts.map((text, index) => ({ text, bbox: [40 + 35 * index, top, 70 + 35 * index, top + 10] as [number, number, number, number] }));
  return {
    bbox: [40, top, 70 + 35 * (texts.length - 1), top + 10],
    words: words as LayoutRow['words'],
    reading: { sku: null, description: null, quantity: null, unit: null, unitPrice: null, lineTotal: null, ...reading },
  };
}

// "HX-1 Hex bolts 4 0.25 1.00" read by the parser as an item line; "zinc plated" wrapped below it.
const item = row(100, ['HX-1', 'Hex', 'bolts', '4', '0.25', '1.00'], {
  sku: { value: 'HX-1', words: [0] },
  description: { value: 'Hex bolts', words: [1, 2] },
  quantity: { value: '4', words: [3] },
  unitPrice: { value: '0.25', words: [4] },
  lineTotal: { value: '1.00', words: [5] },
});
const wrapped = row(112, ['zinc', 'plated'], { description: { value: 'zinc plated', words: [0, 1] } });
const footer = row(300, ['Thank', 'you'], { description: { value: 'Thank you', words: [0, 1] } });
const page: LayoutPage = { page: 1, width: 595, height: 842, truncated: false, rows: [item, wrapped, footer] };

describe('regionOf', () => {
  it('reads a boxed row as the parser read it', () => {
    // Act
    const region = regionOf(page, { x0: 30, y0: 95, x1: 260, y1: 111 });

    // Assert
    expect(region.line).toEqual({ sku: 'HX-1', description: 'Hex bolts', quantity: '4', unit: null, unitPrice: '0.25', lineTotal: '1.00' });
    expect(region.words.map((word) => word.text)).toEqual(['HX-1', 'Hex', 'bolts', '4', '0.25', '1.00']);
    expect(region.words[0]?.bbox).toEqual({ x0: 40, y0: 100, x1: 70, y1: 110 });
    expect(region.page).toBe(1);
  });

  it('keeps only the fields whose words lie inside the box', () => {
    // Act: the SKU and the line total are left out (their centres are outside)
    const region = regionOf(page, { x0: 60, y0: 95, x1: 215, y1: 111 });

    // Assert
    expect(region.line).toEqual({ sku: null, description: 'Hex bolts', quantity: '4', unit: null, unitPrice: '0.25', lineTotal: null });
  });

  it('joins a description wrapped over several rows to the figures of the row that closes', () => {
    // Act
    const region = regionOf(page, { x0: 30, y0: 95, x1: 260, y1: 125 });

    // Assert
    expect(region.line).toEqual({ sku: 'HX-1', description: 'Hex bolts zinc plated', quantity: '4', unit: null, unitPrice: '0.25', lineTotal: '1.00' });
    expect(region.words.map((word) => word.text)).toEqual(['HX-1', 'Hex', 'bolts', '4', '0.25', '1.00', 'zinc', 'plated']);
  });

  it('answers no line for a box that holds no word', () => {
    // Act
    const region = regionOf(page, { x0: 300, y0: 400, x1: 400, y1: 500 });

    // Assert
    expect(region).toEqual({ page: 1, bbox: { x0: 300, y0: 400, x1: 400, y1: 500 }, words: [], line: null });
  });
});

describe('composeLine', () => {
  const none = { sku: null, description: null, quantity: null, unit: null, unitPrice: null, lineTotal: null };

  it('takes the figures of the first row with figures when none closes', () => {
    // Act
    const line = composeLine([
      { ...none, description: 'Freight' },
      { ...none, description: 'to site', lineTotal: '35.00' },
      { ...none, description: 'Pallet', unitPrice: '9.00', lineTotal: '9.00' },
    ]);

    // Assert
    expect(line).toEqual({ ...none, description: 'Freight to site Pallet', lineTotal: '35.00' });
  });

  it('prefers a closing row over an earlier row with a lone amount, and the first SKU printed', () => {
    // Act
    const line = composeLine([
      { ...none, sku: 'K-9', description: 'Kit', lineTotal: '5.00' },
      { ...none, description: 'screws', quantity: '2', unit: 'pcs', unitPrice: '1.50', lineTotal: '3.00' },
    ]);

    // Assert
    expect(line).toEqual({ sku: 'K-9', description: 'Kit screws', quantity: '2', unit: 'pcs', unitPrice: '1.50', lineTotal: '3.00' });
  });
});
