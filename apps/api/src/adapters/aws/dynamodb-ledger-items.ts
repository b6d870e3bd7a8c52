import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { LedgerRecord, ReversalRecord, StockDelta } from '@invoice/contracts';
import type { InvoiceClaim, LedgerMovement } from '@invoice/inventory';

type Item = Record<string, AttributeValue>;

export interface LedgerTables {
  inventory: string;
  ledger: string;
}

/** Key of a job's (first) ledger record: the item whose conditional Put makes an apply happen at most once. */
export function ledgerKey(jobId: string): Item {
  return { pk: { S: `JOB#${jobId}` }, sk: { S: 'LEDGER' } };
}

/** Sort keys of a job's apply records all start with this; the highest is the latest apply. */
export const LEDGER_SORT_PREFIX = 'LEDGER';

const seq = (n: number) => String(n).padStart(4, '0');

/**
 * Where one ledger entry of a job lives: its record, the markers of its later chunks and its pending item.
 * Apply 1 keeps the keys of the release before reversals (`LEDGER`, `CHUNK#k`, pending sk = jobId), so items
 * written then are read and finished unchanged; apply n >= 2 is `LEDGER#n` (after `LEDGER` in sort order),
 * the reversal of apply n is `REVERSAL#n`. Chunk markers never start with LEDGER, so the latest apply is the
 * last item of a Query on that prefix.
 */
export interface EntryKeys {
  entry: 'apply' | 'reversal';
  jobId: string;
  applySequence: number;
  record: Item;
  chunk(index: number): Item;
  pendingSortKey: string;
  /** Suffix of the movement items' sort key (empty for apply 1, as before). */
  movementSuffix: string;
}

export function entryKeys(entry: 'apply' | 'reversal', jobId: string, applySequence: number): EntryKeys {
  const pk = { S: `JOB#${jobId}` };
  if (entry === 'apply' && applySequence === 1) {
    return { entry, jobId, applySequence, record: ledgerKey(jobId), chunk: (index) => chunkKey(jobId, index), pendingSortKey: jobId, movementSuffix: '' };
  }
  const tag = `${entry === 'apply' ? 'A' : 'R'}${seq(applySequence)}`;
  return {
    entry,
    jobId,
    applySequence,
    record: { pk, sk: { S: entry === 'apply' ? `${LEDGER_SORT_PREFIX}#${seq(applySequence)}` : `REVERSAL#${seq(applySequence)}` } },
    chunk: (index) => ({ pk, sk: { S: `CHUNK#${tag}#${seq(index)}` } }),
    pendingSortKey: `${jobId}#${tag}`,
    movementSuffix: `#${tag}`,
  };
}

/** The uniqueness item of one invoice claim (its document, or its supplier and number). */
export function claimKey(key: string): Item {
  return { pk: { S: `CLAIM#${key}` }, sk: { S: 'CLAIM' } };
}

export function claimItem(claim: InvoiceClaim, jobId: string, applySequence: number): Item {
  return { ...claimKey(claim.key), claim: { S: claim.key }, reason: { S: claim.reason }, jobId: { S: jobId }, applySequence: { N: String(applySequence) } };
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

export function pendingItem(keys: EntryKeys): Item {
  return {
    pk: { S: PENDING_APPLY_PARTITION },
    sk: { S: keys.pendingSortKey },
    jobId: { S: keys.jobId },
    entry: { S: keys.entry },
    applySequence: { N: String(keys.applySequence) },
  };
}

export function movementPartition(sku: string): string {
  return `SKU#${sku}`;
}

/**
 * The ledger record item. `chunkCount` and `firstChunkSkus` fix how the deltas are split, so a resumed apply
 * splits them exactly as the first transaction did, even if the splitting rule changes in a later release;
 * `complete` turns true once every chunk is in.
 */
export function ledgerItem(
  record: LedgerRecord | ReversalRecord,
  split: { chunkCount: number; firstChunkSkus: number },
  keys: EntryKeys = entryKeys('apply', record.jobId, 1),
  claims: readonly string[] = [],
): Item {
  return {
    ...keys.record,
    jobId: { S: record.jobId },
    record: { S: JSON.stringify(record) },
    chunkCount: { N: String(split.chunkCount) },
    firstChunkSkus: { N: String(split.firstChunkSkus) },
    complete: { BOOL: split.chunkCount === 1 },
    // The claim keys this apply took, so that its reversal releases exactly those.
    ...(claims.length > 0 ? { claims: { L: claims.map((claim) => ({ S: claim })) } } : {}),
  };
}

export interface StoredLedger<R = LedgerRecord> {
  record: R;
  chunkCount: number;
  /** SKUs in the first chunk; null on records written before it was stored (their first chunk held 49). */
  firstChunkSkus: number | null;
  complete: boolean;
  claims: string[];
}

export function fromLedgerItem(item: Item): StoredLedger {
  const stored = fromEntryItem<LedgerRecord>(item);
  // Records written before reversals existed have no sequence: they are apply 1.
  return { ...stored, record: { ...stored.record, applySequence: stored.record.applySequence ?? 1 } };
}

export function fromEntryItem<R>(item: Item): StoredLedger<R> {
  return {
    record: JSON.parse(item.record?.S ?? 'null') as R,
    chunkCount: Number(item.chunkCount?.N ?? '1'),
    firstChunkSkus: item.firstChunkSkus?.N === undefined ? null : Number(item.firstChunkSkus.N),
    complete: item.complete?.BOOL ?? true,
    claims: (item.claims?.L ?? []).flatMap((claim) => (claim.S === undefined ? [] : [claim.S])),
  };
}

/** What the movement items of one entry carry besides the SKU and its delta. */
export interface MovementSource {
  keys: EntryKeys;
  at: string;
  reviewRevision: number;
}

/**
 * What one SKU of an apply writes: the stock ADD (DynamoDB adds the decimal exactly; the value is passed
 * as the contract's decimal string and never becomes a JS number) and the movement item of the history.
 */
export function skuActions(
  tables: LedgerTables,
  source: LedgerRecord | MovementSource,
  delta: StockDelta,
  options: { mustNotGoNegative?: boolean } = {},
): TransactWriteItem[] {
  const movement: MovementSource =
    'keys' in source ? source : { keys: entryKeys('apply', source.jobId, source.applySequence ?? 1), at: source.appliedAt, reviewRevision: source.reviewRevision ?? 0 };
  const { keys } = movement;
  // A decrease that must not take stock below zero: stock >= -delta, checked by the same write that adds it.
  const guard = options.mustNotGoNegative && delta.quantity.startsWith('-');
  return [
    {
      Update: {
        TableName: tables.inventory,
        Key: { sku: { S: delta.sku } },
        UpdateExpression: 'ADD quantity :delta SET updatedAt = :at',
        ...(guard ? { ConditionExpression: 'quantity >= :needed' } : {}),
        ExpressionAttributeValues: {
          ':delta': { N: delta.quantity },
          ':at': { S: movement.at },
          ...(guard ? { ':needed': { N: delta.quantity.slice(1) } } : {}),
        },
      },
    },
    {
      Put: {
        TableName: tables.ledger,
        Item: {
          pk: { S: movementPartition(delta.sku) },
          sk: { S: `${movement.at}#${keys.jobId}${keys.movementSuffix}` },
          jobId: { S: keys.jobId },
          sku: { S: delta.sku },
          quantity: { S: delta.quantity },
          appliedAt: { S: movement.at },
          reviewRevision: { N: String(movement.reviewRevision) },
          entry: { S: keys.entry },
          applySequence: { N: String(keys.applySequence) },
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
    entry: item.entry?.S === 'reversal' ? 'reversal' : 'apply',
    applySequence: Number(item.applySequence?.N ?? '1'),
  };
}
