import { describe, expect, it } from 'vitest';
import type { PageRegion } from '@invoice/contracts';
import { regionLineEdit, regionQuery } from '../src/review/page-region';

const box = { x0: 40, y0: 300, x1: 560, y1: 314 };

describe('regionLineEdit', () => {
  it('turns the proposed line into an added, editable item line', () => {
    const region: PageRegion = {
      page: 1,
      bbox: box,
      words: [{ text: 'NUT-8', bbox: box }],
      line: { sku: 'NUT-8', description: 'Nut M8', quantity: '4', unit: 'pcs', unitPrice: '0.25', lineTotal: '1.00' },
    };

    expect(regionLineEdit(region)).toEqual({
      added: true,
      kind: 'item',
      sku: 'NUT-8',
      description: 'Nut M8',
      quantity: '4',
      unit: 'pcs',
      unitPrice: '0.25',
      lineTotal: '1.00',
    });
  });

  it('keeps the words as the description when no line could be read from them', () => {
    const region: PageRegion = {
      page: 2,
      bbox: box,
      words: [
        { text: 'Nut', bbox: box },
        { text: 'M8', bbox: box },
      ],
      line: null,
    };

    expect(regionLineEdit(region)).toMatchObject({ added: true, description: 'Nut M8', sku: '', quantity: '' });
  });
});

describe('regionQuery', () => {
  it('sends the drawn box in PDF points, to the hundredth', () => {
    expect(regionQuery([40.123, 300.5, 560, 314.999])).toBe('x0=40.12&y0=300.5&x1=560&y1=315');
  });
});
