import type { CatalogueItem } from '@invoice/contracts';
import type { ItemInput } from '../catalogue/item-input';
import { itemsFromCsv } from '../catalogue/items-csv';
import type { ImportOutcome } from '../ports/item-catalogue.port';
import { boundedList } from './audit-change';
import { createItem } from './create-item';
import type { InventoryPorts } from './deps';
import { importCheckedItems } from './import-items';
import { recordAudit, type AuditContext } from './record-audit';
import { updateItem } from './update-item';

type CataloguePorts = Pick<InventoryPorts, 'items' | 'clock' | 'audit' | 'newId'>;

/** The fields an edit may change, in the order an entry lists them. */
const EDITABLE_FIELDS = ['name', 'unit', 'gtin'] as const;

/** createItem, recorded as `item.create` with the item as stored. */
export async function createItemAndRecord(deps: CataloguePorts, input: ItemInput, context: AuditContext): Promise<CatalogueItem> {
  const item = await createItem(deps, input);
  await recordAudit(deps, context, {
    action: 'item.create',
    jobId: null,
    at: item.updatedAt,
    change: { sku: item.sku, name: item.name, unit: item.unit, gtin: item.gtin, version: item.version },
  });
  return item;
}

/**
 * updateItem, recorded as `item.update` with each field it changed, old and new. The old item is read first;
 * the update's version check guarantees it is the one replaced (a stale read fails the update with
 * ITEM_CONFLICT). An edit that changes no field is recorded too, with no fields: it still moved the version.
 */
export async function updateItemAndRecord(
  deps: CataloguePorts,
  sku: string,
  changes: Omit<ItemInput, 'sku'>,
  expectedVersion: number,
  context: AuditContext,
): Promise<CatalogueItem> {
  const before = await deps.items.get(sku);
  const item = await updateItem(deps, sku, changes, expectedVersion);
  const fields: Record<string, { from: string | null; to: string | null }> = {};
  for (const field of EDITABLE_FIELDS) {
    const from = before?.[field] ?? null;
    if (from !== item[field]) fields[field] = { from, to: item[field] };
  }
  await recordAudit(deps, context, { action: 'item.update', jobId: null, at: item.updatedAt, change: { sku: item.sku, version: item.version, fields } });
  return item;
}

/**
 * importItems, recorded as `item.import` with what it created and updated and the SKUs the CSV holds (the
 * first MAX_AUDITED_NAMES). An import that changed nothing (every row equal to its item) is not recorded.
 */
export async function importItemsAndRecord(deps: CataloguePorts, csv: string, context: AuditContext): Promise<ImportOutcome> {
  const items = itemsFromCsv(csv);
  const outcome = await importCheckedItems(deps, items);
  if (outcome.created + outcome.updated > 0) {
    await recordAudit(deps, context, {
      action: 'item.import',
      jobId: null,
      change: { created: outcome.created, updated: outcome.updated, rowCount: items.length, ...boundedList('skus', items.map((item) => item.sku)) },
    });
  }
  return outcome;
}
