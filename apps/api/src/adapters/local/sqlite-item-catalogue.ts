import type { CatalogueItem } from '@invoice/contracts';
import {
  itemConflict,
  itemExists,
  itemMatches,
  itemNotFound,
  type ImportOutcome,
  type ItemCatalogue,
  type ItemChanges,
  type ItemFields,
  type ItemListOptions,
  type ItemPage,
} from '@invoice/inventory';
import { decodePageCursor, encodePageCursor } from '../page-cursor';
import { isSqliteConstraint, type SqliteDatabase } from './sqlite-database';
import { IN_LIST, listParam } from './sqlite-in-list';
import { translateSqliteErrors } from './sqlite-errors';

interface ItemRow {
  sku: string;
  name: string;
  unit: string;
  gtin: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}


/**
 * Catalogue items in the `items` table of the jobs' SQLite file, keyed by SKU (the migration made every
 * stock row an item). Versions are checked by the UPDATE's WHERE clause; an import is one transaction.
 * The text search runs as a JavaScript function registered on the connection, so it folds case exactly as
 * itemMatches does for every other store (SQLite's lower() folds ASCII only).
 */
export class SqliteItemCatalogue implements ItemCatalogue {
  private readonly insert;
  private readonly updateRow;
  private readonly selectOne;
  private readonly selectPage;
  private readonly selectAll;
  private readonly importTransaction;
  private readonly selectKnown;

  constructor(private readonly db: SqliteDatabase) {
    db.function('item_matches', { deterministic: true }, (sku, name, query) =>
      itemMatches({ sku: String(sku), name: String(name) }, String(query)) ? 1 : 0,
    );
    this.selectKnown = db.prepare<[string], { sku: string }>(`SELECT sku FROM items WHERE sku ${IN_LIST}`);
    this.insert = db.prepare('INSERT INTO items (sku, name, unit, gtin, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 1)');
    this.updateRow = db.prepare<[string, string, string | null, string, string, number]>(
      'UPDATE items SET name = ?, unit = ?, gtin = ?, updated_at = ?, version = version + 1 WHERE sku = ? AND version = ?',
    );
    this.selectOne = db.prepare<[string], ItemRow>('SELECT sku, name, unit, gtin, created_at, updated_at, version FROM items WHERE sku = ?');
    this.selectPage = db.prepare<[string, string, number], ItemRow>(
      `SELECT sku, name, unit, gtin, created_at, updated_at, version FROM items
       WHERE sku > ? AND item_matches(sku, name, ?) ORDER BY sku LIMIT ?`,
    );
    this.selectAll = db.prepare<[], ItemRow>('SELECT sku, name, unit, gtin, created_at, updated_at, version FROM items ORDER BY sku');
    this.importTransaction = db.transaction((items: readonly ItemFields[], at: string): ImportOutcome => {
      const outcome = { created: 0, updated: 0 };
      for (const item of items) {
        const stored = this.selectOne.get(item.sku);
        if (!stored) {
          this.insert.run(item.sku, item.name, item.unit, item.gtin, at, at);
          outcome.created += 1;
        } else if (!sameFields(stored, item)) {
          this.updateRow.run(item.name, item.unit, item.gtin, at, item.sku, stored.version);
          outcome.updated += 1;
        }
      }
      return outcome;
    });
  }

  async create(item: ItemFields, at: string): Promise<CatalogueItem> {
    try {
      translateSqliteErrors(() => this.insert.run(item.sku, item.name, item.unit, item.gtin, at, at));
    } catch (error) {
      if (isSqliteConstraint(error, 'PRIMARYKEY')) throw itemExists(item.sku, error);
      throw error;
    }
    return { ...item, createdAt: at, updatedAt: at, version: 1 };
  }

  async update(sku: string, changes: ItemChanges, expectedVersion: number, at: string): Promise<CatalogueItem> {
    const { changes: written } = translateSqliteErrors(() => this.updateRow.run(changes.name, changes.unit, changes.gtin, at, sku, expectedVersion));
    if (written === 0) {
      const stored = translateSqliteErrors(() => this.selectOne.get(sku));
      if (!stored) throw itemNotFound(sku);
      throw itemConflict(sku, expectedVersion, stored.version);
    }
    const stored = translateSqliteErrors(() => this.selectOne.get(sku));
    if (!stored) throw itemNotFound(sku);
    return fromRow(stored);
  }

  async get(sku: string): Promise<CatalogueItem | null> {
    const row = translateSqliteErrors(() => this.selectOne.get(sku));
    return row ? fromRow(row) : null;
  }

  async list(options: ItemListOptions): Promise<ItemPage> {
    const query = options.query ?? '';
    const after = options.cursor === undefined ? '' : decodePageCursor(options.cursor, query);
    // One row more than asked says whether there is a next page.
    const rows = translateSqliteErrors(() => this.selectPage.all(after, query, options.limit + 1));
    const items = rows.slice(0, options.limit).map(fromRow);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > options.limit && last ? encodePageCursor(last.sku, query) : null };
  }

  async all(): Promise<CatalogueItem[]> {
    return translateSqliteErrors(() => this.selectAll.all()).map(fromRow);
  }

  async findMissing(skus: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(skus)];
    const found = new Set(translateSqliteErrors(() => this.selectKnown.all(listParam(wanted))).map((row) => row.sku));
    return wanted.filter((sku) => !found.has(sku));
  }

  async importAll(items: readonly ItemFields[], at: string): Promise<ImportOutcome> {
    return translateSqliteErrors(() => this.importTransaction.immediate(items, at));
  }
}

function sameFields(stored: ItemRow, item: ItemFields): boolean {
  return stored.name === item.name && stored.unit === item.unit && stored.gtin === item.gtin;
}

function fromRow(row: ItemRow): CatalogueItem {
  return { sku: row.sku, name: row.name, unit: row.unit, gtin: row.gtin, createdAt: row.created_at, updatedAt: row.updated_at, version: row.version };
}
