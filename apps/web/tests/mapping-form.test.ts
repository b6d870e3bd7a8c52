import { describe, expect, it } from 'vitest';
import type { SkuMapping } from '@invoice/contracts';
import { supplierKeyOf } from '@invoice/inventory';
import { checkMappingDraft, filterMappings, lastUsedText } from '../src/mappings/mapping-form';
import { readPackSize } from '../src/shared/pack-size';

const mapping = (supplierSku: string, inventorySku: string): SkuMapping => ({
  supplierKey: 'acme',
  supplierSku,
  inventorySku,
  packSize: '1',
  updatedAt: '2026-12-01T10:00:00.000Z',
  lastUsedAt: null,
});

describe('readPackSize', () => {
  it('reads decimals as people type them, as contract decimal strings', () => {
    expect(['12', '0,5', ' 012 ', '2.50', '0.001', '.5'].map(readPackSize)).toEqual([
      { ok: true, value: '12' },
      { ok: true, value: '0.5' },
      { ok: true, value: '12' },
      { ok: true, value: '2.50' },
      { ok: true, value: '0.001' },
      { ok: true, value: '0.5' },
    ]);
  });

  it('refuses zero, negatives, exponents and words', () => {
    for (const typed of ['0', '0.00', '-2', '1e3', 'twelve', '1.000,5']) {
      expect(readPackSize(typed).ok, typed).toBe(false);
    }
    expect(readPackSize('0')).toEqual({ ok: false, problem: 'Pack size "0" is not a number above 0 like 12 or 0.5 (leave it empty for the default).' });
  });

  it('reads an empty field as the default, which the contracts leave out, in a mapping and in a review line alike', () => {
    expect(readPackSize(' ')).toEqual({ ok: true, value: '' });
    expect(checkMappingDraft({ supplierSku: 'A-1', inventorySku: 'BIN-40', packSize: '' })).toEqual({
      ok: true,
      supplierSku: 'A-1',
      value: { inventorySku: 'BIN-40' },
    });
  });
});

describe('checkMappingDraft', () => {
  it('trims the SKUs and normalises the pack size', () => {
    expect(checkMappingDraft({ supplierSku: ' A-1 ', inventorySku: ' BIN-40 ', packSize: '12' })).toEqual({
      ok: true,
      supplierSku: 'A-1',
      value: { inventorySku: 'BIN-40', packSize: '12' },
    });
  });

  it('names each wrong field, and refuses adding a supplier SKU already mapped', () => {
    const checked = checkMappingDraft({ supplierSku: 'A-1', inventorySku: ' ', packSize: '-1' }, new Set(['A-1']));
    expect(checked).toEqual({
      ok: false,
      problems: {
        supplierSku: 'A-1 is already mapped; edit its mapping instead.',
        inventorySku: 'Enter the inventory SKU it stands for.',
        packSize: 'Pack size "-1" is not a number above 0 like 12 or 0.5 (leave it empty for the default).',
      },
    });
  });
});

describe('filterMappings', () => {
  const all = [mapping('A-100', 'BOLT-M8'), mapping('A-200', 'NUT-M8'), mapping('B-7', 'WASHER')];

  it('matches every word on either SKU, without case', () => {
    expect(filterMappings(all, 'm8 bolt').map((m) => m.supplierSku)).toEqual(['A-100']);
    expect(filterMappings(all, 'a-').map((m) => m.supplierSku)).toEqual(['A-100', 'A-200']);
    expect(filterMappings(all, '  ')).toHaveLength(3);
  });
});

describe('lastUsedText and supplierKeyOf', () => {
  it('says never for a mapping no apply used', () => {
    expect(lastUsedText(null)).toBe('never');
    expect(lastUsedText(undefined)).toBe('never');
    expect(lastUsedText('2026-12-01T10:00:00.000Z')).not.toBe('never');
  });

  it('folds a typed name as the API does, and leaves a key as it is', () => {
    expect(supplierKeyOf('  Müller GmbH & Co. KG ')).toBe('muller gmbh co kg');
    expect(supplierKeyOf('muller gmbh co kg')).toBe('muller gmbh co kg');
    expect(supplierKeyOf('...')).toBeNull();
  });
});
