import type { CatalogueItem } from '@invoice/contracts';
import { checkedItem, type ItemInput } from '../catalogue/item-input';
import type { InventoryPorts } from './deps';

/** Adds an item to the catalogue (version 1); ITEM_EXISTS when its SKU is taken, VALIDATION_FAILED when a field is not valid. */
export async function createItem(deps: Pick<InventoryPorts, 'items' | 'clock'>, input: ItemInput): Promise<CatalogueItem> {
  return deps.items.create(checkedItem(input), deps.clock.now().toISOString());
}
