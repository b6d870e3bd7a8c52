import {
  GetItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
  type CancellationReason,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { InventoryItem, LedgerRecord, StockDelta } from '@invoice/contracts';
import {
  concurrentUpdate,
  DomainError,
  type ApplyCommand,
  type ApplyOutcome,
  type InventoryLedger,
  type LedgerMovement,
} from '@invoice/inventory';
import { fromDynamoNumber } from './dynamodb-decimal';
import { assertNextVersion } from './dynamodb-job-repository';
import { toJobItem, versionCondition } from './dynamodb-job-item';
import {
  ACTIONS_PER_SKU,
  chunkKey,
  fromLedgerItem,
  fromMovementItem,
  ledgerItem,
  ledgerKey,
  movementPartition,
  PENDING_APPLY_PARTITION,
  pendingApplyKey,
  skuActions,
  type StoredLedger,
} from './dynamodb-ledger-items';
import { isConditionFailure, MAX_TRANSACTION_ACTIONS, transactWrite } from './dynamodb-transaction';

type Item = Record<string, AttributeValue>;

export interface LedgerTableNames {
  jobs: string;
  inventory: string;
  ledger: string;
}

/**
 * SKUs per transaction: a single-transaction apply also holds the ledger record and the job update, a later
 * chunk its marker, so 49 SKUs (2 actions each) fit in either under DynamoDB's 100 actions.
 */
export const SKUS_PER_TRANSACTION = Math.floor((MAX_TRANSACTION_ACTIONS - 2) / ACTIONS_PER_SKU);
/** The first chunk of a chunked apply also holds the pending-apply item, which costs it one SKU. */
export const FIRST_CHUNK_SKUS = Math.floor((MAX_TRANSACTION_ACTIONS - 3) / ACTIONS_PER_SKU);

/**
 * Stock, ledger and movement history in DynamoDB. An invoice with up to SKUS_PER_TRANSACTION distinct SKUs
 * is applied in ONE TransactWriteItems: Put of the ledger record (attribute_not_exists), per SKU an ADD
 * on its stock and a movement item, and the job's version-checked update to APPLIED. A cancellation whose
 * reason is the ledger condition means the job was applied before: ALREADY_APPLIED with the stored record.
 *
 * A larger invoice is applied in chunks (docs/architecture.md, "Apply in DynamoDB, and its guarantee"): the
 * first transaction is the one above with the first chunk and a pending-apply item; each later chunk is one
 * transaction with its own marker item (attribute_not_exists), so a chunk moves stock at most once however
 * often it is retried. The ledger record says how many chunks there are and turns complete after the last,
 * in the same transaction that deletes the pending item. Whoever reads an incomplete record (a repeated
 * apply, the APPLIED job's ledger lookup) or reads stock (which looks for pending items first) finishes the
 * missing chunks, so a crash between chunks cannot leave stock partial for readers of stock.
 */
export class DynamoDbInventoryLedger implements InventoryLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tables: LedgerTableNames,
  ) {}

  async applyOnce(command: ApplyCommand): Promise<ApplyOutcome> {
    assertNextVersion(command.job, command.expectedJobVersion);
    const { ledger } = command;
    const firstChunkSkus = firstChunkSizeFor(ledger.deltas.length);
    const chunks = splitIntoChunks(ledger.deltas, firstChunkSkus);
    const first: TransactWriteItem[] = [
      { Put: { TableName: this.tables.ledger, Item: ledgerItem(ledger, { chunkCount: chunks.length, firstChunkSkus }), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tables.jobs, Item: toJobItem(command.job), ...versionCondition(command.expectedJobVersion) } },
      ...(chunks.length > 1 ? [{ Put: { TableName: this.tables.ledger, Item: { ...pendingApplyKey(ledger.jobId), jobId: { S: ledger.jobId } } } }] : []),
      ...(chunks[0] ?? []).flatMap((delta) => skuActions(this.tables, ledger, delta)),
    ];

    const outcome = await transactWrite(this.client, first).catch(translateNumberLimit);
    if (outcome.committed) {
      if (chunks.length > 1) await this.finishChunks({ record: ledger, chunkCount: chunks.length, firstChunkSkus, complete: false });
      return { outcome: 'APPLIED', ledger };
    }
    if (isConditionFailure(outcome.reasons[0])) {
      const existing = await this.getLedgerRecord(ledger.jobId);
      if (!existing) throw new Error(`Ledger record of job ${ledger.jobId} vanished`);
      return { outcome: 'ALREADY_APPLIED', ledger: existing };
    }
    if (isConditionFailure(outcome.reasons[1])) {
      // The ledger's own reason may be a conflict with the very apply that moved the job on: look again.
      const existing = await this.getLedgerRecord(ledger.jobId);
      if (existing) return { outcome: 'ALREADY_APPLIED', ledger: existing };
      throw concurrentUpdate(command.job.jobId, command.expectedJobVersion);
    }
    throw unexpectedCancellation(outcome.reasons);
  }

  async getLedgerRecord(jobId: string): Promise<LedgerRecord | null> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tables.ledger, Key: ledgerKey(jobId), ConsistentRead: true }));
    if (!Item) return null;
    const stored = fromLedgerItem(Item);
    if (!stored.complete) await this.finishChunks(stored);
    return stored.record;
  }

  async listStock(): Promise<InventoryItem[]> {
    await this.finishInterruptedApplies();
    const items: InventoryItem[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(new ScanCommand({ TableName: this.tables.inventory, ConsistentRead: true, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []).map(toInventoryItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  }

  async getStock(sku: string): Promise<InventoryItem | null> {
    await this.finishInterruptedApplies();
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tables.inventory, Key: { sku: { S: sku } }, ConsistentRead: true }));
    return Item ? toInventoryItem(Item) : null;
  }

  async listMovements(sku: string): Promise<LedgerMovement[]> {
    await this.finishInterruptedApplies();
    const movements: LedgerMovement[] = [];
    let startKey: Item | undefined;
    do {
      // The sort key is appliedAt#jobId, so descending order is newest first, then the higher job id.
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tables.ledger,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: movementPartition(sku) } },
          ScanIndexForward: false,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      movements.push(...(page.Items ?? []).map(fromMovementItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return movements;
  }

  /** Applies chunks 1..n-1 of a recorded apply that are not in yet, then marks the record complete. */
  private async finishChunks(stored: StoredLedger): Promise<void> {
    const { record } = stored;
    const chunks = splitIntoChunks(record.deltas, stored.firstChunkSkus ?? SKUS_PER_TRANSACTION);
    if (chunks.length !== stored.chunkCount) {
      throw new Error(`Ledger record of job ${record.jobId} names ${stored.chunkCount} chunks, its deltas make ${chunks.length}`);
    }
    for (let index = 1; index < chunks.length; index += 1) {
      const outcome = await transactWrite(this.client, [
        { Put: { TableName: this.tables.ledger, Item: { ...chunkKey(record.jobId, index), jobId: { S: record.jobId } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(chunks[index] ?? []).flatMap((delta) => skuActions(this.tables, record, delta)),
      ]).catch(translateNumberLimit);
      // A failed marker condition means this chunk went in before (an earlier or concurrent finisher).
      if (!outcome.committed && !isConditionFailure(outcome.reasons[0])) throw unexpectedCancellation(outcome.reasons);
    }
    // Both idempotent, so a concurrent finisher doing the same is harmless.
    await transactWrite(this.client, [
      {
        Update: {
          TableName: this.tables.ledger,
          Key: ledgerKey(record.jobId),
          UpdateExpression: 'SET complete = :complete',
          ExpressionAttributeValues: { ':complete': { BOOL: true } },
        },
      },
      { Delete: { TableName: this.tables.ledger, Key: pendingApplyKey(record.jobId) } },
    ]);
  }

  /**
   * Finishes every chunked apply a crash left between chunks, so stock never reads partial for longer than
   * an apply in progress takes. One strongly consistent Query of a partition that is almost always empty.
   */
  private async finishInterruptedApplies(): Promise<void> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tables.ledger,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: PENDING_APPLY_PARTITION } },
        ConsistentRead: true,
      }),
    );
    for (const item of Items) {
      const jobId = item.jobId?.S;
      if (!jobId) continue;
      try {
        await this.getLedgerRecord(jobId);
      } catch (error) {
        // One apply that cannot be finished (a chunk DynamoDB refuses) must not take every stock read down
        // with it: the read answers, the failure is logged, and the job's own apply or review reports it.
        process.stderr.write(`[api] could not finish the interrupted apply of job ${jobId}: ${(error as Error).message}\n`);
      }
    }
  }
}

/** SKUs in the first chunk of a new apply: all of them when they fit one transaction, else FIRST_CHUNK_SKUS. */
export function firstChunkSizeFor(skuCount: number): number {
  return skuCount <= SKUS_PER_TRANSACTION ? SKUS_PER_TRANSACTION : FIRST_CHUNK_SKUS;
}

/**
 * Deltas in their recorded order: `firstChunkSkus` in the first chunk (maybe none at all), then
 * SKUS_PER_TRANSACTION in each later chunk. The first chunk's size comes from the ledger record when resuming.
 */
export function splitIntoChunks(deltas: readonly StockDelta[], firstChunkSkus: number): StockDelta[][] {
  const chunks: StockDelta[][] = [deltas.slice(0, firstChunkSkus)];
  for (let start = firstChunkSkus; start < deltas.length; start += SKUS_PER_TRANSACTION) chunks.push(deltas.slice(start, start + SKUS_PER_TRANSACTION));
  return chunks;
}

function toInventoryItem(item: Item): InventoryItem {
  return { sku: item.sku?.S ?? '', quantity: fromDynamoNumber(item.quantity?.N), updatedAt: item.updatedAt?.S ?? '' };
}

/** DynamoDB numbers hold 38 significant digits; a stock sum needing more is refused before anything is written. */
const NUMBER_LIMIT = /precision|magnitude|significant digits|number overflow|number underflow/i;

function translateNumberLimit(error: unknown): never {
  if (error instanceof Error && error.name === 'ValidationException' && NUMBER_LIMIT.test(error.message)) {
    throw new DomainError('VALIDATION_FAILED', `A stock quantity would exceed what DynamoDB stores exactly: ${error.message}`);
  }
  throw error;
}

function unexpectedCancellation(reasons: CancellationReason[]): Error {
  const validation = reasons.find((reason) => reason.Code === 'ValidationError');
  if (validation) {
    // e.g. a stock sum beyond the 38 significant digits a DynamoDB number holds
    return new DomainError('VALIDATION_FAILED', `DynamoDB refused the apply: ${validation.Message ?? 'validation error'}`);
  }
  return new Error(`Apply transaction cancelled: ${reasons.map((reason) => reason.Code ?? '?').join(', ')}`);
}
