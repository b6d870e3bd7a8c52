import { GetItemCommand, QueryCommand, ScanCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { InvoiceLine, LedgerRecord, StockDelta } from '@invoice/contracts';
import { nextVersion, planApply, type JobRecord } from '@invoice/inventory';
import { describe, expect, it } from 'vitest';
import {
  DynamoDbInventoryLedger,
  FIRST_CHUNK_SKUS,
  firstChunkSizeFor,
  SKUS_PER_TRANSACTION,
  splitIntoChunks,
} from '../../src/adapters/aws/dynamodb-inventory-ledger';
import { fromLedgerItem, ledgerItem, PENDING_APPLY_PARTITION } from '../../src/adapters/aws/dynamodb-ledger-items';
import { DynamoDbSupplierDirectory, nameKey } from '../../src/adapters/aws/dynamodb-supplier-directory';
import { parsedJob } from '../contracts/sample-records';
import { parsedJobInDynamoDb } from './support/parsed-job-in-dynamodb';

/** DynamoDB specifics of apply, against DynamoDB Local, whose limits and errors are the real ones. */
describe('DynamoDbInventoryLedger with DynamoDB limits', () => {
  const setup = parsedJobInDynamoDb();

  function command(job: JobRecord, deltas: StockDelta[]) {
    const appliedAt = new Date().toISOString();
    const ledger: LedgerRecord = { jobId: job.jobId, attempt: job.attempt, reviewRevision: 0, appliedAt, deltas, applySequence: 1 };
    return { ledger, job: nextVersion(job, { status: 'APPLIED', appliedAt }, new Date(appliedAt)), expectedJobVersion: job.version };
  }

  /** n distinct SKUs, quantities with decimals so that every one is checked exactly. */
  function manySkus(count: number): StockDelta[] {
    return Array.from({ length: count }, (_, n) => ({ sku: `SKU-${String(n).padStart(4, '0')}`, quantity: `${n + 1}.25` }));
  }

  async function stockOf(ledger: DynamoDbInventoryLedger): Promise<Record<string, string>> {
    return Object.fromEntries((await ledger.listStock()).map((item) => [item.sku, item.quantity]));
  }

  it(`applies more distinct SKUs than one transaction holds (${FIRST_CHUNK_SKUS}, then ${SKUS_PER_TRANSACTION} per chunk) exactly once`, async () => {
    // Arrange: 3 chunks
    const { ledger, jobs, job } = await setup();
    const deltas = manySkus(SKUS_PER_TRANSACTION * 2 + 7);
    const apply = command(job, deltas);

    // Act
    const first = await ledger.applyOnce(apply);
    const repeat = await ledger.applyOnce(apply);

    // Assert
    expect(first.outcome).toBe('APPLIED');
    expect(repeat).toEqual({ outcome: 'ALREADY_APPLIED', ledger: apply.ledger });
    expect(await stockOf(ledger)).toEqual(Object.fromEntries(deltas.map((delta) => [delta.sku, delta.quantity])));
    expect((await jobs.get(job.jobId))?.status).toBe('APPLIED');
    expect(await ledger.listMovements('SKU-0100')).toEqual([
      { jobId: job.jobId, sku: 'SKU-0100', quantity: '101.25', appliedAt: apply.ledger.appliedAt, reviewRevision: 0, entry: 'apply', applySequence: 1 },
    ]);
  });

  it("leaves the supplier's stored name out of the transaction when it is unchanged, so one supplier's applies at once do not conflict", async () => {
    // Arrange: the supplier already named, and eight more parsed jobs of it to apply together
    const { ledger, jobs, dynamodb, resources } = await setup();
    const named = { supplierKey: 'acme', displayName: 'ACME GmbH', seenAt: '2026-03-01T10:00:00.000Z' };
    await new DynamoDbSupplierDirectory(dynamodb, resources.settings.tables.skuMappings).nameSupplier(named);
    const batch = await Promise.all(Array.from({ length: 8 }, async () => {
      const job = parsedJob();
      await jobs.create(job);
      return job;
    }));

    // Act
    const outcomes = await Promise.all(
      batch.map((job, n) => ledger.applyOnce({ ...command(job, [{ sku: `S-${n}`, quantity: '1' }]), supplierName: { ...named, seenAt: new Date().toISOString() } })),
    );

    // Assert: all applied, and the name item untouched (its seenAt is the first one's)
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(batch.map(() => 'APPLIED'));
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: resources.settings.tables.skuMappings, Key: nameKey('acme') }));
    expect(Item?.seenAt?.S).toBe(named.seenAt);
  });

  it('finishes a chunked apply interrupted after its first transaction, moving each SKU once', async () => {
    // Arrange: a client that dies after the first TransactWriteItems, as a Lambda that times out would
    const { ledger, resources, dynamodb, job } = await setup();
    const deltas = manySkus(SKUS_PER_TRANSACTION * 3);
    const apply = command(job, deltas);
    const crashing = new DynamoDbInventoryLedger(failAfterTransactions(dynamodb, 1), resources.settings.tables);
    await expect(crashing.applyOnce(apply)).rejects.toThrow('simulated crash');
    // Read raw: the adapter's own stock reads would finish the apply first
    const partial = await storedSkus(dynamodb, resources.settings.tables.inventory);

    // Act: two finishers at once (a repeated apply, and the ledger lookup of the APPLIED job)
    const [resumed, record] = await Promise.all([ledger.applyOnce(apply), ledger.getLedgerRecord(job.jobId)]);

    // Assert
    expect(partial).toHaveLength(FIRST_CHUNK_SKUS);
    expect(resumed.outcome).toBe('ALREADY_APPLIED');
    expect(record).toEqual(apply.ledger);
    expect(await stockOf(ledger)).toEqual(Object.fromEntries(deltas.map((delta) => [delta.sku, delta.quantity])));
    expect(await ledger.listMovements('SKU-0000')).toHaveLength(1);
  });

  it('lets a stock read finish a chunked apply that a crash left between chunks, with the job already APPLIED', async () => {
    // Arrange: the first transaction (ledger record, job APPLIED, first chunk) commits, then the client dies
    const { ledger, resources, dynamodb, jobs, job } = await setup();
    const deltas = manySkus(SKUS_PER_TRANSACTION * 2 + 3);
    const apply = command(job, deltas);
    const crashing = new DynamoDbInventoryLedger(failAfterTransactions(dynamodb, 1), resources.settings.tables);
    await expect(crashing.applyOnce(apply)).rejects.toThrow('simulated crash');
    const pendingBefore = await pendingApplies(dynamodb, resources.settings.tables.ledger);

    // Act: nobody repeats the apply or opens the job; someone looks at stock
    const lastSku = deltas.at(-1)?.sku as string;
    const single = await ledger.getStock(lastSku);
    const all = await stockOf(ledger);

    // Assert
    expect((await jobs.get(job.jobId))?.status).toBe('APPLIED');
    expect(pendingBefore).toEqual([job.jobId]);
    expect(single?.quantity).toBe(deltas.at(-1)?.quantity);
    expect(all).toEqual(Object.fromEntries(deltas.map((delta) => [delta.sku, delta.quantity])));
    expect(await pendingApplies(dynamodb, resources.settings.tables.ledger)).toEqual([]);
    expect(await ledger.listMovements(lastSku)).toHaveLength(1);
  });

  it('refuses a chunked apply whose later chunk would pass 38 digits before its first transaction, so it is never half done', async () => {
    // Arrange: SKU-0060 (in the second chunk) already holds 37 significant digits, so adding a tiny fraction to it is refused
    const { ledger, jobs, job } = await setup();
    const seed = parsedJob();
    await jobs.create(seed);
    await ledger.applyOnce(command(seed, [{ sku: 'SKU-0060', quantity: '1234567890123456789012345.123456789012' }]));
    const deltas = manySkus(SKUS_PER_TRANSACTION + 20).map((delta) => (delta.sku === 'SKU-0060' ? { ...delta, quantity: '0.00000000000001' } : delta));
    const refused = await ledger.applyOnce(command(job, deltas)).catch((error: unknown) => error);

    // Act
    const stock = await stockOf(ledger);

    // Assert: refused before the first transaction (issue 12, finding 4): nothing moved, the job is not APPLIED
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: '/deltas/SKU-0060' }] } });
    expect(stock['SKU-0000']).toBeUndefined();
    expect(stock['SKU-0060']).toBe('1234567890123456789012345.123456789012');
    expect(await ledger.getLedgerRecord(job.jobId)).toBeNull();
    expect((await jobs.get(job.jobId))?.status).toBe('PARSED');
  });

  it('applies a chunked invoice once when 20 applies of it race, each with its own payload and token', async () => {
    // Arrange
    const { ledger, job } = await setup();
    const deltas = manySkus(SKUS_PER_TRANSACTION * 2 + 3);

    // Act: every racer read the same job version, as 20 concurrent requests would
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => ledger.applyOnce(command(job, deltas)).catch((error: { code?: string }) => error.code ?? 'thrown')));

    // Assert
    const applied = outcomes.filter((outcome) => typeof outcome === 'object' && outcome.outcome === 'APPLIED');
    expect(applied).toHaveLength(1);
    expect(outcomes.every((outcome) => typeof outcome === 'object' || outcome === 'JOB_CONCURRENT_UPDATE')).toBe(true);
    expect(await stockOf(ledger)).toEqual(Object.fromEntries(deltas.map((delta) => [delta.sku, delta.quantity])));
    expect(await ledger.listMovements('SKU-0050')).toHaveLength(1);
  });

  it('splits a chunked apply so that no transaction exceeds 100 actions: the first chunk also holds the pending item', () => {
    // Arrange
    const sizes = (count: number) => splitIntoChunks(manySkus(count), firstChunkSizeFor(count)).map((chunk) => chunk.length);

    // Act + Assert: ledger + job (+ pending) + 2 per SKU; a later chunk's marker + 2 per SKU
    expect(sizes(0)).toEqual([0]);
    expect(sizes(SKUS_PER_TRANSACTION)).toEqual([49]);
    expect(sizes(SKUS_PER_TRANSACTION + 1)).toEqual([48, 2]);
    expect(sizes(48 + 49 + 49)).toEqual([48, 49, 49]);
    expect(3 + 2 * FIRST_CHUNK_SKUS).toBeLessThanOrEqual(100);
    expect(2 + 2 * SKUS_PER_TRANSACTION).toBeLessThanOrEqual(100);
  });

  it('resumes with the split its ledger record names, also for a record written before the first chunk size was stored', () => {
    // Arrange: the same 105 deltas recorded now, and by the earlier rule (49 in every chunk, no firstChunkSkus)
    const record: LedgerRecord = { jobId: 'j', attempt: 1, reviewRevision: 0, appliedAt: '2026-11-25T10:00:00.000Z', deltas: manySkus(105) };
    const current = fromLedgerItem(ledgerItem(record, { chunkCount: 3, firstChunkSkus: FIRST_CHUNK_SKUS }));
    const { firstChunkSkus: _dropped, ...legacyItem } = ledgerItem(record, { chunkCount: 3, firstChunkSkus: 49 });
    const legacy = fromLedgerItem(legacyItem);

    // Act
    const resumedNow = splitIntoChunks(record.deltas, current.firstChunkSkus ?? SKUS_PER_TRANSACTION).map((chunk) => chunk.length);
    const resumedLegacy = splitIntoChunks(record.deltas, legacy.firstChunkSkus ?? SKUS_PER_TRANSACTION).map((chunk) => chunk.length);

    // Assert: same chunk count, different boundaries; each record is resumed along its own
    expect(resumedNow).toEqual([48, 49, 8]);
    expect(resumedLegacy).toEqual([49, 49, 7]);
  });

  function reverseCommand(applied: JobRecord, deltas: StockDelta[], allowNegativeStock = false) {
    const reversedAt = new Date().toISOString();
    const negated = deltas.map((delta) => ({ sku: delta.sku, quantity: delta.quantity.startsWith('-') ? delta.quantity.slice(1) : `-${delta.quantity}` }));
    return {
      reversal: { jobId: applied.jobId, applySequence: 1, reversedAt, deltas: negated, allowNegativeStock },
      job: nextVersion(applied, { status: 'REVERSED' }, new Date(reversedAt)),
      expectedJobVersion: applied.version,
    };
  }

  it('reverses a chunked apply once under 20 concurrent reversals, every chunk moved back', async () => {
    // Arrange
    const { ledger, job, jobs } = await setup();
    const deltas = manySkus(SKUS_PER_TRANSACTION * 2 + 7);
    const apply = command(job, deltas);
    await ledger.applyOnce(apply);

    // Act
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => ledger.reverseOnce(reverseCommand(apply.job, deltas))));

    // Assert
    expect(outcomes.filter((outcome) => outcome.outcome === 'REVERSED')).toHaveLength(1);
    expect(Object.values(await stockOf(ledger)).every((quantity) => quantity === '0')).toBe(true);
    expect(Object.keys(await stockOf(ledger))).toHaveLength(deltas.length);
    expect((await jobs.get(job.jobId))?.status).toBe('REVERSED');
    expect((await ledger.listMovements('SKU-0104')).map((movement) => [movement.entry, movement.quantity])).toEqual([
      ['reversal', '-105.25'],
      ['apply', '105.25'],
    ]);
  });

  it('refuses a chunked reversal that would take a later chunk below zero before anything is written', async () => {
    // Arrange: the last SKU (in the last chunk) was partly sent out by another job
    const { ledger, job, jobs } = await setup();
    const deltas = manySkus(SKUS_PER_TRANSACTION * 2 + 7);
    const apply = command(job, deltas);
    await ledger.applyOnce(apply);
    const other = parsedJob();
    await jobs.create(other);
    await ledger.applyOnce(command(other, [{ sku: 'SKU-0104', quantity: '-100' }]));

    // Act
    const refused = ledger.reverseOnce(reverseCommand(apply.job, deltas));

    // Assert
    await expect(refused).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { skus: [{ sku: 'SKU-0104', quantity: '5.25', delta: '-105.25' }] } });
    expect(await ledger.getReversal(job.jobId, 1)).toBeNull();
    expect((await stockOf(ledger))['SKU-0000']).toBe('1.25');
    expect((await jobs.get(job.jobId))?.status).toBe('APPLIED');
  });

  it('adds the same SKU on two lines as one ADD, since DynamoDB refuses two actions on one item', async () => {
    // Arrange
    const { ledger, job, dynamodb, resources } = await setup();
    const lines = [line(0, 'BOLT-M8', '2.5'), line(1, 'BOLT-M8', '0.75'), line(2, 'NUT-M8', '4')];
    const inventory = resources.settings.tables.inventory;
    const add = (sku: string, quantity: string) => ({
      Update: { TableName: inventory, Key: { sku: { S: sku } }, UpdateExpression: 'ADD quantity :q', ExpressionAttributeValues: { ':q': { N: quantity } } },
    });

    // Act
    const outcome = await ledger.applyOnce(command(job, planApply(lines)));
    const unaggregated = await dynamodb
      .send(new TransactWriteItemsCommand({ TransactItems: [add('BOLT-M8', '2.5'), add('BOLT-M8', '0.75')] }))
      .then(() => 'accepted', (error: Error) => error.message);

    // Assert
    expect(outcome.ledger.deltas).toEqual([
      { sku: 'BOLT-M8', quantity: '3.25' },
      { sku: 'NUT-M8', quantity: '4' },
    ]);
    expect(await stockOf(ledger)).toEqual({ 'BOLT-M8': '3.25', 'NUT-M8': '4' });
    expect(unaggregated).toMatch(/multiple operations on one item/i);
  });

  it('answers ALREADY_APPLIED, not an error, when the transaction is cancelled by the ledger condition after the job moved on', async () => {
    // Arrange: the first apply bumped the job's version, so a late second apply fails BOTH conditions
    const { ledger, job } = await setup();
    const first = command(job, [{ sku: 'A', quantity: '1' }]);
    await ledger.applyOnce(first);

    // Act
    const late = await ledger.applyOnce(command(job, [{ sku: 'A', quantity: '1' }]));

    // Assert
    expect(late).toEqual({ outcome: 'ALREADY_APPLIED', ledger: first.ledger });
    expect(await stockOf(ledger)).toEqual({ A: '1' });
  });

  it('keeps 37 significant digits exact and refuses a sum past the 38 DynamoDB holds with a coded error, changing nothing', async () => {
    // Arrange
    const { ledger, jobs, job } = await setup();
    await ledger.applyOnce(command(job, [{ sku: 'A', quantity: '1234567890123456789012345.123456789012' }]));
    const second = parsedJob();
    await jobs.create(second);

    // Act
    const overflow = await ledger.applyOnce(command(second, [{ sku: 'A', quantity: '0.00000000000001' }])).catch((error: unknown) => error);

    // Assert
    expect(await stockOf(ledger)).toEqual({ A: '1234567890123456789012345.123456789012' });
    expect(overflow).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await stockOf(ledger)).toEqual({ A: '1234567890123456789012345.123456789012' });
    expect(await ledger.getLedgerRecord(second.jobId)).toBeNull();
  });
});

function line(index: number, sku: string, quantity: string): InvoiceLine {
  return { index, kind: 'item', sku, description: sku, quantity, unit: null, unitPrice: null, lineTotal: null, page: 1, bbox: null } as unknown as InvoiceLine;
}

/** SKUs in the inventory table as stored, without the adapter (whose reads finish interrupted applies). */
async function storedSkus(client: DynamoDBClient, inventoryTable: string): Promise<string[]> {
  const { Items = [] } = await client.send(new ScanCommand({ TableName: inventoryTable, ConsistentRead: true }));
  return Items.map((item) => item.sku?.S ?? '');
}

/** Job ids of chunked applies whose later chunks are not all in. */
async function pendingApplies(client: DynamoDBClient, ledgerTable: string): Promise<string[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({ TableName: ledgerTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: PENDING_APPLY_PARTITION } }, ConsistentRead: true }),
  );
  return Items.map((item) => item.sk?.S ?? '');
}

/** The same client, except that every TransactWriteItems after the first `allowed` throws before it is sent. */
function failAfterTransactions(client: DynamoDBClient, allowed: number): DynamoDBClient {
  let transactions = 0;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (commandToSend: unknown) => {
        if (commandToSend instanceof TransactWriteItemsCommand) {
          transactions += 1;
          if (transactions > allowed) return Promise.reject(new Error('simulated crash'));
        }
        return target.send(commandToSend as TransactWriteItemsCommand);
      };
    },
  });
}
