import type { SkuMapping } from '@invoice/contracts';
import type { SkuMappingRepository } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface SkuMappingRepositoryFixture {
  repository: SkuMappingRepository;
  cleanup(): Promise<void>;
}

const mapping = (supplierKey: string, supplierSku: string, inventorySku: string, updatedAt = '2026-05-01T08:00:00.000Z'): SkuMapping => ({
  supplierKey,
  supplierSku,
  inventorySku,
  updatedAt,
});

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

    it('lists the saved mappings of one supplier only, ordered by supplier SKU', async () => {
      // Arrange
      await repository.saveAll([mapping('acme', 'B-2', 'INV-B'), mapping('acme', 'A-1', 'INV-A'), mapping('other co', 'A-1', 'INV-X')]);

      // Act
      const items = await repository.listBySupplier('acme');

      // Assert
      expect(items).toEqual([mapping('acme', 'A-1', 'INV-A'), mapping('acme', 'B-2', 'INV-B')]);
      expect(await repository.listBySupplier('other co')).toEqual([mapping('other co', 'A-1', 'INV-X')]);
    });

    it('replaces the mapping of the same supplier SKU, keeping the others', async () => {
      // Arrange
      await repository.saveAll([mapping('acme', 'A-1', 'OLD'), mapping('acme', 'C-3', 'INV-C')]);

      // Act
      await repository.saveAll([mapping('acme', 'A-1', 'NEW', '2026-05-02T09:30:00.000Z')]);

      // Assert
      expect(await repository.listBySupplier('acme')).toEqual([mapping('acme', 'A-1', 'NEW', '2026-05-02T09:30:00.000Z'), mapping('acme', 'C-3', 'INV-C')]);
    });

    it('matches supplier keys and SKUs exactly, never by prefix or case', async () => {
      // Arrange
      await repository.saveAll([mapping('acme', 'a-1', 'LOWER'), mapping('acme', 'A-1', 'UPPER'), mapping('acme ltd', 'A-1', 'LTD')]);

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
      const odd = mapping('müller & söhne', 'Ø 12/5 mm', 'SCHR-Ä#1');
      await repository.saveAll([odd]);
      expect(await repository.listBySupplier('müller & söhne')).toEqual([odd]);
    });

    it('answers an empty list for an unknown supplier and accepts an empty save', async () => {
      await repository.saveAll([]);
      expect(await repository.listBySupplier('nobody')).toEqual([]);
    });
  });
}
