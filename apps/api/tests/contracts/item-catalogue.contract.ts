import type { CatalogueItem } from '@invoice/contracts';
import { isDomainError, type ItemCatalogue, type ItemFields } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectContract } from '../support/test-server';

export interface ItemCatalogueFixture {
  catalogue: ItemCatalogue;
  /**
   * Puts stock of a SKU the way the store's ledger does (SQLite: the stock table; DynamoDB: an ADD on the
   * inventory row), for the rules that tie the catalogue to stock. Absent where the store has no such tie.
   */
  addStock?(sku: string, quantity: string, at: string): Promise<void>;
  /** The stock a SKU has in the same store, to prove the catalogue never touches it. */
  stockOf?(sku: string): Promise<string | null>;
  cleanup(): Promise<void>;
}

const T1 = '2026-11-01T10:00:00.000Z';
const T2 = '2026-11-02T11:30:00.000Z';
const fields = (sku: string, name = `Item ${sku}`, unit = 'pcs', gtin: string | null = null): ItemFields => ({ sku, name, unit, gtin });

async function rejectionOf(action: Promise<unknown>): Promise<unknown> {
  try {
    await action;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** What every ItemCatalogue must do (SQLite now, DynamoDB in AWS mode). */
export function describeItemCatalogueContract(name: string, factory: () => Promise<ItemCatalogueFixture>): void {
  describe(`${name} (ItemCatalogue contract)`, () => {
    let fixture: ItemCatalogueFixture;
    let catalogue: ItemCatalogue;

    beforeEach(async () => {
      fixture = await factory();
      catalogue = fixture.catalogue;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('create', () => {
      it('stores a new item at version 1 and gives it back as the contract says', async () => {
        // Act
        const created = await catalogue.create(fields('BOLT-10', 'Hex bolt M10', 'pcs', '4006381333931'), T1);

        // Assert
        const expected: CatalogueItem = { sku: 'BOLT-10', name: 'Hex bolt M10', unit: 'pcs', gtin: '4006381333931', createdAt: T1, updatedAt: T1, version: 1 };
        expect(created).toEqual(expected);
        expect(expectContract('catalogue-item', await catalogue.get('BOLT-10'))).toEqual(expected);
      });

      it('throws ITEM_EXISTS for a SKU already in the catalogue and keeps the stored item', async () => {
        // Arrange
        await catalogue.create(fields('A', 'First'), T1);

        // Act
        const error = await rejectionOf(catalogue.create(fields('A', 'Second'), T2));

        // Assert
        expect(isDomainError(error, 'ITEM_EXISTS')).toBe(true);
        expect(await catalogue.get('A')).toMatchObject({ name: 'First', version: 1 });
      });
    });

    describe('update', () => {
      it('replaces name, unit and GTIN when the version matches and moves the version on', async () => {
        // Arrange
        await catalogue.create(fields('A', 'Flour', 'pcs', '4006381333931'), T1);

        // Act
        const updated = await catalogue.update('A', { name: 'Flour type 550', unit: 'kg', gtin: null }, 1, T2);

        // Assert
        const expected = { sku: 'A', name: 'Flour type 550', unit: 'kg', gtin: null, createdAt: T1, updatedAt: T2, version: 2 };
        expect(updated).toEqual(expected);
        expect(await catalogue.get('A')).toEqual(expected);
      });

      it('throws ITEM_CONFLICT naming the current version when the version is stale, changing nothing', async () => {
        // Arrange
        await catalogue.create(fields('A', 'Flour'), T1);
        await catalogue.update('A', { name: 'Flour 2', unit: 'pcs', gtin: null }, 1, T2);

        // Act
        const error = await rejectionOf(catalogue.update('A', { name: 'Lost edit', unit: 'pcs', gtin: null }, 1, T2));

        // Assert
        expect(isDomainError(error, 'ITEM_CONFLICT')).toBe(true);
        expect((error as { details?: unknown }).details).toMatchObject({ sku: 'A', expectedVersion: 1, currentVersion: 2 });
        expect(await catalogue.get('A')).toMatchObject({ name: 'Flour 2', version: 2 });
      });

      it('throws ITEM_NOT_FOUND for a SKU not in the catalogue and creates nothing', async () => {
        // Act
        const error = await rejectionOf(catalogue.update('NOPE', { name: 'x', unit: 'pcs', gtin: null }, 1, T1));

        // Assert
        expect(isDomainError(error, 'ITEM_NOT_FOUND')).toBe(true);
        expect(await catalogue.get('NOPE')).toBeNull();
      });
    });

    describe('get', () => {
      it('answers null for an unknown SKU and matches the SKU exactly', async () => {
        // Arrange
        await catalogue.create(fields('Abc'), T1);

        // Act / Assert
        expect(await catalogue.get('abc')).toBeNull();
        expect(await catalogue.get('Abc ')).toBeNull();
        expect(await catalogue.get('Abc')).not.toBeNull();
      });
    });

    describe('list', () => {
      it('pages through every item ordered by SKU', async () => {
        // Arrange
        for (const sku of ['C', 'A', 'E', 'B', 'D']) await catalogue.create(fields(sku), T1);

        // Act
        const first = await catalogue.list({ limit: 2 });
        const second = await catalogue.list({ limit: 2, cursor: first.nextCursor ?? undefined });
        const third = await catalogue.list({ limit: 2, cursor: second.nextCursor ?? undefined });

        // Assert
        expect(first.items.map((item) => item.sku)).toEqual(['A', 'B']);
        expect(second.items.map((item) => item.sku)).toEqual(['C', 'D']);
        expect(third).toEqual({ items: [expect.objectContaining({ sku: 'E' })], nextCursor: null });
      });

      it('orders SKUs by code point, a character beyond U+FFFF after the full-width forms, in pages and in all', async () => {
        // Arrange
        for (const sku of ['\u{1F600}', '\uFF5A', 'z']) await catalogue.create(fields(sku), T1);

        // Act
        const first = await catalogue.list({ limit: 2 });
        const second = await catalogue.list({ limit: 2, cursor: first.nextCursor ?? undefined });

        // Assert
        expect([...first.items, ...second.items].map((item) => item.sku)).toEqual(['z', '\uFF5A', '\u{1F600}']);
        expect((await catalogue.all()).map((item) => item.sku)).toEqual(['z', '\uFF5A', '\u{1F600}']);
      });

      it('keeps the items whose SKU or name contains the query, whatever its case', async () => {
        // Arrange
        await catalogue.create(fields('BOLT-10', 'Hex bolt M10'), T1);
        await catalogue.create(fields('NUT-10', 'Hex nut M10'), T1);
        await catalogue.create(fields('W-1', 'Washer'), T1);

        // Act
        const byName = await catalogue.list({ query: 'hex', limit: 1 });
        const next = await catalogue.list({ query: 'hex', limit: 1, cursor: byName.nextCursor ?? undefined });
        const bySku = await catalogue.list({ query: 'w-', limit: 10 });

        // Assert
        expect(byName.items.map((item) => item.sku)).toEqual(['BOLT-10']);
        expect(next).toEqual({ items: [expect.objectContaining({ sku: 'NUT-10' })], nextCursor: null });
        expect(bySku.items.map((item) => item.sku)).toEqual(['W-1']);
      });

      it('refuses a cursor it did not issue, and one issued for another query, with VALIDATION_FAILED', async () => {
        // Arrange
        await catalogue.create(fields('A'), T1);
        await catalogue.create(fields('B'), T1);
        const page = await catalogue.list({ query: 'item', limit: 1 });

        // Act / Assert
        expect(isDomainError(await rejectionOf(catalogue.list({ limit: 1, cursor: 'not-a-cursor' })), 'VALIDATION_FAILED')).toBe(true);
        expect(isDomainError(await rejectionOf(catalogue.list({ query: 'other', limit: 1, cursor: page.nextCursor ?? '' })), 'VALIDATION_FAILED')).toBe(true);
      });
    });

    describe('findMissing', () => {
      it('answers the SKUs not in the catalogue, each once, in the order asked', async () => {
        // Arrange
        await catalogue.create(fields('A'), T1);
        await catalogue.create(fields('C'), T1);

        // Act
        const missing = await catalogue.findMissing(['Z', 'A', 'B', 'Z', 'C', 'a']);

        // Assert
        expect(missing).toEqual(['Z', 'B', 'a']);
        expect(await catalogue.findMissing([])).toEqual([]);
      });

      it('asks about many SKUs at once', async () => {
        // Arrange
        const skus = Array.from({ length: 260 }, (_, index) => `SKU-${String(index).padStart(3, '0')}`);
        await catalogue.importAll(skus.filter((_, index) => index % 2 === 0).map((sku) => fields(sku)), T1);

        // Act
        const missing = await catalogue.findMissing(skus);

        // Assert
        expect(missing).toEqual(skus.filter((_, index) => index % 2 === 1));
      });
    });

    describe('importAll', () => {
      it('creates new items, updates changed ones, leaves equal ones alone, and counts them', async () => {
        // Arrange
        await catalogue.create(fields('KEEP', 'Same'), T1);
        await catalogue.create(fields('EDIT', 'Old name'), T1);

        // Act
        const outcome = await catalogue.importAll([fields('KEEP', 'Same'), fields('EDIT', 'New name', 'kg'), fields('NEW', 'Brand new')], T2);

        // Assert
        expect(outcome).toEqual({ created: 1, updated: 1 });
        expect(await catalogue.get('KEEP')).toMatchObject({ name: 'Same', version: 1, updatedAt: T1 });
        expect(await catalogue.get('EDIT')).toMatchObject({ name: 'New name', unit: 'kg', version: 2, createdAt: T1, updatedAt: T2 });
        expect(await catalogue.get('NEW')).toEqual({ sku: 'NEW', name: 'Brand new', unit: 'pcs', gtin: null, createdAt: T2, updatedAt: T2, version: 1 });
        expect((await catalogue.all()).map((item) => item.sku)).toEqual(['EDIT', 'KEEP', 'NEW']);
      });

      it('imports more items than one store transaction holds', async () => {
        // Arrange
        const items = Array.from({ length: 230 }, (_, index) => fields(`BULK-${String(index).padStart(3, '0')}`));

        // Act
        const outcome = await catalogue.importAll(items, T1);

        // Assert
        expect(outcome).toEqual({ created: 230, updated: 0 });
        expect((await catalogue.all()).length).toBe(230);
      });
    });

    describe('with stock in the same store', () => {
      it('reads a SKU that had stock before the catalogue as an item named after it, in pcs, at version 1', async (context) => {
        if (!fixture.addStock) return context.skip();
        // Arrange
        await fixture.addStock('LEGACY-1', '5', T1);

        // Act
        const item = await catalogue.get('LEGACY-1');

        // Assert
        expect(expectContract('catalogue-item', item)).toMatchObject({ sku: 'LEGACY-1', name: 'LEGACY-1', unit: 'pcs', gtin: null, version: 1 });
        expect(await catalogue.findMissing(['LEGACY-1'])).toEqual([]);
        expect(isDomainError(await rejectionOf(catalogue.create(fields('LEGACY-1'), T2)), 'ITEM_EXISTS')).toBe(true);
      });

      it('keeps the quantity of a SKU whose item is edited or imported, and stock added later keeps the item', async (context) => {
        if (!fixture.addStock || !fixture.stockOf) return context.skip();
        // Arrange
        await fixture.addStock('S-1', '7.5', T1);

        // Act
        await catalogue.update('S-1', { name: 'Named at last', unit: 'kg', gtin: null }, 1, T2);
        await catalogue.importAll([fields('S-1', 'Imported name', 'kg')], T2);
        await catalogue.create(fields('S-2', 'Created first'), T1);
        const stockOfNewItem = await fixture.stockOf('S-2');
        await fixture.addStock('S-2', '3', T2);

        // Assert
        expect(stockOfNewItem).toBeNull();
        expect(await fixture.stockOf('S-1')).toBe('7.5');
        expect(await catalogue.get('S-1')).toMatchObject({ name: 'Imported name', unit: 'kg', version: 3 });
        expect(await fixture.stockOf('S-2')).toBe('3');
        expect(await catalogue.get('S-2')).toMatchObject({ name: 'Created first', version: 1 });
      });
    });
  });
}
