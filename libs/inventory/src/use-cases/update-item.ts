import type { CatalogueItem } from '@invoice/contracts';
import { checkedChanges, type ItemInput } from '../catalogue/item-input';
import type { InventoryPorts } from './deps';

/** Edits an item's name, unit and GTIN if it is still at `expectedVersion`; ITEM_NOT_FOUND, ITEM_CONFLICT otherwise. */
export async function updateItem(
  deps: Pick<InventoryPorts, 'items' | 'clock'>,
  sku: string,
  changes: Omit<ItemInput, 'sku'>,
  expectedVersion: number,
): Promise<CatalogueItem> {
  return deps.items.update(sku, checkedChanges(sku, changes), expectedVersion, deps.clock.now().toISOString());
}
