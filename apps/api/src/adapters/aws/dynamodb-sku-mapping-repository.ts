import { BatchWriteItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { SkuMapping } from '@invoice/contracts';
import { DomainError, type SkuMappingRepository } from '@invoice/inventory';

type Item = Record<string, AttributeValue>;

/** DynamoDB's limit of requests in one BatchWriteItem. */
const BATCH_LIMIT = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

/** One item per (supplierKey, supplierSku); a Put replaces the previous mapping, so the last write wins. */
export class DynamoDbSkuMappingRepository implements SkuMappingRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async saveAll(mappings: readonly SkuMapping[]): Promise<void> {
    // Within one call a later mapping for the same key wins, as it would in order; BatchWriteItem refuses
    // two requests for one key, so duplicates are folded first.
    const latest = new Map(mappings.map((mapping) => [JSON.stringify([mapping.supplierKey, mapping.supplierSku]), mapping]));
    const requests: WriteRequest[] = [...latest.values()].map((mapping) => ({ PutRequest: { Item: toItem(mapping) } }));
    for (let start = 0; start < requests.length; start += BATCH_LIMIT) {
      await this.writeBatch(requests.slice(start, start + BATCH_LIMIT));
    }
  }

  async listBySupplier(supplierKey: string): Promise<SkuMapping[]> {
    const mappings: SkuMapping[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'supplierKey = :key',
          ExpressionAttributeValues: { ':key': { S: supplierKey } },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      mappings.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // The range key sorts by UTF-8 bytes; the contract orders as JavaScript compares strings.
    return mappings.sort((a, b) => (a.supplierSku < b.supplierSku ? -1 : a.supplierSku > b.supplierSku ? 1 : 0));
  }

  private async writeBatch(requests: WriteRequest[]): Promise<void> {
    let pending = requests;
    for (let round = 0; pending.length > 0; round += 1) {
      // Unprocessed items are DynamoDB shedding load: a retry later can succeed, so 503, not 500.
      if (round === MAX_UNPROCESSED_ROUNDS) {
        throw new DomainError('STORAGE_UNAVAILABLE', `DynamoDB left ${pending.length} SKU mappings unprocessed; retry later.`);
      }
      const { UnprocessedItems } = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }));
      pending = UnprocessedItems?.[this.tableName] ?? [];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
    }
  }
}

function toItem(mapping: SkuMapping): Item {
  return {
    supplierKey: { S: mapping.supplierKey },
    supplierSku: { S: mapping.supplierSku },
    inventorySku: { S: mapping.inventorySku },
    updatedAt: { S: mapping.updatedAt },
  };
}

function fromItem(item: Item): SkuMapping {
  return {
    supplierKey: item.supplierKey?.S ?? '',
    supplierSku: item.supplierSku?.S ?? '',
    inventorySku: item.inventorySku?.S ?? '',
    updatedAt: item.updatedAt?.S ?? '',
  };
}
