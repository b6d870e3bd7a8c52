import type { SkuMapping } from '@invoice/contracts';
import type { SkuMappingRepository } from '@invoice/inventory';
import type { SqliteDatabase } from './sqlite-database';
import { translateSqliteErrors } from './sqlite-errors';

interface MappingRow {
  supplier_key: string;
  supplier_sku: string;
  inventory_sku: string;
  updated_at: string;
}

/** SKU mappings keyed by (supplier_key, supplier_sku); a save of the same pair replaces the earlier one. */
export class SqliteSkuMappingRepository implements SkuMappingRepository {
  private readonly upsert;
  private readonly selectBySupplier;
  private readonly saveTransaction;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO sku_mappings (supplier_key, supplier_sku, inventory_sku, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (supplier_key, supplier_sku) DO UPDATE SET inventory_sku = excluded.inventory_sku, updated_at = excluded.updated_at`,
    );
    this.selectBySupplier = db.prepare<[string], MappingRow>(
      'SELECT supplier_key, supplier_sku, inventory_sku, updated_at FROM sku_mappings WHERE supplier_key = ? ORDER BY supplier_sku',
    );
    this.saveTransaction = db.transaction((mappings: readonly SkuMapping[]) => {
      for (const mapping of mappings) this.upsert.run(mapping.supplierKey, mapping.supplierSku, mapping.inventorySku, mapping.updatedAt);
    });
  }

  async saveAll(mappings: readonly SkuMapping[]): Promise<void> {
    translateSqliteErrors(() => this.saveTransaction.immediate(mappings));
  }

  async listBySupplier(supplierKey: string): Promise<SkuMapping[]> {
    return translateSqliteErrors(() => this.selectBySupplier.all(supplierKey)).map((row) => ({
      supplierKey: row.supplier_key,
      supplierSku: row.supplier_sku,
      inventorySku: row.inventory_sku,
      updatedAt: row.updated_at,
    }));
  }
}
