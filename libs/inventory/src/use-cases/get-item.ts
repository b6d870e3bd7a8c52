import type { CatalogueItem } from '@invoice/contracts';
import { itemNotFound } from '../catalogue/item-errors';
import type { InventoryPorts } from './deps';

export async function getItem(deps: Pick<InventoryPorts, 'items'>, sku: string): Promise<CatalogueItem> {
  const item = await deps.items.get(sku);
  if (!item) throw itemNotFound(sku);
  return item;
}
