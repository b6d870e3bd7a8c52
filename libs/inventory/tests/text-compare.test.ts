import { describe, expect, it } from 'vitest';
import { compareText, containsText, itemMatches, mappingMatchesText } from '../src/index';

describe('compareText', () => {
  it('orders by UTF-16 code units, not by locale (upper case before lower, astral after the BMP)', () => {
    expect(['b', 'B', 'a', '\u{1F600}', '\uFF21'].sort(compareText)).toEqual(['B', 'a', 'b', '\u{1F600}', '\uFF21']);
  });
});

describe('containsText', () => {
  it('folds case and drops the search text surrounding spaces; an empty search matches all', () => {
    expect(containsText(['Pallet Jack'], '  jack ')).toBe(true);
    expect(containsText(['Pallet Jack'], 'crane')).toBe(false);
    expect(containsText(['anything'], '   ')).toBe(true);
    expect(containsText(['anything'], undefined)).toBe(true);
  });

  it('is the one search both the catalogue and the mappings answer with', () => {
    expect(itemMatches({ sku: 'PJ-2500', name: 'Pallet jack' }, ' pj-25 ')).toBe(true);
    expect(mappingMatchesText({ supplierSku: 'A-100', inventorySku: 'PJ-2500' }, ' pj-25 ')).toBe(true);
  });
});
