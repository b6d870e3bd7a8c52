import { DomainError } from '../errors';
import type { SkuMappingKey } from '../ports/sku-mapping-repository.port';
import { supplierKeyOf } from '../supplier-key';

/**
 * The mapping a path names: the supplier as a key (a key, or any spelling of the name, folded the way keys
 * are, so nothing can be written outside the keys reviews use) and the supplier SKU without surrounding spaces.
 */
export function mappingKeyOf(key: SkuMappingKey): SkuMappingKey {
  const supplierKey = supplierKeyOf(key.supplierKey);
  if (supplierKey === null) {
    throw new DomainError('VALIDATION_FAILED', 'The path does not name a supplier.', {
      issues: [{ path: '/supplierKey', message: 'has no letters or digits, so it names no supplier' }],
    });
  }
  return { supplierKey, supplierSku: key.supplierSku.trim() };
}
