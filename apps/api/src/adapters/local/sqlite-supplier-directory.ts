import type { SupplierDirectory, SupplierLink, SupplierMergeWrite, SupplierName } from '@invoice/inventory';
import type { SqliteDatabase } from './sqlite-database';
import { IN_LIST, listParam } from './sqlite-in-list';
import { translateSqliteErrors } from './sqlite-errors';

/**
 * Identities in supplier_identities; a merge re-keys them and the supplier's sku_mappings rows in one
 * transaction. The latest name each supplier was seen under is in supplier_names.
 */
export class SqliteSupplierDirectory implements SupplierDirectory {
  private readonly insertNew;
  private readonly selectBySupplier;
  private readonly repointOne;
  private readonly moveMapping;
  private readonly dropMapping;
  private readonly linkTransaction;
  private readonly mergeTransaction;
  private readonly upsertName;
  private readonly selectIdentities;
  private readonly selectNames;

  constructor(private readonly db: SqliteDatabase) {
    this.insertNew = db.prepare<[string, string]>('INSERT INTO supplier_identities (identity, supplier_key) VALUES (?, ?) ON CONFLICT (identity) DO NOTHING');
    this.selectBySupplier = db.prepare<[string], { identity: string }>('SELECT identity FROM supplier_identities WHERE supplier_key = ? ORDER BY identity');
    this.repointOne = db.prepare<[string, string, string]>('UPDATE supplier_identities SET supplier_key = ? WHERE identity = ? AND supplier_key = ?');
    // Re-keying the row keeps every column of the mapping (pack size, dates) without naming them here.
    this.moveMapping = db.prepare<[string, string, string]>(
      'UPDATE OR IGNORE sku_mappings SET supplier_key = ? WHERE supplier_key = ? AND supplier_sku = ?',
    );
    this.dropMapping = db.prepare<[string, string]>('DELETE FROM sku_mappings WHERE supplier_key = ? AND supplier_sku = ?');
    this.upsertName = prepareNameUpsert(db);
    this.selectIdentities = db.prepare<[string], { identity: string; supplier_key: string }>(
      `SELECT identity, supplier_key FROM supplier_identities WHERE identity ${IN_LIST}`,
    );
    this.selectNames = db.prepare<[string], { supplier_key: string; display_name: string }>(
      `SELECT supplier_key, display_name FROM supplier_names WHERE supplier_key ${IN_LIST}`,
    );
    this.linkTransaction = db.transaction((links: readonly SupplierLink[]) => {
      for (const link of links) this.insertNew.run(link.identity, link.supplierKey);
    });
    this.mergeTransaction = db.transaction((merge: SupplierMergeWrite) => {
      for (const identity of merge.repoint) this.repointOne.run(merge.into, identity, merge.from);
      for (const identity of merge.link) this.insertNew.run(identity, merge.into);
      for (const sku of merge.moveMappings) this.moveMapping.run(merge.into, merge.from, sku);
      // Dropped ones, and any moved one `into` gained meanwhile (UPDATE OR IGNORE left it): `into`'s wins.
      for (const sku of [...merge.dropMappings, ...merge.moveMappings]) this.dropMapping.run(merge.from, sku);
    });
  }

  async findAll(identities: readonly string[]): Promise<Map<string, string>> {
    const rows = translateSqliteErrors(() => this.selectIdentities.all(listParam(identities)));
    return new Map(rows.map((row) => [row.identity, row.supplier_key]));
  }

  async linkNew(links: readonly SupplierLink[]): Promise<void> {
    translateSqliteErrors(() => this.linkTransaction.immediate(links));
  }

  async listIdentities(supplierKey: string): Promise<string[]> {
    return translateSqliteErrors(() => this.selectBySupplier.all(supplierKey)).map((row) => row.identity);
  }

  async writeMerge(merge: SupplierMergeWrite): Promise<void> {
    translateSqliteErrors(() => this.mergeTransaction.immediate(merge));
  }

  async nameSupplier(name: SupplierName): Promise<void> {
    translateSqliteErrors(() => this.upsertName(name));
  }

  async displayNames(supplierKeys: readonly string[]): Promise<Map<string, string>> {
    const rows = translateSqliteErrors(() => this.selectNames.all(listParam(supplierKeys)));
    return new Map(rows.map((row) => [row.supplier_key, row.display_name]));
  }
}

/**
 * Remembers a supplier's name on this connection, in whatever transaction is open (the ledger's apply writes
 * it in its own). ISO timestamps in UTC order as text; an older sighting written late leaves the later name.
 */
export function prepareNameUpsert(db: SqliteDatabase): (name: SupplierName) => void {
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO supplier_names (supplier_key, display_name, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (supplier_key) DO UPDATE SET display_name = excluded.display_name, seen_at = excluded.seen_at
     WHERE excluded.seen_at >= supplier_names.seen_at`,
  );
  return (name) => {
    upsert.run(name.supplierKey, name.displayName, name.seenAt);
  };
}
