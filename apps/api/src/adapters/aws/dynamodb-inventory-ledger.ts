import {
  GetItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
  type CancellationReason,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { InventoryItem, LedgerRecord, ReversalRecord, StockDelta } from '@invoice/contracts';
import {
  concurrentUpdate,
  compareText,
  checkAuditEntry,
  DomainError,
  duplicateInvoice,
  ExactDecimal,
  insufficientStock,
  type ApplyCommand,
  type ApplyOutcome,
  type ClaimHolder,
  type InventoryLedger,
  type InvoiceClaim,
  type LedgerMovement,
  type ReverseCommand,
  type ReverseOutcome,
  type SupplierName,
} from '@invoice/inventory';
import { auditPut } from './dynamodb-audit-trail';
import { fromDynamoNumber } from './dynamodb-decimal';
import { nameKey, namePut } from './dynamodb-supplier-directory';
import { assertNextVersion, itemTooLargeOr } from './dynamodb-job-repository';
import { toJobItem, versionCondition } from './dynamodb-job-item';
import {
  ACTIONS_PER_SKU,
  claimItem,
  claimKey,
  entryKeys,
  fromEntryItem,
  fromLedgerItem,
  fromMovementItem,
  LEDGER_SORT_PREFIX,
  ledgerItem,
  movementPartition,
  PENDING_APPLY_PARTITION,
  pendingItem,
  skuActions,
  type EntryKeys,
  type MovementSource,
  type StoredLedger,
} from './dynamodb-ledger-items';
import { isConditionFailure, MAX_TRANSACTION_ACTIONS, transactWrite } from './dynamodb-transaction';

type Item = Record<string, AttributeValue>;

export interface LedgerTableNames {
  jobs: string;
  inventory: string;
  ledger: string;
  /** The audit trail's table: an apply's entries are Puts of its first transaction. */
  audit: string;
  /** The supplier directory's table: an apply's supplier name is a Put of its first transaction. */
  skuMappings: string;
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

  /**
   * The supplier's name, unless it is the name already stored. Each apply of the supplier would otherwise put
   * the same item in its transaction, and two applies for one supplier at once (a delivery's invoices, applied
   * together) would cancel each other with TransactionConflict, though their SKUs differ.
   */
  private async nameToRemember(name: SupplierName | undefined): Promise<SupplierName | undefined> {
    if (!name) return undefined;
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tables.skuMappings, Key: nameKey(name.supplierKey), ConsistentRead: true }),
    );
    return Item?.displayName?.S === name.displayName ? undefined : name;
  }

  async applyOnce(command: ApplyCommand): Promise<ApplyOutcome> {
    assertNextVersion(command.job, command.expectedJobVersion);
    const { ledger } = command;
    const keys = entryKeys('apply', ledger.jobId, ledger.applySequence ?? 1);
    const claims = command.claims ?? [];
    const audit = command.audit ?? [];
    audit.forEach(checkAuditEntry);
    const supplierName = await this.nameToRemember(command.supplierName);
    // Besides the record and the job, each claim's uniqueness item, each audit entry and the supplier's name
    // cost the first transaction one action.
    const firstChunkSkus = firstChunkSizeFor(ledger.deltas.length, claims.length + audit.length + (supplierName ? 1 : 0));
    const chunks = splitIntoChunks(ledger.deltas, firstChunkSkus);
    // A chunk refused after the first transaction committed would leave the apply half done for good.
    if (chunks.length > 1) await this.assertWithinNumberLimit(ledger.deltas);
    const movement: MovementSource = { keys, at: ledger.appliedAt, reviewRevision: ledger.reviewRevision };
    const claimKeys = claims.map((claim) => claim.key);
    const first: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tables.ledger,
          Item: ledgerItem(ledger, { chunkCount: chunks.length, firstChunkSkus }, keys, claimKeys),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tables.jobs, Item: toJobItem(command.job), ...versionCondition(command.expectedJobVersion) } },
      // The duplicate check and the apply are one decision: a claim another apply holds cancels this one.
      ...claims.map((claim) => ({
        Put: { TableName: this.tables.ledger, Item: claimItem(claim, ledger.jobId, keys.applySequence), ConditionExpression: 'attribute_not_exists(pk)' },
      })),
      ...(chunks.length > 1 ? [{ Put: { TableName: this.tables.ledger, Item: pendingItem(keys) } }] : []),
      ...(chunks[0] ?? []).flatMap((delta) => skuActions(this.tables, movement, delta)),
      // Last, so the reasons above keep their places; committed with the apply, so never lost apart from it.
      ...audit.map((entry) => ({ Put: auditPut(this.tables.audit, entry) })),
      ...(supplierName ? [{ Put: namePut(this.tables.skuMappings, supplierName) }] : []),
    ];

    const outcome = await transactWrite(this.client, first).catch(translateNumberLimit);
    if (outcome.committed) {
      if (chunks.length > 1) {
        await this.finishChunks(keys, { record: ledger, chunkCount: chunks.length, firstChunkSkus, complete: false, claims: claimKeys }, movement);
      }
      return { outcome: 'APPLIED', ledger };
    }
    if (isConditionFailure(outcome.reasons[0])) {
      const existing = await this.getLedgerRecord(ledger.jobId);
      if (!existing) throw new Error(`Ledger record of job ${ledger.jobId} vanished`, { cause: outcome.error });
      return { outcome: 'ALREADY_APPLIED', ledger: existing };
    }
    const taken = claims.find((_, index) => isConditionFailure(outcome.reasons[2 + index]));
    if (taken) {
      // Unless this job's own apply won meanwhile (its record is checked first), another job holds the claim.
      const existing = await this.getLedgerRecord(ledger.jobId);
      if (existing && (existing.applySequence ?? 1) === keys.applySequence) return { outcome: 'ALREADY_APPLIED', ledger: existing };
      throw await this.duplicateOf(ledger.jobId, taken, outcome.error);
    }
    if (isConditionFailure(outcome.reasons[1])) {
      // The ledger's own reason may be a conflict with the very apply that moved the job on: look again.
      const existing = await this.getLedgerRecord(ledger.jobId);
      if (existing && (existing.applySequence ?? 1) === keys.applySequence) return { outcome: 'ALREADY_APPLIED', ledger: existing };
      throw concurrentUpdate(command.job.jobId, command.expectedJobVersion, outcome.error);
    }
    if (supplierName && isConditionFailure(outcome.reasons[first.length - 1])) {
      // A later name is stored: it stays, and the apply goes ahead without this one (nameSupplier's rule).
      return this.applyOnce({ ...command, supplierName: undefined });
    }
    const auditStart = first.length - (supplierName ? 1 : 0) - audit.length;
    const stored = audit.find((_, index) => isConditionFailure(outcome.reasons[auditStart + index]));
    if (stored) throw new DomainError('INTERNAL_ERROR', `Audit entry ${stored.id} already exists; entries are never overwritten.`, { id: stored.id }, { cause: outcome.error });
    throw unexpectedCancellation(outcome);
  }

  async getLedgerRecord(jobId: string): Promise<LedgerRecord | null> {
    const item = await this.latestApplyItem(jobId);
    if (!item) return null;
    const stored = fromLedgerItem(item);
    if (!stored.complete) await this.finishApply(stored);
    return stored.record;
  }

  /**
   * The reversal mirrors apply: one transaction for up to SKUS_PER_TRANSACTION SKUs (the reversal record with
   * attribute_not_exists, the job's version-checked update to REVERSED, a check that the apply is complete,
   * the release of the apply's claims, and per SKU its stock ADD, guarded by `quantity >= -delta` unless
   * negative stock is allowed, and its movement item); more SKUs in chunks, committed by the first.
   */
  async reverseOnce(command: ReverseCommand): Promise<ReverseOutcome> {
    assertNextVersion(command.job, command.expectedJobVersion);
    const { reversal } = command;
    const applyKeys = entryKeys('apply', reversal.jobId, reversal.applySequence);
    const applyItem = await this.getItem(applyKeys.record);
    if (!applyItem) throw new Error(`Job ${reversal.jobId} has no apply ${reversal.applySequence} to reverse`);
    const applied = fromLedgerItem(applyItem);
    // Finished first, so that the reversal moves back every chunk of the apply and nothing moves after it.
    if (!applied.complete) await this.finishApply(applied);

    const keys = entryKeys('reversal', reversal.jobId, reversal.applySequence);
    const guard = !reversal.allowNegativeStock;
    // Besides the record and the job: the completeness check and one Delete per claim released.
    const firstChunkSkus = firstChunkSizeFor(reversal.deltas.length, 1 + applied.claims.length);
    const chunks = splitIntoChunks(reversal.deltas, firstChunkSkus);
    if (guard && chunks.length > 1) {
      // Only the first chunk's decreases are checked by the transaction itself; the later chunks' are checked
      // here, before anything is written, since a later chunk must never be refused once the first committed.
      const short = await this.wouldGoNegative(chunks.slice(1).flat());
      if (short.length > 0) {
        // A concurrent reversal of the same apply may be what took the stock down: then this one is a repeat.
        const existing = await this.getReversal(reversal.jobId, reversal.applySequence);
        if (existing) return { outcome: 'ALREADY_REVERSED', reversal: existing };
        throw insufficientStock(reversal.jobId, short);
      }
    }
    if (chunks.length > 1) await this.assertWithinNumberLimit(reversal.deltas);
    const movement: MovementSource = { keys, at: reversal.reversedAt, reviewRevision: applied.record.reviewRevision };
    const first: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tables.ledger,
          Item: ledgerItem(reversal, { chunkCount: chunks.length, firstChunkSkus }, keys),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tables.jobs, Item: toJobItem(command.job), ...versionCondition(command.expectedJobVersion) } },
      {
        // A condition on the apply's record (an Update, not a ConditionCheck, so the IAM policy needs no new action).
        Update: {
          TableName: this.tables.ledger,
          Key: applyKeys.record,
          UpdateExpression: 'SET reversedAt = :at',
          ConditionExpression: 'complete = :complete',
          ExpressionAttributeValues: { ':complete': { BOOL: true }, ':at': { S: reversal.reversedAt } },
        },
      },
      ...applied.claims.map((claim) => ({
        Delete: {
          TableName: this.tables.ledger,
          Key: claimKey(claim),
          ConditionExpression: 'attribute_not_exists(pk) OR jobId = :jobId',
          ExpressionAttributeValues: { ':jobId': { S: reversal.jobId } },
        },
      })),
      ...(chunks.length > 1 ? [{ Put: { TableName: this.tables.ledger, Item: pendingItem(keys) } }] : []),
      ...(chunks[0] ?? []).flatMap((delta) => skuActions(this.tables, movement, delta, { mustNotGoNegative: guard })),
    ];
    const firstSkuAction = first.length - ACTIONS_PER_SKU * (chunks[0]?.length ?? 0);

    const outcome = await transactWrite(this.client, first).catch(translateNumberLimit);
    if (outcome.committed) {
      if (chunks.length > 1) {
        await this.finishChunks(keys, { record: reversal, chunkCount: chunks.length, firstChunkSkus, complete: false, claims: [] }, movement);
      }
      return { outcome: 'REVERSED', reversal };
    }
    if (isConditionFailure(outcome.reasons[0]) || isConditionFailure(outcome.reasons[1])) {
      const existing = await this.getReversal(reversal.jobId, reversal.applySequence);
      if (existing) return { outcome: 'ALREADY_REVERSED', reversal: existing };
      if (isConditionFailure(outcome.reasons[1])) throw concurrentUpdate(command.job.jobId, command.expectedJobVersion, outcome.error);
    }
    const refused = (chunks[0] ?? []).filter((_, index) => isConditionFailure(outcome.reasons[firstSkuAction + ACTIONS_PER_SKU * index]));
    if (refused.length > 0) throw insufficientStock(reversal.jobId, await this.wouldGoNegative(refused, true), outcome.error);
    throw unexpectedCancellation(outcome);
  }

  async getReversal(jobId: string, applySequence: number): Promise<ReversalRecord | null> {
    const item = await this.getItem(entryKeys('reversal', jobId, applySequence).record);
    if (!item) return null;
    const stored = fromEntryItem<ReversalRecord>(item);
    if (!stored.complete) await this.finishReversal(stored);
    return stored.record;
  }

  /** One GetItem per key (an invoice has at most two claims; GetItem is what the IAM policy already grants). */
  async findClaimHolders(keys: readonly string[]): Promise<ClaimHolder[]> {
    const items = await Promise.all([...new Set(keys)].map((key) => this.getItem(claimKey(key))));
    return items.flatMap((item) =>
      item ? [{ key: item.claim?.S ?? '', reason: (item.reason?.S ?? 'same-document') as InvoiceClaim['reason'], jobId: item.jobId?.S ?? '' }] : [],
    );
  }

  async listStock(): Promise<InventoryItem[]> {
    await this.finishInterruptedApplies();
    const items: InventoryItem[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(new ScanCommand({ TableName: this.tables.inventory, ConsistentRead: true, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []).filter(hasStock).map(toInventoryItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => compareText(a.sku, b.sku));
  }

  async getStock(sku: string): Promise<InventoryItem | null> {
    await this.finishInterruptedApplies();
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tables.inventory, Key: { sku: { S: sku } }, ConsistentRead: true }));
    return Item && hasStock(Item) ? toInventoryItem(Item) : null;
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

  private async finishApply(stored: StoredLedger): Promise<void> {
    const { record } = stored;
    const keys = entryKeys('apply', record.jobId, record.applySequence ?? 1);
    await this.finishChunks(keys, stored, { keys, at: record.appliedAt, reviewRevision: record.reviewRevision ?? 0 });
  }

  private async finishReversal(stored: StoredLedger<ReversalRecord>): Promise<void> {
    const { record } = stored;
    const keys = entryKeys('reversal', record.jobId, record.applySequence);
    const applied = await this.getItem(entryKeys('apply', record.jobId, record.applySequence).record);
    const reviewRevision = applied ? (fromLedgerItem(applied).record.reviewRevision ?? 0) : 0;
    await this.finishChunks(keys, stored, { keys, at: record.reversedAt, reviewRevision });
  }

  /** Writes chunks 1..n-1 of a recorded entry (apply or reversal) that are not in yet, then marks it complete. */
  private async finishChunks(keys: EntryKeys, stored: StoredLedger<LedgerRecord | ReversalRecord>, movement: MovementSource): Promise<void> {
    const { record } = stored;
    const chunks = splitIntoChunks(record.deltas, stored.firstChunkSkus ?? SKUS_PER_TRANSACTION);
    if (chunks.length !== stored.chunkCount) {
      throw new Error(`Ledger entry ${keys.record.sk?.S} of job ${record.jobId} names ${stored.chunkCount} chunks, its deltas make ${chunks.length}`);
    }
    for (let index = 1; index < chunks.length; index += 1) {
      const outcome = await transactWrite(this.client, [
        { Put: { TableName: this.tables.ledger, Item: { ...keys.chunk(index), jobId: { S: record.jobId } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(chunks[index] ?? []).flatMap((delta) => skuActions(this.tables, movement, delta)),
      ]).catch(translateNumberLimit);
      // A failed marker condition means this chunk went in before (an earlier or concurrent finisher).
      if (!outcome.committed && !isConditionFailure(outcome.reasons[0])) throw unexpectedCancellation(outcome);
    }
    // Both idempotent, so a concurrent finisher doing the same is harmless.
    await transactWrite(this.client, [
      {
        Update: {
          TableName: this.tables.ledger,
          Key: keys.record,
          UpdateExpression: 'SET complete = :complete',
          ExpressionAttributeValues: { ':complete': { BOOL: true } },
        },
      },
      { Delete: { TableName: this.tables.ledger, Key: { pk: { S: PENDING_APPLY_PARTITION }, sk: { S: keys.pendingSortKey } } } },
    ]);
  }

  /** The job's apply record with the highest sequence: `LEDGER` sorts before `LEDGER#0002`. */
  private async latestApplyItem(jobId: string): Promise<Item | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tables.ledger,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: `JOB#${jobId}` }, ':prefix': { S: LEDGER_SORT_PREFIX } },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Items[0];
  }

  private async getItem(key: Item): Promise<Item | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tables.ledger, Key: key, ConsistentRead: true }));
    return Item;
  }

  /**
   * Refuses (VALIDATION_FAILED, before anything is written) an entry whose delta or resulting stock of any SKU
   * needs more significant digits than a DynamoDB number holds. Checked with consistent reads before the first
   * transaction of a chunked entry; a stock changed by another apply in the milliseconds between could still
   * pass the limit, which realistic quantities (well under 20 digits) never approach.
   */
  private async assertWithinNumberLimit(deltas: readonly StockDelta[]): Promise<void> {
    const over: { sku: string; quantity: string; delta: string }[] = [];
    for (let start = 0; start < deltas.length; start += PARALLEL_READS) {
      await Promise.all(
        deltas.slice(start, start + PARALLEL_READS).map(async (delta) => {
          const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tables.inventory, Key: { sku: { S: delta.sku } }, ConsistentRead: true }));
          const quantity = fromDynamoNumber(Item?.quantity?.N);
          const sum = new ExactDecimal(quantity).plus(delta.quantity);
          if (new ExactDecimal(delta.quantity).sd(true) > DYNAMODB_DIGITS || sum.sd(true) > DYNAMODB_DIGITS) over.push({ sku: delta.sku, quantity, delta: delta.quantity });
        }),
      );
    }
    if (over.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `A stock quantity would need more than ${DYNAMODB_DIGITS} significant digits: ${over.map((item) => item.sku).join(', ')}`, {
        issues: over.map((item) => ({ path: `/deltas/${item.sku}`, message: `${item.quantity} + ${item.delta} needs more than ${DYNAMODB_DIGITS} significant digits` })),
      });
    }
  }

  /** DUPLICATE_INVOICE naming the job that holds the claim (read after the cancellation). */
  private async duplicateOf(jobId: string, claim: InvoiceClaim, cause: unknown): Promise<DomainError> {
    const holder = await this.getItem(claimKey(claim.key));
    return duplicateInvoice(jobId, { jobId: holder?.jobId?.S ?? '?', reason: claim.reason }, cause);
  }

  /** The decreases among `deltas` that would take their SKU's stock below zero now (all of them when `all`). */
  private async wouldGoNegative(deltas: readonly StockDelta[], all = false): Promise<{ sku: string; quantity: string; delta: string }[]> {
    const found: { sku: string; quantity: string; delta: string }[] = [];
    for (const delta of deltas) {
      if (!delta.quantity.startsWith('-')) continue;
      const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tables.inventory, Key: { sku: { S: delta.sku } }, ConsistentRead: true }));
      const quantity = fromDynamoNumber(Item?.quantity?.N);
      if (all || new ExactDecimal(quantity).plus(delta.quantity).lt(0)) found.push({ sku: delta.sku, quantity, delta: delta.quantity });
    }
    return found;
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
      // Items written before reversals existed name neither entry nor sequence: they are apply 1.
      const applySequence = Number(item.applySequence?.N ?? '1');
      try {
        if (item.entry?.S === 'reversal') await this.getReversal(jobId, applySequence);
        else {
          const applied = await this.getItem(entryKeys('apply', jobId, applySequence).record);
          if (applied && !fromLedgerItem(applied).complete) await this.finishApply(fromLedgerItem(applied));
        }
      } catch (error) {
        // One apply that cannot be finished (a chunk DynamoDB refuses) must not take every stock read down
        // with it: the read answers, the failure is logged, and the job's own apply or review reports it.
        process.stderr.write(`[api] could not finish the interrupted apply of job ${jobId}: ${(error as Error).message}\n`);
      }
    }
  }
}

/**
 * SKUs in the first chunk of a new entry: all of them when they fit one transaction, else FIRST_CHUNK_SKUS;
 * `extraActions` (claims taken or released, a completeness check) each cost the first transaction one action.
 */
export function firstChunkSizeFor(skuCount: number, extraActions = 0): number {
  const single = Math.floor((MAX_TRANSACTION_ACTIONS - 2 - extraActions) / ACTIONS_PER_SKU);
  return skuCount <= single ? single : Math.floor((MAX_TRANSACTION_ACTIONS - 3 - extraActions) / ACTIONS_PER_SKU);
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

/** A row the item catalogue created holds no quantity until an apply ADDs one: an item, but no stock yet. */
function hasStock(item: Item): boolean {
  return item.quantity !== undefined;
}

function toInventoryItem(item: Item): InventoryItem {
  return { sku: item.sku?.S ?? '', quantity: fromDynamoNumber(item.quantity?.N), updatedAt: item.updatedAt?.S ?? '' };
}

/** Significant digits of a DynamoDB number. */
const DYNAMODB_DIGITS = 38;
/** Stock reads sent at once by the digit check of a chunked entry. */
const PARALLEL_READS = 25;

/** DynamoDB numbers hold 38 significant digits; a stock sum needing more is refused before anything is written. */
const NUMBER_LIMIT = /precision|magnitude|significant digits|number overflow|number underflow/i;

function translateNumberLimit(error: unknown): never {
  if (error instanceof Error && error.name === 'ValidationException' && NUMBER_LIMIT.test(error.message)) {
    throw new DomainError('VALIDATION_FAILED', `A stock quantity would exceed what DynamoDB stores exactly: ${error.message}`, undefined, { cause: error });
  }
  // The job item written with the apply or reversal (its review) may be over DynamoDB's item size.
  throw itemTooLargeOr(error, '?');
}

function unexpectedCancellation({ reasons, error }: { reasons: CancellationReason[]; error: Error }): Error {
  const validation = reasons.find((reason) => reason.Code === 'ValidationError');
  if (validation) {
    // e.g. a stock sum beyond the 38 significant digits a DynamoDB number holds
    return new DomainError('VALIDATION_FAILED', `DynamoDB refused the apply: ${validation.Message ?? 'validation error'}`, undefined, { cause: error });
  }
  return new Error(`Apply transaction cancelled: ${reasons.map((reason) => reason.Code ?? '?').join(', ')}`, { cause: error });
}
