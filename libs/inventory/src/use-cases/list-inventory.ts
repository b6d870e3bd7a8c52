import type { InventoryItem } from '@invoice/contracts';
import type { InventoryPorts } from './deps';

export async function listInventory(deps: Pick<InventoryPorts, 'ledger'>): Promise<InventoryItem[]> {
  return deps.ledger.listStock();
}
