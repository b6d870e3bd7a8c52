import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteSkuMappingRepository } from '../../src/adapters/local/sqlite-sku-mapping-repository';
import { describeSkuMappingRepositoryContract } from '../contracts/sku-mapping-repository.contract';
import { makeDataDir } from '../support/test-server';

describeSkuMappingRepositoryContract('SqliteSkuMappingRepository', async () => {
  const dir = makeDataDir('mappings');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  return {
    repository: new SqliteSkuMappingRepository(db),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});

describe('SqliteSkuMappingRepository on a file written before pack sizes', () => {
  it('reads the mappings saved then as pack size 1, never used', async () => {
    // Arrange: the mappings table as the release before wrote it, one row in it
    const dir = makeDataDir('mappings-upgrade');
    const file = path.join(dir.dataDir, 'old.sqlite');
    const old = openSqliteDatabase(file);
    old.exec(`
      ALTER TABLE sku_mappings DROP COLUMN pack_size;
      ALTER TABLE sku_mappings DROP COLUMN last_used_at;
      INSERT INTO sku_mappings (supplier_key, supplier_sku, inventory_sku, updated_at) VALUES ('acme', 'A-1', 'INV-A', '2026-05-01T08:00:00.000Z');
    `);
    // Version 4 is the migration that added pack sizes; only it is undone.
    old.exec('DELETE FROM schema_migrations WHERE version = 4');
    old.close();

    // Act
    const db = openSqliteDatabase(file);

    // Assert
    try {
      expect(await new SqliteSkuMappingRepository(db).listBySupplier('acme')).toEqual([
        { supplierKey: 'acme', supplierSku: 'A-1', inventorySku: 'INV-A', packSize: '1', updatedAt: '2026-05-01T08:00:00.000Z', lastUsedAt: null },
      ]);
    } finally {
      db.close();
      dir.remove();
    }
  });
});
