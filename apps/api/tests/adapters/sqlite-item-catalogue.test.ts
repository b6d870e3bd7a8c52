import { addDecimals } from '@invoice/inventory';
import path from 'node:path';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteItemCatalogue } from '../../src/adapters/local/sqlite-item-catalogue';
import { describeItemCatalogueContract } from '../contracts/item-catalogue.contract';
import { makeDataDir } from '../support/test-server';

describeItemCatalogueContract('SqliteItemCatalogue', async () => {
  const dir = makeDataDir('items');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  const catalogue = new SqliteItemCatalogue(db);
  return {
    catalogue,
    // Stock written as the ledger's upsert writes it. In SQLite a stock row becomes an item once, by the
    // migration (sqlite-migration.test.ts proves it on an old file); its INSERT OR IGNORE is repeated here.
    async addStock(sku, quantity, at) {
      const stored = db.prepare<[string], { quantity: string }>('SELECT quantity FROM stock WHERE sku = ?').get(sku);
      db.prepare('INSERT INTO stock (sku, quantity, updated_at) VALUES (?, ?, ?) ON CONFLICT (sku) DO UPDATE SET quantity = excluded.quantity').run(
        sku,
        stored ? addDecimals(stored.quantity, quantity) : quantity,
        at,
      );
      db.prepare("INSERT OR IGNORE INTO items (sku, name, unit, gtin, created_at, updated_at, version) VALUES (?, ?, 'pcs', NULL, ?, ?, 1)").run(sku, sku, at, at);
    },
    async stockOf(sku) {
      return db.prepare<[string], { quantity: string }>('SELECT quantity FROM stock WHERE sku = ?').get(sku)?.quantity ?? null;
    },
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});
