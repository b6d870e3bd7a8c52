import type { SkuMapping } from '@invoice/contracts';
import { compareText, containsText } from './text-compare';

/** Whether a mapping matches the Mappings screen's search text: its supplierSku or inventorySku contains it (see containsText). */
export function mappingMatchesText(mapping: Pick<SkuMapping, 'supplierSku' | 'inventorySku'>, text: string | undefined): boolean {
  return containsText([mapping.supplierSku, mapping.inventorySku], text);
}

/** Orders mappings by supplierKey, then supplierSku, by code point (see compareText). */
export function compareMappings(a: Pick<SkuMapping, 'supplierKey' | 'supplierSku'>, b: Pick<SkuMapping, 'supplierKey' | 'supplierSku'>): number {
  return compareText(a.supplierKey, b.supplierKey) || compareText(a.supplierSku, b.supplierSku);
}
