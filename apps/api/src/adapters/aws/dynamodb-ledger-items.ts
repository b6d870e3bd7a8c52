import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { LedgerRecord, StockDelta } from '@invoice/contracts';
import type { LedgerMovement } from '@invoice/inventory';

type Item = Record<string, AttributeValue>;

export interface LedgerTables {
  inventory: string;
  ledger: string;
}

/** Key of a job's ledger record: the item whose conditional Put makes an apply happen at most once. */
export function ledgerKey(jobId: string): Item {
  return { pk: { S: `JOB#${jobId}` }, sk: { S: 'LEDGER' } };
}

/** Key of the marker written in the same transaction as chunk n (n >= 1) of a chunked apply. */
export function chunkKey(jobId: string, chunk: number): Item {
  return { pk: { S: `JOB#${jobId}` }, sk: { S: `CHUNK#${String(chunk).padStart(4, '0')}` } };
}

/**
 * Partition listing chunked applies whose later chunks are not all in yet: one item per job, written with
 * the first chunk and deleted with the `complete` flag, so stock reads can find and finish an apply that a
 * crash interrupted. (Movement partitions all start with "SKU#", job ones with "JOB#".)
 */
export const PENDING_APPLY_PARTITION = 'APPLY#PENDING';

export function pendingApplyKey(jobId: string): Item {
  return { pk: { S: PENDING_APPLY_PARTITION }, sk: { S: jobId } };
}

export function movementPartition(sku: string): string {
  return `SKU#${sku}`;
}

/**
 * The ledger record item. `chunkCount` and `firstChunkSkus` fix how the deltas are split, so a resumed apply
 * splits them exactly as the first transaction did, even if the splitting rule changes in a later release;
 * `complete` turns true once every chunk is in.
 */
export function ledgerItem(record: LedgerRecord, split: { chunkCount: number; firstChunkSkus: number }): Item {
  return {
    ...ledgerKey(record.jobId),
    jobId: { S: record.jobId },
    record: { S: JSON.stringify(record) },
    chunkCount: { N: String(split.chunkCount) },
    firstChunkSkus: { N: String(split.firstChunkSkus) },
    complete: { BOOL: split.chunkCount === 1 },
  };
}

export interface StoredLedger {
  record: LedgerRecord;
  chunkCount: number;
  /** SKUs in the first chunk; null on records written before it was stored (their first chunk held 49). */
  firstChunkSkus: number | null;
  complete: boolean;
}

export function fromLedgerItem(item: Item): StoredLedger {
  return {
    record: JSON.parse(item.record?.S ?? 'null') as LedgerRecord,
    chunkCount: Number(item.chunkCount?.N ?? '1'),
    firstChunkSkus: item.firstChunkSkus?.N === undefined ? null : Number(item.firstChunkSkus.N),
    complete: item.complete?.BOOL ?? true,
  };
}

/**
 * What one SKU of an apply writes: the stock ADD (DynamoDB adds the decimal exactly; the value is passed
 * as the contract's decimal string and never becomes a JS number) and the movement item of the history.
 */
export function skuActions(tables: LedgerTables, record: LedgerRecord, delta: StockDelta): TransactWriteItem[] {
  return [
    {
      Update: {
        TableName: tables.inventory,
        Key: { sku: { S: delta.sku } },
        UpdateExpression: 'ADD quantity :delta SET updatedAt = :at',
        ExpressionAttributeValues: { ':delta': { N: delta.quantity }, ':at': { S: record.appliedAt } },
      },
    },
    {
      Put: {
        TableName: tables.ledger,
        Item: {
          pk: { S: movementPartition(delta.sku) },
          sk: { S: `${record.appliedAt}#${record.jobId}` },
          jobId: { S: record.jobId },
          sku: { S: delta.sku },
          quantity: { S: delta.quantity },
          appliedAt: { S: record.appliedAt },
          reviewRevision: { N: String(record.reviewRevision ?? 0) },
        },
      },
    },
  ];
}

/** Actions per SKU in skuActions. */
export const ACTIONS_PER_SKU = 2;

export function fromMovementItem(item: Item): LedgerMovement {
  return {
    jobId: item.jobId?.S ?? '',
    sku: item.sku?.S ?? '',
    quantity: item.quantity?.S ?? '0',
    appliedAt: item.appliedAt?.S ?? '',
    reviewRevision: Number(item.reviewRevision?.N ?? '0'),
  };
}
