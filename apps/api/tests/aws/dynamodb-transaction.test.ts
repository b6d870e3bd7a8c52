import {
  TransactionCanceledException,
  TransactionInProgressException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { LedgerRecord } from '@invoice/contracts';
import { nextVersion, type JobRecord } from '@invoice/inventory';
import { describe, expect, it } from 'vitest';
import { DynamoDbInventoryLedger } from '../../src/adapters/aws/dynamodb-inventory-ledger';
import { transactWrite } from '../../src/adapters/aws/dynamodb-transaction';
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
    expect(conflict).toMatchObject({ code: 'JOB_CONCURRENT_UPDATE' });
    expect(throttled).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
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
