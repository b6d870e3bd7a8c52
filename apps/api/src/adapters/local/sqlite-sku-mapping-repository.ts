import type { SkuMapping } from '@invoice/contracts';
import { compareMappings, mappingMatchesText } from '@invoice/inventory';
import type { SkuMappingKey, SkuMappingRepository, SkuMappingSearch, SkuMappingWrite } from '@invoice/inventory';
import type { SqliteDatabase } from './sqlite-database';
import { translateSqliteErrors } from './sqlite-errors';

interface MappingRow {
  supplier_key: string;
  supplier_sku: string;
  inventory_sku: string;
  pack_size: string;
  updated_at: string;
  last_used_at: string | null;
}

const COLUMNS = 'supplier_key, supplier_sku, inventory_sku, pack_size, updated_at, last_used_at';

/**
 * SKU mappings keyed by (supplier_key, supplier_sku); a save of the same pair replaces the earlier one but
 * keeps its last_used_at (the upsert leaves that column alone).
 */
export class SqliteSkuMappingRepository implements SkuMappingRepository {
  private readonly upsert;
  private readonly selectBySupplier;
  private readonly selectAll;
  private readonly deleteOne;
  private readonly touch;
  private readonly saveTransaction;
  private readonly markTransaction;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO sku_mappings (supplier_key, supplier_sku, inventory_sku, pack_size, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (supplier_key, supplier_sku) DO UPDATE SET
         inventory_sku = excluded.inventory_sku, pack_size = excluded.pack_size, updated_at = excluded.updated_at`,
    );
    this.selectBySupplier = db.prepare<[string], MappingRow>(`SELECT ${COLUMNS} FROM sku_mappings WHERE supplier_key = ?`);
    this.selectAll = db.prepare<[], MappingRow>(`SELECT ${COLUMNS} FROM sku_mappings`);
    this.deleteOne = db.prepare<[string, string]>('DELETE FROM sku_mappings WHERE supplier_key = ? AND supplier_sku = ?');
    // Never moves the date back: an apply that finishes after a later one must not hide the later use.
    this.touch = db.prepare<[string, string, string, string]>(
      `UPDATE sku_mappings SET last_used_at = ?
       WHERE supplier_key = ? AND supplier_sku = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
    );
    this.saveTransaction = db.transaction((mappings: readonly SkuMappingWrite[]) => {
      for (const mapping of mappings) {
        this.upsert.run(mapping.supplierKey, mapping.supplierSku, mapping.inventorySku, mapping.packSize, mapping.updatedAt);
      }
    });
    this.markTransaction = db.transaction((keys: readonly SkuMappingKey[], at: string) => {
      for (const key of keys) this.touch.run(at, key.supplierKey, key.supplierSku, at);
    });
  }

  async saveAll(mappings: readonly SkuMappingWrite[]): Promise<void> {
    translateSqliteErrors(() => this.saveTransaction.immediate(mappings));
  }

  async listBySupplier(supplierKey: string): Promise<SkuMapping[]> {
    return this.search({ supplierKey });
  }

  async search(query: SkuMappingSearch): Promise<SkuMapping[]> {
    const rows = translateSqliteErrors(() =>
      query.supplierKey === undefined ? this.selectAll.all() : this.selectBySupplier.all(query.supplierKey),
    );
    // Filtered and ordered here rather than in SQL: LOWER() and ORDER BY fold and sort differently from the
    // one definition every adapter shares.
    return rows
      .map(fromRow)
      .filter((mapping) => mappingMatchesText(mapping, query.text))
      .sort(compareMappings);
  }

  async delete(key: SkuMappingKey): Promise<boolean> {
    return translateSqliteErrors(() => this.deleteOne.run(key.supplierKey, key.supplierSku)).changes > 0;
  }

  async markUsed(keys: readonly SkuMappingKey[], at: string): Promise<void> {
    if (keys.length === 0) return;
    translateSqliteErrors(() => this.markTransaction.immediate(keys, at));
  }
}

function fromRow(row: MappingRow): SkuMapping {
  return {
    supplierKey: row.supplier_key,
    supplierSku: row.supplier_sku,
    inventorySku: row.inventory_sku,
    packSize: row.pack_size,
    updatedAt: row.updated_at,
    lastUsedAt: row.last_used_at,
  };
}
