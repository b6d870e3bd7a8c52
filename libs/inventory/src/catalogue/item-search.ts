import type { CatalogueItem } from '@invoice/contracts';

/** The one definition of the catalogue's text search, so every store answers the same query alike. */
export function itemMatches(item: Pick<CatalogueItem, 'sku' | 'name'>, query: string | undefined): boolean {
  const needle = foldCase(query ?? '').trim();
  if (needle === '') return true;
  return foldCase(item.sku).includes(needle) || foldCase(item.name).includes(needle);
}

function foldCase(text: string): string {
  return text.toLowerCase();
}

/** Items are ordered by SKU as JavaScript compares strings (UTF-16 code units), in every store. */
export function compareSkus(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a catalogue created before items existed says about a stock row it had: named after its SKU, in pieces. */
export const LEGACY_ITEM_UNIT = 'pcs';
