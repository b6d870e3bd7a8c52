import type { SkuMapping } from '@invoice/contracts';
import { supplierKeyOf } from '../supplier-key';
import type { InventoryPorts } from './deps';

/** The remembered mappings of a supplier, named by its key or by any spelling of its name. */
export async function listSkuMappings(deps: Pick<InventoryPorts, 'skuMappings'>, supplier: string): Promise<SkuMapping[]> {
  const supplierKey = supplierKeyOf(supplier);
  return supplierKey === null ? [] : deps.skuMappings.listBySupplier(supplierKey);
}
