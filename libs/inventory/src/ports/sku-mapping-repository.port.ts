import type { SkuMapping } from '@invoice/contracts';

/**
 * Remembered translations of a supplier's SKUs into inventory SKUs, one per (supplierKey, supplierSku).
 * Written from a saved review, read when a review of the same supplier's next invoice is built.
 */
export interface SkuMappingRepository {
  /**
   * Inserts each mapping, or replaces the one with the same supplierKey and supplierSku (last write wins).
   * Keys are matched exactly; callers normalise them first.
   */
  saveAll(mappings: readonly SkuMapping[]): Promise<void>;
  /** Every mapping of one supplier, ordered by supplierSku; empty for an unknown supplier. */
  listBySupplier(supplierKey: string): Promise<SkuMapping[]>;
}
