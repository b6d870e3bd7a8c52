import type { SkuMapping } from '@invoice/contracts';

/** A mapping as written: when it was last used is kept by the store, not sent by the writer. */
export type SkuMappingWrite = Omit<SkuMapping, 'lastUsedAt'>;

/** Names one mapping. */
export interface SkuMappingKey {
  supplierKey: string;
  supplierSku: string;
}

export interface SkuMappingSearch {
  /** Only this supplier's mappings; every supplier's when left out. Matched exactly. */
  supplierKey?: string;
  /** Only mappings whose supplierSku or inventorySku contains this text, as mappingMatchesText decides. */
  text?: string;
}

/**
 * Remembered translations of a supplier's SKUs into inventory SKUs (with how many inventory units one
 * supplier unit is), one per (supplierKey, supplierSku). Written from a saved review or the Mappings screen,
 * read when a review of the same supplier's next invoice is built.
 */
export interface SkuMappingRepository {
  /**
   * Inserts each mapping, or replaces the one with the same supplierKey and supplierSku (last write wins),
   * keeping the replaced one's lastUsedAt: the supplier SKU is the same row of the Mappings screen.
   * Keys are matched exactly; callers normalise them first.
   */
  saveAll(mappings: readonly SkuMappingWrite[]): Promise<void>;
  /** Every mapping of one supplier, ordered by supplierSku; empty for an unknown supplier. */
  listBySupplier(supplierKey: string): Promise<SkuMapping[]>;
  /** The mappings matching the search, ordered by supplierKey, then supplierSku (by code point: compareMappings). */
  search(query: SkuMappingSearch): Promise<SkuMapping[]>;
  /** Removes one mapping; false when there was none. */
  delete(key: SkuMappingKey): Promise<boolean>;
  /**
   * Sets lastUsedAt to `at` on each named mapping that exists and was not used later; a key with no mapping
   * (deleted meanwhile) is skipped, never created.
   */
  markUsed(keys: readonly SkuMappingKey[], at: string): Promise<void>;
}
