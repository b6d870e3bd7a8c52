import { describe, expect, it } from 'vitest';
import { filterInventory } from '../src/inventory/inventory-filter';

const items = ['BIN-40-BLUE', 'BIN-40-RED', 'GL-L-044', 'SHF-1800'].map((sku) => ({
  sku,
  quantity: '1',
  updatedAt: '2026-11-25T10:00:00.000Z',
}));

describe('filterInventory', () => {
  it('matches any part of the SKU, ignoring case', () => {
    expect(filterInventory(items, 'shf').map((i) => i.sku)).toEqual(['SHF-1800']);
  });

  it('needs every word to match', () => {
    expect(filterInventory(items, 'bin blue').map((i) => i.sku)).toEqual(['BIN-40-BLUE']);
  });

  it('shows everything for an empty search', () => {
    expect(filterInventory(items, '  ')).toHaveLength(4);
  });
});
