import type { CatalogueItem } from '@invoice/contracts';
import { compareText, containsText } from '../text-compare';

/** The catalogue's text search: the item's SKU or name contains the query (see containsText). */
export function itemMatches(item: Pick<CatalogueItem, 'sku' | 'name'>, query: string | undefined): boolean {
  return containsText([item.sku, item.name], query);
}

/** Items are ordered by SKU, by code point (see compareText), in every store. */
export const compareSkus = compareText;

/** What a catalogue created before items existed says about a stock row it had: named after its SKU, in pieces. */
export const LEGACY_ITEM_UNIT = 'pcs';
