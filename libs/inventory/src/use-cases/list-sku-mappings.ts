import type { SkuMapping } from '@invoice/contracts';
import { supplierKeyOf } from '../supplier-key';
import type { InventoryPorts } from './deps';

export interface SkuMappingQuery {
  /** A supplierKey, or any spelling of the supplier's name; every supplier's mappings when left out. */
  supplier?: string;
  /** Text the supplierSku or the inventorySku contains, in any case. */
  q?: string;
}

/** The remembered mappings matching the query, ordered by supplierKey, then supplierSku. */
export async function listSkuMappings(deps: Pick<InventoryPorts, 'skuMappings'>, query: SkuMappingQuery): Promise<SkuMapping[]> {
  const text = query.q?.trim() || undefined;
  if (query.supplier === undefined) return deps.skuMappings.search({ text });
  const supplierKey = supplierKeyOf(query.supplier);
  return supplierKey === null ? [] : deps.skuMappings.search({ supplierKey, text });
}
