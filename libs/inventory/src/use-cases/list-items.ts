import type { ItemPage } from '../ports/item-catalogue.port';
import type { InventoryPorts } from './deps';

export const DEFAULT_ITEMS_PAGE_SIZE = 50;

/** A page of the catalogue ordered by SKU, optionally only the items whose SKU or name contains `query`. */
export async function listItems(deps: Pick<InventoryPorts, 'items'>, options: { query?: string; limit?: number; cursor?: string }): Promise<ItemPage> {
  return deps.items.list({ query: options.query, limit: options.limit ?? DEFAULT_ITEMS_PAGE_SIZE, cursor: options.cursor });
}
