import type { SkuMapping } from '@invoice/contracts';
import type { SkuMappingRepository, SkuMappingWrite } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface SkuMappingRepositoryFixture {
  repository: SkuMappingRepository;
  cleanup(): Promise<void>;
}

const write = (supplierKey: string, supplierSku: string, inventorySku: string, updatedAt = '2026-05-01T08:00:00.000Z', packSize = '1'): SkuMappingWrite => ({
  supplierKey,
  supplierSku,
  inventorySku,
  packSize,
  updatedAt,
});

/** A mapping as read back: what was written, never used unless said. */
const mapping = (
  supplierKey: string,
  supplierSku: string,
  inventorySku: string,
  updatedAt = '2026-05-01T08:00:00.000Z',
  packSize = '1',
  lastUsedAt: string | null = null,
): SkuMapping => ({ ...write(supplierKey, supplierSku, inventorySku, updatedAt, packSize), lastUsedAt });

const MONDAY = '2026-05-04T09:00:00.000Z';
const TUESDAY = '2026-05-05T09:00:00.000Z';

/** What every SkuMappingRepository must do (SQLite now, DynamoDB in AWS mode). */
export function describeSkuMappingRepositoryContract(name: string, factory: () => Promise<SkuMappingRepositoryFixture>): void {
  describe(`${name} (SkuMappingRepository contract)`, () => {
    let fixture: SkuMappingRepositoryFixture;
    let repository: SkuMappingRepository;

    beforeEach(async () => {
      fixture = await factory();
      repository = fixture.repository;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('saveAll and listBySupplier', () => {
      it('lists the saved mappings of one supplier only, ordered by supplier SKU', async () => {
        // Arrange
        await repository.saveAll([write('acme', 'B-2', 'INV-B'), write('acme', 'A-1', 'INV-A'), write('other co', 'A-1', 'INV-X')]);

        // Act
        const items = await repository.listBySupplier('acme');

        // Assert
        expect(items).toEqual([mapping('acme', 'A-1', 'INV-A'), mapping('acme', 'B-2', 'INV-B')]);
        expect(await repository.listBySupplier('other co')).toEqual([mapping('other co', 'A-1', 'INV-X')]);
      });

      it('keeps the pack size exactly as written', async () => {
        await repository.saveAll([write('acme', 'CASE-12', 'BOLT', MONDAY, '12'), write('acme', 'HALF', 'SHEET', MONDAY, '0.5')]);
        expect(await repository.listBySupplier('acme')).toEqual([mapping('acme', 'CASE-12', 'BOLT', MONDAY, '12'), mapping('acme', 'HALF', 'SHEET', MONDAY, '0.5')]);
      });

      it('replaces the mapping of the same supplier SKU, keeping the others', async () => {
        // Arrange
        await repository.saveAll([write('acme', 'A-1', 'OLD'), write('acme', 'C-3', 'INV-C')]);

        // Act
        await repository.saveAll([write('acme', 'A-1', 'NEW', '2026-05-02T09:30:00.000Z', '6')]);

        // Assert
        expect(await repository.listBySupplier('acme')).toEqual([mapping('acme', 'A-1', 'NEW', '2026-05-02T09:30:00.000Z', '6'), mapping('acme', 'C-3', 'INV-C')]);
      });

      it('keeps when a replaced mapping was last used', async () => {
        // Arrange
        await repository.saveAll([write('acme', 'A-1', 'OLD')]);
        await repository.markUsed([{ supplierKey: 'acme', supplierSku: 'A-1' }], MONDAY);

        // Act
        await repository.saveAll([write('acme', 'A-1', 'NEW', TUESDAY, '10')]);

        // Assert
        expect(await repository.listBySupplier('acme')).toEqual([mapping('acme', 'A-1', 'NEW', TUESDAY, '10', MONDAY)]);
      });

      it('lets the later of two mappings of one supplier SKU in the same save win', async () => {
        await repository.saveAll([write('acme', 'A-1', 'FIRST'), write('acme', 'A-1', 'SECOND', MONDAY, '3')]);
        expect(await repository.listBySupplier('acme')).toEqual([mapping('acme', 'A-1', 'SECOND', MONDAY, '3')]);
      });

      it('matches supplier keys and SKUs exactly, never by prefix or case', async () => {
        // Arrange
        await repository.saveAll([write('acme', 'a-1', 'LOWER'), write('acme', 'A-1', 'UPPER'), write('acme ltd', 'A-1', 'LTD')]);

        // Act
        const items = await repository.listBySupplier('acme');

        // Assert
        expect(items.map((item) => [item.supplierSku, item.inventorySku]).sort()).toEqual([
          ['A-1', 'UPPER'],
          ['a-1', 'LOWER'],
        ]);
        expect(await repository.listBySupplier('acm')).toEqual([]);
      });

      it('keeps SKUs with spaces, slashes and non-ASCII letters intact', async () => {
        await repository.saveAll([write('müller & söhne', 'Ø 12/5 mm', 'SCHR-Ä#1')]);
        expect(await repository.listBySupplier('müller & söhne')).toEqual([mapping('müller & söhne', 'Ø 12/5 mm', 'SCHR-Ä#1')]);
      });

      it('keeps the longest supplier key and SKU the contracts allow, in characters of 4 bytes', async () => {
        // 512 and 128 characters outside the BMP: 2,048 and 512 bytes of UTF-8, DynamoDB's key limits are 2,048 and 1,024.
        const supplierKey = '𠀀'.repeat(512);
        const supplierSku = '𠀁'.repeat(128);
        await repository.saveAll([write(supplierKey, supplierSku, 'WIDE')]);
        expect(await repository.listBySupplier(supplierKey)).toEqual([mapping(supplierKey, supplierSku, 'WIDE')]);
      });

      it('answers an empty list for an unknown supplier and accepts an empty save', async () => {
        await repository.saveAll([]);
        expect(await repository.listBySupplier('nobody')).toEqual([]);
      });

      it('saves more mappings at once than one write batch holds', async () => {
        const many = Array.from({ length: 60 }, (_, index) => write('bulk', `S-${String(index).padStart(3, '0')}`, `INV-${index}`));
        await repository.saveAll(many);
        expect((await repository.listBySupplier('bulk')).map((item) => item.supplierSku)).toEqual(many.map((item) => item.supplierSku));
      });
    });

    describe('search', () => {
      beforeEach(async () => {
        await repository.saveAll([
          write('zeta', 'BOLT-M8', 'INV-1'),
          write('acme', 'nut-m8', 'INV-2'),
          write('acme', 'WASHER', 'bolt-spare'),
          write('acme', 'SCREW', 'INV-3'),
        ]);
      });

      it('lists every supplier’s mappings when no supplier is named, ordered by supplier, then supplier SKU', async () => {
        const items = await repository.search({});
        expect(items.map((item) => [item.supplierKey, item.supplierSku])).toEqual([
          ['acme', 'SCREW'],
          ['acme', 'WASHER'],
          ['acme', 'nut-m8'],
          ['zeta', 'BOLT-M8'],
        ]);
      });

      it('finds text in the supplier SKU or the inventory SKU in any case', async () => {
        expect((await repository.search({ text: 'BoLt' })).map((item) => item.supplierSku)).toEqual(['WASHER', 'BOLT-M8']);
        expect((await repository.search({ text: 'M8' })).map((item) => item.supplierSku)).toEqual(['nut-m8', 'BOLT-M8']);
      });

      it('narrows to one supplier, exactly', async () => {
        expect((await repository.search({ supplierKey: 'acme', text: 'bolt' })).map((item) => item.supplierSku)).toEqual(['WASHER']);
        expect(await repository.search({ supplierKey: 'acm' })).toEqual([]);
        expect(await repository.search({ text: 'nothing like it' })).toEqual([]);
      });
    });

    describe('delete', () => {
      it('removes one mapping and says it did, leaving the others', async () => {
        // Arrange
        await repository.saveAll([write('acme', 'A-1', 'INV-A'), write('acme', 'B-2', 'INV-B')]);

        // Act
        const deleted = await repository.delete({ supplierKey: 'acme', supplierSku: 'A-1' });

        // Assert
        expect(deleted).toBe(true);
        expect(await repository.listBySupplier('acme')).toEqual([mapping('acme', 'B-2', 'INV-B')]);
      });

      it('answers false for a mapping that does not exist (or no longer does)', async () => {
        await repository.saveAll([write('acme', 'A-1', 'INV-A')]);
        await repository.delete({ supplierKey: 'acme', supplierSku: 'A-1' });
        expect(await repository.delete({ supplierKey: 'acme', supplierSku: 'A-1' })).toBe(false);
        expect(await repository.delete({ supplierKey: 'acme', supplierSku: 'a-1' })).toBe(false);
      });
    });

    describe('markUsed', () => {
      it('records when each named mapping was used, and only those', async () => {
        // Arrange
        await repository.saveAll([write('acme', 'A-1', 'INV-A'), write('acme', 'B-2', 'INV-B'), write('other', 'A-1', 'INV-X')]);

        // Act
        await repository.markUsed([{ supplierKey: 'acme', supplierSku: 'A-1' }], MONDAY);

        // Assert
        expect(await repository.search({})).toEqual([
          mapping('acme', 'A-1', 'INV-A', undefined, '1', MONDAY),
          mapping('acme', 'B-2', 'INV-B'),
          mapping('other', 'A-1', 'INV-X'),
        ]);
      });

      it('never moves the date back when an earlier use is recorded late', async () => {
        await repository.saveAll([write('acme', 'A-1', 'INV-A')]);
        await repository.markUsed([{ supplierKey: 'acme', supplierSku: 'A-1' }], TUESDAY);
        await repository.markUsed([{ supplierKey: 'acme', supplierSku: 'A-1' }], MONDAY);
        expect((await repository.listBySupplier('acme'))[0]?.lastUsedAt).toBe(TUESDAY);
      });

      it('skips a mapping deleted meanwhile instead of bringing it back', async () => {
        await repository.saveAll([write('acme', 'A-1', 'INV-A')]);
        await repository.delete({ supplierKey: 'acme', supplierSku: 'A-1' });
        await repository.markUsed([{ supplierKey: 'acme', supplierSku: 'A-1' }, { supplierKey: 'nobody', supplierSku: 'X' }], MONDAY);
        expect(await repository.search({})).toEqual([]);
        await repository.markUsed([], MONDAY);
      });
    });
  });
}
