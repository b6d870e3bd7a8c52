import type { PutSkuMappingRequest, SkuMapping } from '@invoice/contracts';
import type { SkuMappingKey } from '../ports/sku-mapping-repository.port';
import type { InventoryPorts } from './deps';
import { deleteSkuMapping } from './delete-sku-mapping';
import { mappingKeyOf } from './mapping-key';
import { putSkuMapping } from './put-sku-mapping';
import { recordAudit, type AuditContext } from './record-audit';

type MappingPorts = Pick<InventoryPorts, 'skuMappings' | 'clock' | 'audit' | 'newId'>;

/** What a mapping maps to, as an entry shows it before and after an edit. */
interface MappedTo {
  inventorySku: string;
  packSize: string;
}

/**
 * putSkuMapping, recorded as `mapping.put` with the mapping as stored and the one it replaced (null for a
 * new one). The previous one is read just before the write; mappings are last-write-wins memory, so an edit
 * racing this one may have been what was replaced, which the two entries' order shows.
 */
export async function putSkuMappingAndRecord(
  deps: MappingPorts,
  key: SkuMappingKey,
  request: PutSkuMappingRequest,
  context: AuditContext,
): Promise<SkuMapping> {
  const previous = await mappedTo(deps, key);
  const stored = await putSkuMapping(deps, key, request);
  await recordAudit(deps, context, {
    action: 'mapping.put',
    jobId: null,
    change: {
      supplierKey: stored.supplierKey,
      supplierSku: stored.supplierSku,
      inventorySku: stored.inventorySku,
      packSize: stored.packSize,
      previous,
    },
  });
  return stored;
}

/** deleteSkuMapping, recorded as `mapping.delete` with what the mapping mapped to. A delete of none (MAPPING_NOT_FOUND) is not. */
export async function deleteSkuMappingAndRecord(deps: MappingPorts, key: SkuMappingKey, context: AuditContext): Promise<void> {
  const previous = await mappedTo(deps, key);
  await deleteSkuMapping(deps, key);
  const { supplierKey, supplierSku } = mappingKeyOf(key);
  await recordAudit(deps, context, { action: 'mapping.delete', jobId: null, change: { supplierKey, supplierSku, previous } });
}

async function mappedTo(deps: Pick<InventoryPorts, 'skuMappings'>, key: SkuMappingKey): Promise<MappedTo | null> {
  const { supplierKey, supplierSku } = mappingKeyOf(key);
  const mapping = (await deps.skuMappings.listBySupplier(supplierKey)).find((candidate) => candidate.supplierSku === supplierSku);
  return mapping ? { inventorySku: mapping.inventorySku, packSize: mapping.packSize } : null;
}
