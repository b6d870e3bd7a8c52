import type { SupplierMappings } from '@invoice/contracts';
import type { InventoryPorts } from './deps';

/**
 * Every supplier with remembered mappings, the latest name it was seen under, how many mappings, and when an
 * apply last used one of them: what the Mappings screen offers to pick from. Counted from the mappings
 * themselves, so it can never disagree with them.
 */
export async function listSuppliers(deps: Pick<InventoryPorts, 'skuMappings' | 'suppliers'>): Promise<SupplierMappings[]> {
  const suppliers = new Map<string, SupplierMappings>();
  for (const mapping of await deps.skuMappings.search({})) {
    const entry = suppliers.get(mapping.supplierKey) ?? { supplierKey: mapping.supplierKey, displayName: null, mappingCount: 0, lastUsedAt: null };
    entry.mappingCount += 1;
    // ISO timestamps in UTC with the same precision order as text.
    if (mapping.lastUsedAt !== null && (entry.lastUsedAt === null || mapping.lastUsedAt > entry.lastUsedAt)) entry.lastUsedAt = mapping.lastUsedAt;
    suppliers.set(mapping.supplierKey, entry);
  }
  // A supplier whose mappings were only ever entered on the Mappings screen was never seen on an invoice: no name.
  const names = suppliers.size === 0 ? new Map<string, string>() : await deps.suppliers.displayNames([...suppliers.keys()]);
  for (const entry of suppliers.values()) entry.displayName = names.get(entry.supplierKey) ?? null;
  // search answers in supplierKey order, and a Map keeps the order of first insertion.
  return [...suppliers.values()];
}
