import type { PutSkuMappingRequest, SkuMapping } from '@invoice/contracts';
import { UNIT_PACK_SIZE } from '../pack-size';
import type { SkuMappingKey } from '../ports/sku-mapping-repository.port';
import type { InventoryPorts } from './deps';
import { mappingKeyOf } from './mapping-key';

/**
 * Creates or replaces one mapping from the Mappings screen and answers it as stored (its lastUsedAt kept).
 * The supplier is folded into a key as reviews fold it: a listed supplierKey stays what it is.
 */
export async function putSkuMapping(
  deps: Pick<InventoryPorts, 'skuMappings' | 'clock'>,
  key: SkuMappingKey,
  request: PutSkuMappingRequest,
): Promise<SkuMapping> {
  const { supplierKey, supplierSku } = mappingKeyOf(key);
  await deps.skuMappings.saveAll([
    {
      supplierKey,
      supplierSku,
      inventorySku: request.inventorySku.trim(),
      packSize: request.packSize ?? UNIT_PACK_SIZE,
      updatedAt: deps.clock.now().toISOString(),
    },
  ]);
  const stored = (await deps.skuMappings.listBySupplier(supplierKey)).find((mapping) => mapping.supplierSku === supplierSku);
  if (!stored) throw new Error(`The mapping of ${supplierSku} for ${supplierKey} was saved but cannot be read back`);
  return stored;
}
