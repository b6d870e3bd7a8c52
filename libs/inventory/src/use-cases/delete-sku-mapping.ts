import { DomainError } from '../errors';
import type { SkuMappingKey } from '../ports/sku-mapping-repository.port';
import type { InventoryPorts } from './deps';
import { mappingKeyOf } from './mapping-key';

/** Forgets one mapping; MAPPING_NOT_FOUND when there is none (also for a repeated delete). */
export async function deleteSkuMapping(deps: Pick<InventoryPorts, 'skuMappings'>, key: SkuMappingKey): Promise<void> {
  const { supplierKey, supplierSku } = mappingKeyOf(key);
  if (await deps.skuMappings.delete({ supplierKey, supplierSku })) return;
  throw new DomainError('MAPPING_NOT_FOUND', `No mapping of ${supplierSku} is remembered for ${supplierKey}.`, { supplierKey, supplierSku });
}
