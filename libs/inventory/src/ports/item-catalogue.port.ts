import type { CatalogueItem } from '@invoice/contracts';

/** An item as entered: what create and import write (surrounding spaces already dropped, GTIN checked). */
export interface ItemFields {
  sku: string;
  name: string;
  unit: string;
  gtin: string | null;
}

/** What an edit may change: everything but the SKU, which is the item's identity. */
export type ItemChanges = Omit<ItemFields, 'sku'>;

export interface ItemPage {
  items: CatalogueItem[];
  /** Opaque; pass it back to get the next page. null when there is none. */
  nextCursor: string | null;
}

export interface ItemListOptions {
  /** Keeps the items whose SKU or name contains it, case folded (see itemMatches); empty or absent keeps all. */
  query?: string;
  limit: number;
  cursor?: string;
}

export interface ImportOutcome {
  created: number;
  /** Existing items whose name, unit or GTIN the import changed; rows equal to the stored item are not written. */
  updated: number;
}

/**
 * The catalogue of inventory items, keyed by SKU: the SKUs stock may be applied to. Items are never deleted,
 * so a SKU found here stays valid for an apply that checked it. Every stock row that existed before the
 * catalogue reads as an item named after its SKU, counted in "pcs".
 */
export interface ItemCatalogue {
  /** Inserts a new item at version 1; throws DomainError ITEM_EXISTS when the SKU is taken. */
  create(item: ItemFields, at: string): Promise<CatalogueItem>;
  /**
   * Replaces name, unit and GTIN only if the stored version is still `expectedVersion` (then version + 1);
   * throws ITEM_NOT_FOUND for an unknown SKU and ITEM_CONFLICT (details.currentVersion) for a stale version.
   */
  update(sku: string, changes: ItemChanges, expectedVersion: number, at: string): Promise<CatalogueItem>;
  /** The item, or null. The SKU is matched exactly. */
  get(sku: string): Promise<CatalogueItem | null>;
  /** Ordered by SKU. A cursor this catalogue did not issue throws DomainError VALIDATION_FAILED. */
  list(options: ItemListOptions): Promise<ItemPage>;
  /** Every item, ordered by SKU (the CSV export). */
  all(): Promise<CatalogueItem[]>;
  /** The SKUs of `skus` that name no item, each once, in the order given. */
  findMissing(skus: readonly string[]): Promise<string[]>;
  /**
   * Creates the items whose SKU is new and updates the others (version + 1), all or nothing; SKUs are
   * unique within `items` (the caller checks). An item changed by someone else while the import is being
   * written throws ITEM_CONFLICT and writes nothing.
   */
  importAll(items: readonly ItemFields[], at: string): Promise<ImportOutcome>;
}
