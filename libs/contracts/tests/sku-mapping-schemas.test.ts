import { describe, expect, it } from 'vitest';
import { validate } from '../src/validate';

const mapping = {
  supplierKey: 'acme',
  supplierSku: 'CASE-12',
  inventorySku: 'BOLT',
  packSize: '12',
  updatedAt: '2026-11-25T10:00:00.000Z',
  lastUsedAt: null,
};

describe('sku-mapping', () => {
  it.each(['1', '12', '0.5', '2.25', '0.001', '1000000'])('accepts the pack size %s', (packSize) => {
    expect(validate('sku-mapping', { ...mapping, packSize }).ok).toBe(true);
  });

  it.each(['0', '0.0', '0.000', '-1', '-0.5', '1e3', '01', '1.', '.5', '', ' 2', 'twelve'])('refuses the pack size "%s"', (packSize) => {
    expect(validate('sku-mapping', { ...mapping, packSize }).ok).toBe(false);
  });

  it('refuses a pack size sent as a number, and requires packSize and lastUsedAt', () => {
    expect(validate('sku-mapping', { ...mapping, packSize: 12 }).ok).toBe(false);
    const { packSize: _packSize, ...withoutPackSize } = mapping;
    const { lastUsedAt: _lastUsedAt, ...withoutLastUse } = mapping;
    expect(validate('sku-mapping', withoutPackSize).ok).toBe(false);
    expect(validate('sku-mapping', withoutLastUse).ok).toBe(false);
    expect(validate('sku-mapping', { ...mapping, lastUsedAt: '2026-11-26T08:00:00.000Z' }).ok).toBe(true);
  });
});

describe('api/put-sku-mapping-request', () => {
  it('takes an inventory SKU and an optional pack size, nothing else', () => {
    expect(validate('api/put-sku-mapping-request', { inventorySku: 'BOLT' }).ok).toBe(true);
    expect(validate('api/put-sku-mapping-request', { inventorySku: 'BOLT', packSize: '6' }).ok).toBe(true);
    expect(validate('api/put-sku-mapping-request', { inventorySku: ' ', packSize: '6' }).ok).toBe(false);
    expect(validate('api/put-sku-mapping-request', { inventorySku: 'BOLT', packSize: '0' }).ok).toBe(false);
    expect(validate('api/put-sku-mapping-request', { inventorySku: 'BOLT', supplierKey: 'acme' }).ok).toBe(false);
  });
});

describe('api/list-sku-mappings-query and api/list-suppliers-response', () => {
  it('lets the supplier and the search text be left out', () => {
    expect(validate('api/list-sku-mappings-query', {}).ok).toBe(true);
    expect(validate('api/list-sku-mappings-query', { supplier: 'acme', q: 'bolt' }).ok).toBe(true);
    expect(validate('api/list-sku-mappings-query', { supplier: '' }).ok).toBe(false);
  });

  it('lists suppliers with their latest name, a count and the last use', () => {
    const supplier = { supplierKey: 'acme', displayName: 'ACME GmbH', mappingCount: 2, lastUsedAt: null };
    expect(validate('api/list-suppliers-response', { suppliers: [supplier] }).ok).toBe(true);
    expect(validate('api/list-suppliers-response', { suppliers: [{ ...supplier, displayName: null }] }).ok).toBe(true);
    expect(validate('api/list-suppliers-response', { suppliers: [{ ...supplier, displayName: '' }] }).ok).toBe(false);
    expect(validate('api/list-suppliers-response', { suppliers: [{ supplierKey: 'acme', mappingCount: 2, lastUsedAt: null }] }).ok).toBe(false);
    expect(validate('api/list-suppliers-response', { suppliers: [{ ...supplier, mappingCount: 0 }] }).ok).toBe(false);
  });
});

describe('api/review-update-request pack sizes', () => {
  it('takes a pack size or null on a correction and a pack size on a remembered mapping', () => {
    const body = (correction: object, mappings: object[] = []) => ({ baseRevision: 0, corrections: [{ lineIndex: 0, ...correction }], skuMappings: mappings });
    expect(validate('api/review-update-request', body({ packSize: '12' })).ok).toBe(true);
    expect(validate('api/review-update-request', body({ packSize: null })).ok).toBe(true);
    expect(validate('api/review-update-request', body({ packSize: '0' })).ok).toBe(false);
    expect(validate('api/review-update-request', body({ packSize: -2 })).ok).toBe(false);
    expect(validate('api/review-update-request', body({ sku: 'X' }, [{ supplierSku: 'S', inventorySku: 'X', packSize: '6' }])).ok).toBe(true);
    expect(validate('api/review-update-request', body({ sku: 'X' }, [{ supplierSku: 'S', inventorySku: 'X', packSize: '-6' }])).ok).toBe(false);
  });
});
