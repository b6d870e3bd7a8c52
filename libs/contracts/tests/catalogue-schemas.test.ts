import { describe, expect, it } from 'vitest';
import { validate } from '../src/validate';

const item = { sku: 'BOLT-10', name: 'Hex bolt M10', unit: 'pcs', gtin: '4006381333931', createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', version: 1 };

describe('catalogue-item', () => {
  it('accepts an item with a barcode and one without', () => {
    expect(validate('catalogue-item', item).ok).toBe(true);
    expect(validate('catalogue-item', { ...item, gtin: null }).ok).toBe(true);
  });

  it.each(['123', '4006381333931 ', '40063813339311234', 'abcdefgh', ''])('refuses the GTIN %j (8, 12, 13 or 14 digits only)', (gtin) => {
    const outcome = validate('catalogue-item', { ...item, gtin });
    expect(outcome.ok ? [] : outcome.issues.map((issue) => issue.path)).toContain('/gtin');
  });

  it('refuses version 0, a unit longer than 32 characters and a field left out', () => {
    expect(validate('catalogue-item', { ...item, version: 0 }).ok).toBe(false);
    expect(validate('catalogue-item', { ...item, unit: 'x'.repeat(33) }).ok).toBe(false);
    const { gtin: _gtin, ...withoutGtin } = item;
    expect(validate('catalogue-item', withoutGtin).ok).toBe(false);
  });
});

describe('item requests', () => {
  it('creates with sku, name and unit, the GTIN optional; never with a version or another field', () => {
    expect(validate('api/create-item-request', { sku: 'A', name: 'B', unit: 'kg' }).ok).toBe(true);
    expect(validate('api/create-item-request', { sku: 'A', name: 'B', unit: 'kg', gtin: null }).ok).toBe(true);
    expect(validate('api/create-item-request', { sku: '   ', name: 'B', unit: 'kg' }).ok).toBe(false);
    expect(validate('api/create-item-request', { sku: 'A', name: 'B', unit: 'kg', version: 1 }).ok).toBe(false);
  });

  it('updates with name, unit, gtin and expectedVersion, all required, and no SKU', () => {
    const body = { name: 'B', unit: 'kg', gtin: null, expectedVersion: 3 };
    expect(validate('api/update-item-request', body).ok).toBe(true);
    expect(validate('api/update-item-request', { ...body, sku: 'A' }).ok).toBe(false);
    expect(validate('api/update-item-request', { name: 'B', unit: 'kg', expectedVersion: 3 }).ok).toBe(false);
    expect(validate('api/update-item-request', { ...body, expectedVersion: 0 }).ok).toBe(false);
  });

  it('imports a CSV given as a string, and lists with a limit of 1 to 100', () => {
    expect(validate('api/import-items-request', { csv: 'sku,name,unit\n' }).ok).toBe(true);
    expect(validate('api/import-items-request', { csv: '' }).ok).toBe(false);
    expect(validate('api/list-items-query', { q: 'bolt', limit: '100', cursor: 'abc' }).ok).toBe(true);
    expect(validate('api/list-items-query', { limit: '101' }).ok).toBe(false);
  });
});
