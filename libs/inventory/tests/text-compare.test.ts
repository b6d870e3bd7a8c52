import { describe, expect, it } from 'vitest';
import { compareText, containsText, itemMatches, mappingMatchesText } from '../src/index';

describe('compareText', () => {
  it('orders by code point, not by locale: upper case before lower, a shorter prefix first', () => {
    expect(['b', 'B', 'ab', 'a', ''].sort(compareText)).toEqual(['', 'B', 'a', 'ab', 'b']);
  });

  it('puts a character beyond U+FFFF after full-width forms, as UTF-8 bytes (SQLite, DynamoDB) order them', () => {
    const skus = ['\u{1F600}', '\uFF5A', 'z', '\u{20000}', '\uE000'];
    const byBytes = [...skus].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...skus].sort(compareText)).toEqual(byBytes);
    expect(byBytes).toEqual(['z', '\uE000', '\uFF5A', '\u{1F600}', '\u{20000}']);
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
