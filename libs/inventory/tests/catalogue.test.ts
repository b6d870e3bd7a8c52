import type { CatalogueItem } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { isValidGtin } from '../src/catalogue/gtin';
import { checkedChanges, normaliseItem } from '../src/catalogue/item-input';
import { itemMatches } from '../src/catalogue/item-search';
import { itemsFromCsv, itemsToCsv, MAX_IMPORT_ROWS } from '../src/catalogue/items-csv';
import { thrownBy } from './support';

const item = (sku: string, name: string, unit = 'pcs', gtin: string | null = null): CatalogueItem => ({
  sku,
  name,
  unit,
  gtin,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  version: 1,
});

describe('isValidGtin', () => {
  it.each(['4006381333931', '96385074', '036000291452', '10012345678902'])('accepts %s, whose check digit is right', (gtin) => {
    expect(isValidGtin(gtin)).toBe(true);
  });

  it.each([
    ['4006381333932', 'a wrong check digit'],
    ['4006381339331', 'two digits swapped'],
    ['40063813339', 'eleven digits'],
    ['400638133393a', 'a letter'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (gtin) => {
    expect(isValidGtin(gtin)).toBe(false);
  });
});

describe('normaliseItem', () => {
  it('drops surrounding spaces and reads an empty GTIN as none', () => {
    expect(normaliseItem({ sku: ' A-1 ', name: ' Bolt ', unit: ' kg ', gtin: ' ' })).toEqual({
      item: { sku: 'A-1', name: 'Bolt', unit: 'kg', gtin: null },
      issues: [],
    });
  });

  it('lists a blank field, a too long unit and a bad check digit, each by its path', () => {
    const { issues } = normaliseItem({ sku: 'A', name: '   ', unit: 'x'.repeat(33), gtin: '4006381333932' }, '/csv/row/2');
    expect(issues.map((issue) => issue.path)).toEqual(['/csv/row/2/name', '/csv/row/2/unit', '/csv/row/2/gtin']);
  });
});

describe('item control characters', () => {
  it('refuses a NUL or another control character in a field, but keeps a name wrapped over lines', () => {
    const { issues } = normaliseItem({ sku: 'A\u0000B', name: 'Bolt\u0007', unit: 'k\u001Bg' });
    expect(issues).toEqual([
      { path: '/sku', message: 'must not hold control characters' },
      { path: '/name', message: 'must not hold control characters' },
      { path: '/unit', message: 'must not hold control characters' },
    ]);
    expect(normaliseItem({ sku: 'A', name: 'Bolt\r\nM10\thex', unit: 'pcs' }).issues).toEqual([]);
  });

  it('lets an edit of an item whose SKU predates the rules change its name, not its SKU', () => {
    expect(checkedChanges('OLD\u0001SKU', { name: ' Bolt ', unit: 'pcs', gtin: null })).toEqual({ name: 'Bolt', unit: 'pcs', gtin: null });
    expect(thrownBy(() => checkedChanges('A', { name: 'Bolt\u0000', unit: 'pcs' })).details?.issues).toEqual([
      { path: '/name', message: 'must not hold control characters' },
    ]);
  });
});

describe('itemMatches', () => {
  it('finds the query in the SKU or the name, whatever its case', () => {
    expect(itemMatches(item('BOLT-10', 'Hex bolt M10'), 'hex')).toBe(true);
    expect(itemMatches(item('BOLT-10', 'Hex bolt M10'), 'bolt-1')).toBe(true);
    expect(itemMatches(item('BOLT-10', 'Hex bolt M10'), 'nut')).toBe(false);
    expect(itemMatches(item('BOLT-10', 'Hex bolt M10'), '  ')).toBe(true);
  });
});

describe('itemsToCsv', () => {
  it('writes the header and quotes cells holding commas, quotes or line breaks (RFC 4180)', () => {
    const csv = itemsToCsv([item('A-1', 'Bolt, "hex"\nM10', 'pcs', '4006381333931'), item('B-2', 'Nut')]);
    expect(csv).toBe('sku,name,unit,gtin\r\nA-1,"Bolt, ""hex""\nM10",pcs,4006381333931\r\nB-2,Nut,pcs,\r\n');
  });

  it('puts an apostrophe before a cell a spreadsheet would run as a formula', () => {
    const csv = itemsToCsv([item('=HYPERLINK("x")', '+1', '-kg'), item('@SUM', 'ok')]);
    expect(csv).toBe('sku,name,unit,gtin\r\n"\'=HYPERLINK(""x"")",\'+1,\'-kg,\r\n\'@SUM,ok,pcs,\r\n');
  });
});

describe('itemsFromCsv', () => {
  it('reads back what the export wrote, formula guards included', () => {
    const items = [item('=A1', 'Bolt, "hex"\r\nM10', '-kg', '4006381333931'), item('B-2', 'Nut')];
    expect(itemsFromCsv(itemsToCsv(items))).toEqual([
      { sku: '=A1', name: 'Bolt, "hex"\r\nM10', unit: '-kg', gtin: '4006381333931' },
      { sku: 'B-2', name: 'Nut', unit: 'pcs', gtin: null },
    ]);
  });

  it('takes columns in any order, without gtin, with LF line ends, a BOM and blank lines', () => {
    expect(itemsFromCsv('\uFEFFUnit,SKU,Name\nkg,A,Flour\n\n')).toEqual([{ sku: 'A', name: 'Flour', unit: 'kg', gtin: null }]);
  });

  it('lists every bad row by its row number and imports nothing', () => {
    const error = thrownBy(() => itemsFromCsv('sku,name,unit,gtin\nA,Bolt,pcs,4006381333932\nB,,pcs,\nA,Again,pcs,\nC,Nut\n'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.issues).toEqual([
      { path: '/csv/row/2/gtin', message: expect.stringContaining('check digit') },
      { path: '/csv/row/3/name', message: 'must not be empty' },
      { path: '/csv/row/4/sku', message: 'repeats SKU A of row 2' },
      { path: '/csv/row/5', message: 'has 2 cells; the header has 4' },
    ]);
  });

  it('refuses a header without the required columns and a quote left open', () => {
    expect(thrownBy(() => itemsFromCsv('sku,title\nA,B\n')).details?.issues).toEqual([
      { path: '/csv/row/1', message: expect.stringContaining('missing: name, unit') },
    ]);
    expect(thrownBy(() => itemsFromCsv('sku,name,unit\nA,"Bolt,pcs\n')).details?.issues).toEqual([
      { path: '/csv/row/2', message: 'has a quoted field that is never closed' },
    ]);
  });

  it('refuses a header naming a column twice, which would import one of the two silently', () => {
    expect(thrownBy(() => itemsFromCsv('sku,SKU,name,unit\nA,B,Bolt,pcs\n')).details?.issues).toEqual([
      { path: '/csv/row/1', message: 'the header row names sku more than once' },
    ]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, index) => `S-${index},Item ${index},pcs`);
    const error = thrownBy(() => itemsFromCsv(['sku,name,unit', ...rows].join('\n')));
    expect(error.details?.issues).toEqual([{ path: '/csv', message: expect.stringContaining(`at most ${MAX_IMPORT_ROWS}`) }]);
  });
});
