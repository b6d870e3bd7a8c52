import {
  TransactionCanceledException,
  TransactionInProgressException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AuditEntry, LedgerRecord } from '@invoice/contracts';
import { isDomainError, nextVersion, type JobRecord } from '@invoice/inventory';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoDbInventoryLedger } from '../../src/adapters/aws/dynamodb-inventory-ledger';
import { DynamoDbItemCatalogue } from '../../src/adapters/aws/dynamodb-item-catalogue';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { transactWrite } from '../../src/adapters/aws/dynamodb-transaction';
import { parsedJob } from '../contracts/sample-records';
import { parsedJobInDynamoDb } from './support/parsed-job-in-dynamodb';

/** How TransactWriteItems rounds are retried, against DynamoDB Local where the real call can run. */
describe('transactWrite', () => {
  const setup = parsedJobInDynamoDb();

  function command(job: JobRecord) {
    const appliedAt = new Date().toISOString();
    const ledger: LedgerRecord = { jobId: job.jobId, attempt: job.attempt, reviewRevision: 0, appliedAt, deltas: [{ sku: 'A', quantity: '1.5' }], applySequence: 1 };
    return { ledger, job: nextVersion(job, { status: 'APPLIED', appliedAt }, new Date(appliedAt)), expectedJobVersion: job.version };
  }

  it('answers APPLIED, not ALREADY_APPLIED, when the answer of the committing round was lost and the next round resends it', async () => {
    // Arrange: the first TransactWriteItems reaches DynamoDB and commits, but its caller sees TransactionInProgressException
    const { resources, dynamodb, job } = await setup();
    const tokens: string[] = [];
    const lossy = interceptTransactions(dynamodb, async (sent, call) => {
      tokens.push(sent.input.ClientRequestToken ?? '');
      await dynamodb.send(sent);
      if (call === 1) throw new TransactionInProgressException({ message: 'answer lost', $metadata: {} });
    });
    const ledger = new DynamoDbInventoryLedger(lossy, resources.settings.tables);

    // Act
    const outcome = await ledger.applyOnce(command(job));

    // Assert: the second round carried the same token, so DynamoDB answered it as the committed first one
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toBe(tokens[0]);
    expect(outcome.outcome).toBe('APPLIED');
    expect(await new DynamoDbInventoryLedger(dynamodb, resources.settings.tables).listStock()).toMatchObject([{ sku: 'A', quantity: '1.5' }]);
  });

  it('draws a new token for every call, so two applies with different payloads never collide on one', async () => {
    // Arrange
    const { resources, dynamodb, job } = await setup();
    const tokens: string[] = [];
    const recording = interceptTransactions(dynamodb, async (sent) => {
      tokens.push(sent.input.ClientRequestToken ?? '');
      await dynamodb.send(sent);
    });
    const ledger = new DynamoDbInventoryLedger(recording, resources.settings.tables);

    // Act
    const first = await ledger.applyOnce(command(job));
    const second = await ledger.applyOnce(command(job));

    // Assert
    expect([first.outcome, second.outcome]).toEqual(['APPLIED', 'ALREADY_APPLIED']);
    expect(new Set(tokens).size).toBe(2);
  });

  it('turns contention that outlasts its rounds into JOB_CONCURRENT_UPDATE, and throttling into STORAGE_UNAVAILABLE', async () => {
    // Arrange: DynamoDB Local cannot be made to conflict on demand, so the cancellation is the SDK's own exception type
    const { dynamodb } = await setup();
    const cancelled = (code: string) =>
      interceptTransactions(dynamodb, async () => {
        throw new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: code }] });
      });
    const items = [{ ConditionCheck: { TableName: 'unused', Key: { id: { S: 'x' } }, ConditionExpression: 'attribute_exists(id)' } }];

    // Act
    const conflict = await transactWrite(cancelled('TransactionConflict'), items, { rounds: 3 }).catch((error: unknown) => error);
    const throttled = await transactWrite(cancelled('ThrottlingError'), items, { rounds: 3 }).catch((error: unknown) => error);

    // Assert
    expect(conflict).toMatchObject({ code: 'JOB_CONCURRENT_UPDATE', cause: { name: 'TransactionCanceledException' } });
    expect(throttled).toMatchObject({ code: 'STORAGE_UNAVAILABLE', cause: { name: 'TransactionCanceledException' } });
  });
});

/**
 * Errors keep their cause: the refusal a caller reads from a cancelled transaction carries DynamoDB's own
 * TransactionCanceledException (its reasons included), so the request log shows what the store said.
 */
describe('a refusal read from a cancelled transaction', () => {
  const setup = parsedJobInDynamoDb();

  function applyCommand(job: JobRecord, deltas: { sku: string; quantity: string }[]) {
    const appliedAt = new Date().toISOString();
    const ledger: LedgerRecord = { jobId: job.jobId, attempt: job.attempt, reviewRevision: 0, appliedAt, deltas, applySequence: 1 };
    return { ledger, job: nextVersion(job, { status: 'APPLIED', appliedAt }, new Date(appliedAt)), expectedJobVersion: job.version };
  }

  function reverseCommand(applied: JobRecord, deltas: { sku: string; quantity: string }[]) {
    const reversedAt = new Date().toISOString();
    const reversal = { jobId: applied.jobId, applySequence: 1, reversedAt, deltas: deltas.map((delta) => ({ sku: delta.sku, quantity: `-${delta.quantity}` })), allowNegativeStock: false };
    return { reversal, job: nextVersion(applied, { status: 'REVERSED' }, new Date(reversedAt)), expectedJobVersion: applied.version };
  }

  it('JOB_CONCURRENT_UPDATE of an apply whose job version moved on has the TransactionCanceledException as its cause', async () => {
    // Arrange: the job moved on after the apply read it
    const { jobs, job, ledger } = await setup();
    await jobs.update(nextVersion(job, { reviewRevision: 1 }, new Date()), job.version);

    // Act
    const error = await ledger.applyOnce(applyCommand(job, [{ sku: 'C-1', quantity: '1' }])).catch((thrown: unknown) => thrown);

    // Assert
    expect(isDomainError(error, 'JOB_CONCURRENT_UPDATE')).toBe(true);
    const cause = (error as Error).cause as TransactionCanceledException;
    expect(cause).toBeInstanceOf(TransactionCanceledException);
    expect(cause.name).toBe('TransactionCanceledException');
    expect(cause.CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None', 'None']);
  });

  it('DUPLICATE_INVOICE of an apply whose claim another job holds has the TransactionCanceledException as its cause', async () => {
    // Arrange: another job applied the same document first
    const { jobs, job, ledger } = await setup();
    const claims = [{ key: `DOC#${'a'.repeat(64)}`, reason: 'same-document' as const }];
    const first = parsedJob();
    await jobs.create(first);
    await ledger.applyOnce({ ...applyCommand(first, [{ sku: 'C-3', quantity: '1' }]), claims });

    // Act
    const error = await ledger.applyOnce({ ...applyCommand(job, [{ sku: 'C-3', quantity: '1' }]), claims }).catch((thrown: unknown) => thrown);

    // Assert
    expect(isDomainError(error, 'DUPLICATE_INVOICE')).toBe(true);
    expect(error).toMatchObject({ details: { jobId: first.jobId, reason: 'same-document' }, cause: { name: 'TransactionCanceledException' } });
  });

  it('INSUFFICIENT_STOCK of a reversal has the TransactionCanceledException as its cause', async () => {
    // Arrange: 3 received, then 2 of them sent out by a credit note
    const { jobs, job, ledger } = await setup();
    const received = applyCommand(job, [{ sku: 'C-2', quantity: '3' }]);
    await ledger.applyOnce(received);
    const creditNote = parsedJob();
    await jobs.create(creditNote);
    await ledger.applyOnce(applyCommand(creditNote, [{ sku: 'C-2', quantity: '-2' }]));

    // Act
    const error = await ledger.reverseOnce(reverseCommand(received.job, [{ sku: 'C-2', quantity: '3' }])).catch((thrown: unknown) => thrown);

    // Assert
    expect(isDomainError(error, 'INSUFFICIENT_STOCK')).toBe(true);
    expect(error).toMatchObject({ details: { skus: [{ sku: 'C-2', quantity: '1', delta: '-3' }] }, cause: { name: 'TransactionCanceledException' } });
  });

  it("a job create whose audit entry's id is taken is refused INTERNAL_ERROR with the TransactionCanceledException as its cause", async () => {
    // Arrange
    const { resources, dynamodb } = await setup();
    const repository = new DynamoDbJobRepository(dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit);
    const [first, second] = [parsedJob(), parsedJob()];
    const entry: AuditEntry = { id: randomUUID(), at: new Date().toISOString(), actor: { user: 'anna', role: 'operator' }, requestId: randomUUID(), jobId: first.jobId, action: 'job.create', change: {} };
    await repository.create(first, [entry]);

    // Act
    const error = await repository.create(second, [{ ...entry, jobId: second.jobId }]).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toMatchObject({ code: 'INTERNAL_ERROR', cause: { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }] } });
  });

  it('ITEM_CONFLICT of an import that met a concurrent edit has the TransactionCanceledException as its cause', async () => {
    // Arrange: an item, and another edit of it landing between the import's read and its transaction
    const { resources, dynamodb } = await setup();
    const catalogue = new DynamoDbItemCatalogue(dynamodb, resources.settings.tables.inventory);
    await catalogue.create({ sku: 'C-3', name: 'Flour', unit: 'kg', gtin: null }, '2026-01-01T00:00:00.000Z');
    const racing = interceptTransactions(dynamodb, async (sent) => {
      await catalogue.update('C-3', { name: 'Edited meanwhile', unit: 'kg', gtin: null }, 1, '2026-01-02T00:00:00.000Z');
      await dynamodb.send(sent);
    });

    // Act
    const error = await new DynamoDbItemCatalogue(racing, resources.settings.tables.inventory)
      .importAll([{ sku: 'C-3', name: 'Imported', unit: 'kg', gtin: null }], '2026-01-03T00:00:00.000Z')
      .catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toMatchObject({ code: 'ITEM_CONFLICT', cause: { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] } });
    expect(await catalogue.get('C-3')).toMatchObject({ name: 'Edited meanwhile', version: 2 });
  });

  it('JOB_CONCURRENT_UPDATE of a job update (one conditional Put, no transaction) has the ConditionalCheckFailedException as its cause', async () => {
    // Arrange
    const { jobs, job } = await setup();
    await jobs.update(nextVersion(job, { reviewRevision: 1 }, new Date()), job.version);

    // Act
    const error = await jobs.update(nextVersion(job, { reviewRevision: 2 }, new Date()), job.version).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toMatchObject({ code: 'JOB_CONCURRENT_UPDATE', cause: { name: 'ConditionalCheckFailedException' } });
  });
});

type Interceptor = (sent: TransactWriteItemsCommand, call: number) => Promise<void>;

/** The same client, except that TransactWriteItems calls go through `intercept` (which may send them for real). */
function interceptTransactions(client: DynamoDBClient, intercept: Interceptor): DynamoDBClient {
  let calls = 0;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return async (commandToSend: unknown) => {
        if (!(commandToSend instanceof TransactWriteItemsCommand)) return target.send(commandToSend as TransactWriteItemsCommand);
        calls += 1;
        await intercept(commandToSend, calls);
        return {};
      };
    },
  });
}
