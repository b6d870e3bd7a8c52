import type { SkuMapping } from '@invoice/contracts';

/**
 * Whether a mapping matches the Mappings screen's search text: its supplierSku or inventorySku contains the
 * text, compared in lower case. Every adapter filters with this one definition, since the stores' own
 * case-insensitive comparisons differ (SQLite's LIKE folds ASCII only; DynamoDB's contains folds nothing).
 */
export function mappingMatchesText(mapping: Pick<SkuMapping, 'supplierSku' | 'inventorySku'>, text: string | undefined): boolean {
  if (text === undefined || text === '') return true;
  const needle = text.toLowerCase();
  return mapping.supplierSku.toLowerCase().includes(needle) || mapping.inventorySku.toLowerCase().includes(needle);
}

/** Orders mappings by supplierKey, then supplierSku, as JavaScript compares strings (not by UTF-8 bytes or collation). */
export function compareMappings(a: Pick<SkuMapping, 'supplierKey' | 'supplierSku'>, b: Pick<SkuMapping, 'supplierKey' | 'supplierSku'>): number {
  return compareStrings(a.supplierKey, b.supplierKey) || compareStrings(a.supplierSku, b.supplierSku);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
