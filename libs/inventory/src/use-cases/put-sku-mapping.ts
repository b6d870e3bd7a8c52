import type { PutSkuMappingRequest, SkuMapping } from '@invoice/contracts';
import { UNIT_PACK_SIZE } from '../pack-size';
import type { SkuMappingKey } from '../ports/sku-mapping-repository.port';
import type { InventoryPorts } from './deps';

/**
 * Creates or replaces one mapping from the Mappings screen and answers it as stored (its lastUsedAt kept).
 * The key is used exactly as given: the screen sends the supplierKey it was listed under.
 */
export async function putSkuMapping(
  deps: Pick<InventoryPorts, 'skuMappings' | 'clock'>,
  key: SkuMappingKey,
  request: PutSkuMappingRequest,
): Promise<SkuMapping> {
  const supplierSku = key.supplierSku.trim();
  await deps.skuMappings.saveAll([
    {
      supplierKey: key.supplierKey,
      supplierSku,
      inventorySku: request.inventorySku.trim(),
      packSize: request.packSize ?? UNIT_PACK_SIZE,
      updatedAt: deps.clock.now().toISOString(),
    },
  ]);
  const stored = (await deps.skuMappings.listBySupplier(key.supplierKey)).find((mapping) => mapping.supplierSku === supplierSku);
  if (!stored) throw new Error(`The mapping of ${supplierSku} for ${key.supplierKey} was saved but cannot be read back`);
  return stored;
}
