import {
  ConditionalCheckFailedException,
  GetItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { CatalogueItem } from '@invoice/contracts';
import {
  compareSkus,
  itemConflict,
  itemExists,
  itemMatches,
  itemNotFound,
  LEGACY_ITEM_UNIT,
  type ImportOutcome,
  type ItemCatalogue,
  type ItemChanges,
  type ItemFields,
  type ItemListOptions,
  type ItemPage,
} from '@invoice/inventory';
import { decodePageCursor, encodePageCursor } from '../page-cursor';
import { isConditionFailure, MAX_TRANSACTION_ACTIONS, transactWrite } from './dynamodb-transaction';

type Item = Record<string, AttributeValue>;

/** GetItem calls findMissing sends at once (the API's role may GetItem the inventory table, not BatchGetItem). */
const PARALLEL_READS = 25;

/**
 * The catalogue lives on the inventory table's rows (key sku), beside the ledger's `quantity` and
 * `updatedAt`, under attribute names of its own (itemName, itemUnit, itemGtin, itemCreatedAt, itemUpdatedAt,
 * itemVersion), so no new table, role or rehearsal step is needed and neither writer clobbers the other:
 * the ledger only ADDs quantity and SETs updatedAt, the catalogue only SETs (or REMOVEs) its own attributes,
 * always with UpdateItem, never a Put that would replace the row.
 *
 * Migration is lazy, and nothing is lost: every row of the table is an item. A row the ledger wrote before the
 * catalogue existed has no item attributes and reads as an item named after its SKU, counted in "pcs", at
 * version 1, dated by its last stock change; its first edit writes the attributes. A row the catalogue
 * created has no quantity until stock is applied to it, and the ledger's listStock and getStock skip it.
 *
 * Listing scans the table (already what listStock does) and pages in memory: the cursor is the last SKU of
 * the page, so a page is exact whatever was written between two requests.
 */
export class DynamoDbItemCatalogue implements ItemCatalogue {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async create(item: ItemFields, at: string): Promise<CatalogueItem> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { sku: { S: item.sku } },
          ...writeFields(item, { createdAt: at, updatedAt: at, version: 1 }),
          ConditionExpression: 'attribute_not_exists(sku)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw itemExists(item.sku, error);
      throw error;
    }
    return { ...item, createdAt: at, updatedAt: at, version: 1 };
  }

  async update(sku: string, changes: ItemChanges, expectedVersion: number, at: string): Promise<CatalogueItem> {
    const stored = await this.get(sku);
    if (!stored) throw itemNotFound(sku);
    if (stored.version !== expectedVersion) throw itemConflict(sku, expectedVersion, stored.version);
    const next: CatalogueItem = { sku, ...changes, createdAt: stored.createdAt, updatedAt: at, version: expectedVersion + 1 };
    try {
      await this.client.send(new UpdateItemCommand({ TableName: this.tableName, Key: { sku: { S: sku } }, ...guarded(writeFields(next, next), expectedVersion) }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Someone else's edit landed between the read and the write.
      throw itemConflict(sku, expectedVersion, (await this.get(sku))?.version ?? null, error);
    }
    return next;
  }

  async get(sku: string): Promise<CatalogueItem | null> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { sku: { S: sku } }, ConsistentRead: true }));
    return Item ? toCatalogueItem(Item) : null;
  }

  async list(options: ItemListOptions): Promise<ItemPage> {
    const query = options.query ?? '';
    const after = options.cursor === undefined ? null : decodePageCursor(options.cursor, query);
    const matching = (await this.all()).filter((item) => (after === null || compareSkus(item.sku, after) > 0) && itemMatches(item, query));
    const items = matching.slice(0, options.limit);
    const last = items.at(-1);
    return { items, nextCursor: matching.length > options.limit && last ? encodePageCursor(last.sku, query) : null };
  }

  async all(): Promise<CatalogueItem[]> {
    const items: CatalogueItem[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(new ScanCommand({ TableName: this.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []).map(toCatalogueItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => compareSkus(a.sku, b.sku));
  }

  async findMissing(skus: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(skus)];
    const missing = new Set<string>();
    for (let start = 0; start < wanted.length; start += PARALLEL_READS) {
      const chunk = wanted.slice(start, start + PARALLEL_READS);
      const found = await Promise.all(
        chunk.map((sku) =>
          this.client.send(
            new GetItemCommand({ TableName: this.tableName, Key: { sku: { S: sku } }, ConsistentRead: true, ProjectionExpression: 'sku' }),
          ),
        ),
      );
      found.forEach((answer, index) => {
        if (!answer.Item) missing.add(chunk[index] as string);
      });
    }
    return wanted.filter((sku) => missing.has(sku));
  }

  /**
   * Each write is conditioned on the row as read before (absent, or at the version read), so a concurrent
   * edit cancels the import with ITEM_CONFLICT instead of being overwritten. An import of up to 100 changed
   * items is one TransactWriteItems, all or nothing; a larger one is written in transactions of 100, in SKU
   * order. Every row is validated before the first of them, so only a failure of the store itself, or a
   * concurrent edit, can stop it part way; it is an upsert, so sending the same CSV again completes it.
   */
  async importAll(items: readonly ItemFields[], at: string): Promise<ImportOutcome> {
    const stored = new Map((await this.all()).map((item) => [item.sku, item]));
    const outcome = { created: 0, updated: 0 };
    const writes: { sku: string; action: TransactWriteItem }[] = [];
    for (const item of [...items].sort((a, b) => compareSkus(a.sku, b.sku))) {
      const before = stored.get(item.sku);
      if (!before) {
        outcome.created += 1;
        const fields = writeFields(item, { createdAt: at, updatedAt: at, version: 1 });
        writes.push({ sku: item.sku, action: { Update: { TableName: this.tableName, Key: { sku: { S: item.sku } }, ...fields, ConditionExpression: 'attribute_not_exists(sku)' } } });
      } else if (before.name !== item.name || before.unit !== item.unit || before.gtin !== item.gtin) {
        outcome.updated += 1;
        const fields = writeFields(item, { createdAt: before.createdAt, updatedAt: at, version: before.version + 1 });
        writes.push({ sku: item.sku, action: { Update: { TableName: this.tableName, Key: { sku: { S: item.sku } }, ...guarded(fields, before.version) } } });
      }
    }
    for (let start = 0; start < writes.length; start += MAX_TRANSACTION_ACTIONS) {
      const chunk = writes.slice(start, start + MAX_TRANSACTION_ACTIONS);
      const result = await transactWrite(this.client, chunk.map((write) => write.action));
      if (!result.committed) {
        const failed = chunk[result.reasons.findIndex(isConditionFailure)] ?? chunk[0];
        throw itemConflict(failed?.sku ?? '?', null, (await this.get(failed?.sku ?? ''))?.version ?? null, result.error);
      }
    }
    return outcome;
  }
}

/** The UpdateItem expression writing an item's attributes; a null GTIN is removed rather than stored. */
function writeFields(item: Pick<CatalogueItem, 'name' | 'unit' | 'gtin'>, meta: Pick<CatalogueItem, 'createdAt' | 'updatedAt' | 'version'>) {
  const values: Item = {
    ':name': { S: item.name },
    ':unit': { S: item.unit },
    ':created': { S: meta.createdAt },
    ':updated': { S: meta.updatedAt },
    ':version': { N: String(meta.version) },
  };
  const set = ['itemName = :name', 'itemUnit = :unit', 'itemCreatedAt = :created', 'itemUpdatedAt = :updated', 'itemVersion = :version'];
  if (item.gtin !== null) {
    set.push('itemGtin = :gtin');
    values[':gtin'] = { S: item.gtin };
  }
  return {
    UpdateExpression: `SET ${set.join(', ')}${item.gtin === null ? ' REMOVE itemGtin' : ''}`,
    ExpressionAttributeValues: values,
  };
}

/** The write, if the row is still at `version`; a row never edited (no itemVersion) is at version 1. */
function guarded(fields: ReturnType<typeof writeFields>, version: number) {
  return {
    ...fields,
    ConditionExpression:
      version === 1 ? 'attribute_exists(sku) AND (attribute_not_exists(itemVersion) OR itemVersion = :expected)' : 'itemVersion = :expected',
    ExpressionAttributeValues: { ...fields.ExpressionAttributeValues, ':expected': { N: String(version) } },
  };
}

function toCatalogueItem(row: Item): CatalogueItem {
  const sku = row.sku?.S ?? '';
  // A row the ledger wrote before the catalogue: dated by its last stock change.
  const stockChangedAt = row.updatedAt?.S ?? '';
  return {
    sku,
    name: row.itemName?.S ?? sku,
    unit: row.itemUnit?.S ?? LEGACY_ITEM_UNIT,
    gtin: row.itemGtin?.S ?? null,
    createdAt: row.itemCreatedAt?.S ?? stockChangedAt,
    updatedAt: row.itemUpdatedAt?.S ?? stockChangedAt,
    version: row.itemVersion?.N === undefined ? 1 : Number(row.itemVersion.N),
  };
}
