import type { CatalogueItem } from '@invoice/contracts';
import { DomainError } from '../errors';
import type { InventoryPorts } from './deps';

export async function getItem(deps: Pick<InventoryPorts, 'items'>, sku: string): Promise<CatalogueItem> {
  const item = await deps.items.get(sku);
  if (!item) throw itemNotFound(sku);
  return item;
}

export function itemNotFound(sku: string): DomainError {
  return new DomainError('ITEM_NOT_FOUND', `The item catalogue has no item with SKU ${sku}.`, { sku });
}
