import { MAX_REPORTED_ISSUES, type InvoiceLine } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { invoiceLine, thrownBy } from './support';
import { checkCorrections, checkSkuMappings } from '../src/review/check-corrections';

const lines = [0, 1, 2].map((index) => invoiceLine(index, { sku: `S-${index}` }));

describe('checkCorrections', () => {
  it('returns the corrections with SKUs trimmed and everything else kept', () => {
    expect(checkCorrections([{ lineIndex: 2, sku: '  A-1 ' }, { lineIndex: 0, sku: null, quantity: '2' }], lines)).toEqual([
      { lineIndex: 2, sku: 'A-1' },
      { lineIndex: 0, sku: null, quantity: '2' },
    ]);
  });

  it('refuses every unknown and every repeated line index at once, with their paths', () => {
    // Act
    const error = thrownBy(() =>
      checkCorrections(
        [
          { lineIndex: 3, notStock: true },
          { lineIndex: 1, quantity: '2' },
          { lineIndex: 1, sku: 'B' },
          { lineIndex: 40, notStock: true },
        ],
        lines,
      ),
    );

    // Assert
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({
      issues: [
        { path: '/corrections/0/lineIndex', message: 'names no line of this invoice (line indexes are 0 to 2)' },
        { path: '/corrections/2/lineIndex', message: 'corrects line 1 a second time' },
        { path: '/corrections/3/lineIndex', message: 'names no line of this invoice (line indexes are 0 to 2)' },
      ],
    });
  });

  it('lists at most MAX_REPORTED_ISSUES problems of a review full of unknown lines, then how many more', () => {
    // Act
    const error = thrownBy(() => checkCorrections(Array.from({ length: 5_000 }, (_, n) => ({ lineIndex: 100 + n, notStock: true })), lines));

    // Assert
    const issues = error.details?.issues as { path: string; message: string }[];
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(issues[0]).toEqual({ path: '/corrections/0/lineIndex', message: 'names no line of this invoice (line indexes are 0 to 2)' });
    expect(issues.at(-1)).toEqual({ path: '', message: `has ${5_000 - MAX_REPORTED_ISSUES} more problem(s) not listed here` });
  });

  it('names the line indexes of an invoice numbered with gaps, the first twenty of a long one', () => {
    const sparse = Array.from({ length: 30 }, (_, n) => ({ ...lines[0], index: n * 2 }) as InvoiceLine);
    expect(thrownBy(() => checkCorrections([{ lineIndex: 1, notStock: true }], sparse.slice(0, 3))).details?.issues).toEqual([
      { path: '/corrections/0/lineIndex', message: 'names no line of this invoice (line indexes are 0, 2, 4)' },
    ]);
    expect(thrownBy(() => checkCorrections([{ lineIndex: 1, notStock: true }], sparse)).details?.issues).toEqual([
      { path: '/corrections/0/lineIndex', message: 'names no line of this invoice (line indexes are 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, …)' },
    ]);
  });

  it('says so when the invoice has no lines at all', () => {
    const error = thrownBy(() => checkCorrections([{ lineIndex: 0, notStock: true }], []));
    expect(error.details?.issues).toEqual([{ path: '/corrections/0/lineIndex', message: 'names no line of this invoice (line indexes are none: it has no lines)' }]);
  });
});

describe('checkSkuMappings', () => {
  it('trims both SKUs', () => {
    expect(checkSkuMappings([{ supplierSku: ' S-1', inventorySku: 'I-1 ' }], 'acme')).toEqual([{ supplierSku: 'S-1', inventorySku: 'I-1' }]);
  });

  it('refuses mappings for an invoice without a supplier name', () => {
    const error = thrownBy(() => checkSkuMappings([{ supplierSku: 'S-1', inventorySku: 'I-1' }], null));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: '/skuMappings' }] } });
  });

  it('accepts no mappings for an invoice without a supplier name', () => {
    expect(checkSkuMappings([], null)).toEqual([]);
  });

  it('refuses two mappings of the same supplier SKU', () => {
    const error = thrownBy(() =>
      checkSkuMappings(
        [
          { supplierSku: 'S-1', inventorySku: 'I-1' },
          { supplierSku: 'S-1 ', inventorySku: 'I-2' },
        ],
        'acme',
      ),
    );
    expect(error.details?.issues).toEqual([{ path: '/skuMappings/1/supplierSku', message: 'maps S-1 a second time' }]);
  });
});
