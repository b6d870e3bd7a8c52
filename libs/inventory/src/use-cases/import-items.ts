import { itemsFromCsv, itemsToCsv } from '../catalogue/items-csv';
import type { ImportOutcome, ItemFields } from '../ports/item-catalogue.port';
import type { InventoryPorts } from './deps';

/**
 * Creates and updates catalogue items from a CSV, all or nothing: every row is checked before anything is
 * written, and a bad row fails the whole import with VALIDATION_FAILED naming its row.
 */
export async function importItems(deps: Pick<InventoryPorts, 'items' | 'clock'>, csv: string): Promise<ImportOutcome> {
  return importCheckedItems(deps, itemsFromCsv(csv));
}

/** Writes items already read and checked by itemsFromCsv (importItemsAndRecord records their SKUs too). */
export async function importCheckedItems(deps: Pick<InventoryPorts, 'items' | 'clock'>, items: readonly ItemFields[]): Promise<ImportOutcome> {
  if (items.length === 0) return { created: 0, updated: 0 };
  return deps.items.importAll(items, deps.clock.now().toISOString());
}

/** The whole catalogue as CSV, the format importItems reads. */
export async function exportItems(deps: Pick<InventoryPorts, 'items'>): Promise<string> {
  return itemsToCsv(await deps.items.all());
}
