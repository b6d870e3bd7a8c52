import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { SkuMapping } from '@invoice/contracts';
import { compareMappings, mappingMatchesText, UNIT_PACK_SIZE } from '@invoice/inventory';
import type { SkuMappingKey, SkuMappingRepository, SkuMappingSearch, SkuMappingWrite } from '@invoice/inventory';

type Item = Record<string, AttributeValue>;

/** Writes in flight at once: enough to save a review's mappings quickly, few enough not to burst the table. */
const PARALLEL_WRITES = 10;

/**
 * One item per (supplierKey, supplierSku). Writes are UpdateItem rather than Put so that replacing a mapping
 * keeps its lastUsedAt; items written before pack sizes existed have no packSize or lastUsedAt attribute and
 * read as "1" and null.
 *
 * The keys are stored as they are: the contracts bound a SupplierKey to 512 characters and a Sku to 128, at
 * most 4 bytes of UTF-8 each, so 2,048 and 512 bytes, within DynamoDB's 2,048-byte partition and 1,024-byte
 * sort keys (the contract suite saves both at their widest). The supplier directory's prefixed keys are longer
 * and are bounded there.
 */
export class DynamoDbSkuMappingRepository implements SkuMappingRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async saveAll(mappings: readonly SkuMappingWrite[]): Promise<void> {
    // Within one call a later mapping for the same key wins, as it would in order; with writes in parallel
    // that holds only if each key is written once.
    const latest = new Map(mappings.map((mapping) => [JSON.stringify([mapping.supplierKey, mapping.supplierSku]), mapping]));
    await inBatches([...latest.values()], (mapping) =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keyOf(mapping),
          UpdateExpression: 'SET inventorySku = :inventorySku, packSize = :packSize, updatedAt = :updatedAt',
          ExpressionAttributeValues: {
            ':inventorySku': { S: mapping.inventorySku },
            ':packSize': { S: mapping.packSize },
            ':updatedAt': { S: mapping.updatedAt },
          },
        }),
      ),
    );
  }

  async listBySupplier(supplierKey: string): Promise<SkuMapping[]> {
    return this.search({ supplierKey });
  }

  async search(query: SkuMappingSearch): Promise<SkuMapping[]> {
    const mappings: SkuMapping[] = [];
    let startKey: Item | undefined;
    do {
      // Every supplier's mappings is a Scan: the Mappings screen's overview, not a per-invoice read. It skips
      // the supplier directory's items, which share the table under partition keys starting with '#'.
      const page = await this.client.send(
        query.supplierKey === undefined
          ? new ScanCommand({
              TableName: this.tableName,
              FilterExpression: 'NOT begins_with(supplierKey, :directory)',
              ExpressionAttributeValues: { ':directory': { S: '#' } },
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
            })
          : new QueryCommand({
              TableName: this.tableName,
              KeyConditionExpression: 'supplierKey = :key',
              ExpressionAttributeValues: { ':key': { S: query.supplierKey } },
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
            }),
      );
      // Partitions starting with `#` hold supplier identities (dynamodb-supplier-directory.ts), not mappings.
      const items = (page.Items ?? []).filter((item) => !item.supplierKey?.S?.startsWith('#'));
      mappings.push(...items.map(fromItem).filter((mapping) => mappingMatchesText(mapping, query.text)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // A Scan returns partitions in hash order, and the supplier's own order is by compareMappings.
    return mappings.sort(compareMappings);
  }

  async delete(key: SkuMappingKey): Promise<boolean> {
    const { Attributes } = await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: keyOf(key), ReturnValues: 'ALL_OLD' }));
    return Attributes !== undefined;
  }

  async markUsed(keys: readonly SkuMappingKey[], at: string): Promise<void> {
    await inBatches(keys, async (key) => {
      try {
        await this.client.send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: keyOf(key),
            UpdateExpression: 'SET lastUsedAt = :at',
            // Only an existing mapping (an update would otherwise create one), and never back in time.
            ConditionExpression: 'attribute_exists(supplierKey) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :at)',
            ExpressionAttributeValues: { ':at': { S: at } },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    });
  }
}

async function inBatches<T>(items: readonly T[], write: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL_WRITES) {
    await Promise.all(items.slice(start, start + PARALLEL_WRITES).map(write));
  }
}

function keyOf(key: SkuMappingKey): Item {
  return { supplierKey: { S: key.supplierKey }, supplierSku: { S: key.supplierSku } };
}

function fromItem(item: Item): SkuMapping {
  return {
    supplierKey: item.supplierKey?.S ?? '',
    supplierSku: item.supplierSku?.S ?? '',
    inventorySku: item.inventorySku?.S ?? '',
    packSize: item.packSize?.S ?? UNIT_PACK_SIZE,
    updatedAt: item.updatedAt?.S ?? '',
    lastUsedAt: item.lastUsedAt?.S ?? null,
  };
}
