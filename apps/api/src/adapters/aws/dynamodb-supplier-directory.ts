import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { compareText, DomainError, type SupplierDirectory, type SupplierLink, type SupplierMergeWrite, type SupplierName } from '@invoice/inventory';
import { boundedKeyPart, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from './dynamodb-key-part';
import { MAX_TRANSACTION_ACTIONS, transactWrite } from './dynamodb-transaction';

type Item = Record<string, AttributeValue>;

/**
 * Identities live in the sku-mappings table, beside the mappings they decide, under partition keys no
 * supplier key can have (supplier keys are folded names: letters, digits and spaces, never `#`):
 * - `#IDENTITY#{identity}` / `#`: the supplier the identity points to (attribute `target`), looked up by identity;
 * - `#SUPPLIER#{supplierKey}` / `{identity}`: the same link listed by supplier;
 * - `#NAME#{supplierKey}` / `#`: the latest name the supplier was seen under (`displayName`, `seenAt`).
 * Both are written in one transaction. Sharing the table lets a merge move identities and mappings in the
 * same transactions; a scan of the table for mappings must skip partitions starting with `#`.
 *
 * An identity (up to 517 characters) or a supplier key (up to 512) of a non-Latin name can be longer in UTF-8
 * than DynamoDB lets a key be (a CJK character is 3 bytes, one outside the BMP 4): such a key part is stored
 * bounded (boundedKeyPart: a prefix and the sha256 of the whole), and the items keep the whole value as the
 * attributes `identity` and `supplier`, which is what reads answer.
 */
export const IDENTITY_PREFIX = '#IDENTITY#';
export const SUPPLIER_PREFIX = '#SUPPLIER#';
export const NAME_PREFIX = '#NAME#';
const IDENTITY_SORT_KEY = '#';

/** DynamoDB's limit of keys in one BatchGetItem. */
const BATCH_GET_LIMIT = 100;
const MAX_UNPROCESSED_ROUNDS = 8;

/** One identity's or one mapping's part of a merge: its actions must commit together. */
interface MergeStep {
  actions: TransactWriteItem[];
  /** What to do instead when the step's condition fails (someone changed the item meanwhile). */
  fallback: TransactWriteItem[];
}

export class DynamoDbSupplierDirectory implements SupplierDirectory {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async findAll(identities: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const byKey = new Map([...new Set(identities)].map((identity) => [forwardPartition(identity), identity]));
    for (const item of await this.getAll([...byKey.keys()].map(identityItemKey), 'supplier identities')) {
      const identity = byKey.get(item.supplierKey?.S ?? '');
      const target = item.target?.S;
      if (identity !== undefined && target !== undefined) found.set(identity, target);
    }
    return found;
  }

  async nameSupplier(name: SupplierName): Promise<void> {
    try {
      await this.client.send(new PutItemCommand(namePut(this.tableName, name)));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async displayNames(supplierKeys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const byKey = new Map([...new Set(supplierKeys)].map((supplierKey) => [namePartition(supplierKey), supplierKey]));
    for (const item of await this.getAll([...byKey.keys()].map(identityItemKey), 'supplier names')) {
      const supplierKey = byKey.get(item.supplierKey?.S ?? '');
      const displayName = item.displayName?.S;
      if (supplierKey !== undefined && displayName !== undefined) found.set(supplierKey, displayName);
    }
    return found;
  }

  /** The items of these keys that exist, in batches of BatchGetItem's limit, retrying what DynamoDB left unread. */
  private async getAll(allKeys: readonly Item[], what: string): Promise<Item[]> {
    const items: Item[] = [];
    for (let start = 0; start < allKeys.length; start += BATCH_GET_LIMIT) {
      let keys: Item[] = allKeys.slice(start, start + BATCH_GET_LIMIT);
      for (let round = 0; keys.length > 0; round += 1) {
        if (round === MAX_UNPROCESSED_ROUNDS) {
          throw new DomainError('STORAGE_UNAVAILABLE', `DynamoDB left ${keys.length} ${what} unread; retry later.`);
        }
        const answer = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        items.push(...(answer.Responses?.[this.tableName] ?? []));
        keys = answer.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        if (keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
      }
    }
    return items;
  }

  async linkNew(links: readonly SupplierLink[]): Promise<void> {
    // One transaction per identity: one linked meanwhile by someone else must not keep the others unlinked.
    for (const link of links) await this.transactSteps([this.linkStep(link.identity, link.supplierKey)]);
  }

  async listIdentities(supplierKey: string): Promise<string[]> {
    const items = await this.queryPartition(reversePartition(supplierKey));
    // Items written before the attribute existed had keys short enough to be the identity itself.
    return items.map((item) => item.identity?.S ?? item.supplierSku?.S ?? '').sort(compareText);
  }

  /**
   * In as few transactions as DynamoDB's 100 actions allow, each identity's and each mapping's actions
   * together. A condition that fails (an identity moved elsewhere, a mapping `into` gained meanwhile)
   * cancels its transaction, which is then redone step by step with that step's fallback, so the merge
   * still finishes; a repeated merge finds nothing left to move.
   */
  async writeMerge(merge: SupplierMergeWrite): Promise<void> {
    const steps: MergeStep[] = [];
    for (const identity of merge.repoint) steps.push(this.repointStep(identity, merge.from, merge.into));
    for (const identity of merge.link) steps.push(this.linkStep(identity, merge.into));
    if (merge.moveMappings.length > 0) {
      const moving = new Set(merge.moveMappings);
      for (const item of await this.queryPartition(merge.from)) {
        if (moving.has(item.supplierSku?.S ?? '')) steps.push(this.moveMappingStep(item, merge.into));
      }
    }
    for (const sku of merge.dropMappings) {
      const remove = this.deleteAction(merge.from, sku);
      steps.push({ actions: [remove], fallback: [remove] });
    }
    await this.transactSteps(steps);
  }

  private async transactSteps(steps: readonly MergeStep[]): Promise<void> {
    let batch: MergeStep[] = [];
    let size = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const outcome = await transactWrite(this.client, batch.flatMap((step) => step.actions));
      if (!outcome.committed) {
        for (const step of batch) {
          if ((await transactWrite(this.client, step.actions)).committed || step.fallback.length === 0) continue;
          // A fallback has no condition, so nothing may cancel it; were one added, the merge must not end as if done.
          const fallback = await transactWrite(this.client, step.fallback);
          if (!fallback.committed) throw new DomainError('INTERNAL_ERROR', 'A supplier merge step was refused by DynamoDB; the merge stopped there and may be run again.', undefined, { cause: fallback.error });
        }
      }
      batch = [];
      size = 0;
    };
    for (const step of steps) {
      if (size + step.actions.length > MAX_TRANSACTION_ACTIONS) await flush();
      batch.push(step);
      size += step.actions.length;
    }
    await flush();
  }

  /** Forward and reverse item of a new link; an identity already linked keeps its supplier (no fallback). */
  private linkStep(identity: string, supplierKey: string): MergeStep {
    return {
      actions: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...forwardKey(identity), identity: { S: identity }, target: { S: supplierKey } },
            ConditionExpression: 'attribute_not_exists(supplierKey)',
          },
        },
        { Put: { TableName: this.tableName, Item: reverseItem(supplierKey, identity) } },
      ],
      fallback: [],
    };
  }

  /** Points the identity to `into`, only while it points to `from`; otherwise it moved on and stays. */
  private repointStep(identity: string, from: string, into: string): MergeStep {
    return {
      actions: [
        {
          Update: {
            TableName: this.tableName,
            Key: forwardKey(identity),
            UpdateExpression: 'SET #target = :into',
            ConditionExpression: '#target = :from',
            ExpressionAttributeNames: { '#target': 'target' },
            ExpressionAttributeValues: { ':into': { S: into }, ':from': { S: from } },
          },
        },
        { Delete: { TableName: this.tableName, Key: reverseKey(from, identity) } },
        { Put: { TableName: this.tableName, Item: reverseItem(into, identity) } },
      ],
      fallback: [{ Delete: { TableName: this.tableName, Key: reverseKey(from, identity) } }],
    };
  }

  /** Copies the mapping item, every attribute kept, under `into` unless `into` has its own (which wins). */
  private moveMappingStep(item: Item, into: string): MergeStep {
    const from = item.supplierKey?.S ?? '';
    const sku = item.supplierSku?.S ?? '';
    const remove = this.deleteAction(from, sku);
    return {
      actions: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...item, supplierKey: { S: into } },
            ConditionExpression: 'attribute_not_exists(supplierKey)',
          },
        },
        remove,
      ],
      fallback: [remove],
    };
  }

  private deleteAction(supplierKey: string, supplierSku: string): TransactWriteItem {
    return { Delete: { TableName: this.tableName, Key: { supplierKey: { S: supplierKey }, supplierSku: { S: supplierSku } } } };
  }

  private async queryPartition(partition: string): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'supplierKey = :key',
          ExpressionAttributeValues: { ':key': { S: partition } },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

function forwardPartition(identity: string): string {
  return IDENTITY_PREFIX + boundedKeyPart(identity, MAX_PARTITION_KEY_BYTES - Buffer.byteLength(IDENTITY_PREFIX));
}

function namePartition(supplierKey: string): string {
  return NAME_PREFIX + boundedKeyPart(supplierKey, MAX_PARTITION_KEY_BYTES - Buffer.byteLength(NAME_PREFIX));
}

function reversePartition(supplierKey: string): string {
  return SUPPLIER_PREFIX + boundedKeyPart(supplierKey, MAX_PARTITION_KEY_BYTES - Buffer.byteLength(SUPPLIER_PREFIX));
}

/** The key of a forward or name item: its partition and the fixed sort key. */
function identityItemKey(partition: string): Item {
  return { supplierKey: { S: partition }, supplierSku: { S: IDENTITY_SORT_KEY } };
}

function forwardKey(identity: string): Item {
  return identityItemKey(forwardPartition(identity));
}

/**
 * The Put remembering a supplier's name, alone or as an action of the ledger's apply. ISO timestamps in UTC
 * order as text; an older sighting written late fails the condition and leaves the later name.
 */
export function namePut(tableName: string, name: SupplierName) {
  return {
    TableName: tableName,
    Item: { ...nameKey(name.supplierKey), supplier: { S: name.supplierKey }, displayName: { S: name.displayName }, seenAt: { S: name.seenAt } },
    ConditionExpression: 'attribute_not_exists(seenAt) OR seenAt <= :seenAt',
    ExpressionAttributeValues: { ':seenAt': { S: name.seenAt } },
  };
}

export function nameKey(supplierKey: string): Item {
  return identityItemKey(namePartition(supplierKey));
}

function reverseKey(supplierKey: string, identity: string): Item {
  return { supplierKey: { S: reversePartition(supplierKey) }, supplierSku: { S: boundedKeyPart(identity, MAX_SORT_KEY_BYTES) } };
}

/** The reverse item: its key and the whole identity, which listIdentities answers. */
function reverseItem(supplierKey: string, identity: string): Item {
  return { ...reverseKey(supplierKey, identity), identity: { S: identity } };
}
