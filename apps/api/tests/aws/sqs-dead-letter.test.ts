import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { startParse, systemClock, type JobRecord } from '@invoice/inventory';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { S3BlobStore } from '../../src/adapters/aws/s3-blob-store';
import { SqsParserRunner } from '../../src/adapters/aws/sqs-parser-runner';
import { parsedJob, sampleJob } from '../contracts/sample-records';
import { REPO_ROOT } from '../support/paths';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';
import { sqsEventOf } from './support/sqs-event';
import { createParseQueues, receiveNow, type ParseQueues } from './support/sqs-queues';

/** Written by `nx run api:bundle`, which the test-aws target runs first. */
const BUNDLE_DIR = path.join(REPO_ROOT, 'dist', 'apps', 'api-lambda');
const MOVE_LIMIT_MS = 10_000;

type Abandon = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * The parse queue's dead-letter consumer as Lambda runs it (the bundle's index.abandon, PARSER_DISPATCH=queue),
 * fed the messages moto's redrive policy moved to the dead-letter queue (maxReceiveCount 1: a second receive
 * without a delete moves the message, as a worker that died on it twice would leave it).
 */
describe('the dead-letter consumer of the Lambda bundle (index.abandon)', () => {
  let resources: AwsTestResources;
  let pool: CognitoTestPool;
  let queues: ParseQueues;
  let abandon: Abandon;
  let jobs: DynamoDbJobRepository;
  let runner: SqsParserRunner;

  beforeAll(async () => {
    if (!existsSync(path.join(BUNDLE_DIR, 'index.js'))) throw new Error(`${BUNDLE_DIR}/index.js is missing: run npx nx run api:bundle`);
    [resources, pool] = await Promise.all([createAwsResources(), createCognitoTestPool()]);
    queues = await createParseQueues(resources.clients.sqs, 1);
    Object.assign(process.env, resources.env, pool.env, { PARSER_DISPATCH: 'queue', PARSE_QUEUE_URL: queues.queueUrl });
    abandon = await loadAbandon();
    jobs = new DynamoDbJobRepository(resources.clients.dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit);
    runner = new SqsParserRunner(resources.clients.sqs, queues.queueUrl);
  });
  afterAll(async () => {
    await queues?.cleanup();
    await Promise.all([resources?.cleanup(), pool?.cleanup()]);
  });

  /** An uploaded job whose parse was started on the queue, as POST /parse does in queue mode. */
  async function startedJob(): Promise<JobRecord> {
    const job = sampleJob({ sizeBytes: 4 });
    await resources.clients.s3.send(new PutObjectCommand({ Bucket: resources.settings.uploadsBucket, Key: job.objectKey, Body: '%PDF', ContentType: 'application/pdf' }));
    await jobs.create(job);
    const blobs = new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket);
    return startParse({ jobs, blobs, runner, clock: systemClock }, job.jobId);
  }

  /** What a worker dying on every delivery leaves: the queue's messages moved to the dead-letter queue, received from there. */
  async function deadLetters(count: number): Promise<Message[]> {
    const deadline = Date.now() + MOVE_LIMIT_MS;
    const moved: Message[] = [];
    while (moved.length < count) {
      // A receive without a delete, visible again at once: the next receive counts past maxReceiveCount.
      await receiveNow(resources.clients.sqs, queues.queueUrl, 0);
      moved.push(...(await receiveNow(resources.clients.sqs, queues.deadLetterUrl, 30)));
      if (Date.now() > deadline) throw new Error(`only ${moved.length} of ${count} messages reached the dead-letter queue`);
    }
    return moved;
  }

  const eventOf = (messages: Message[]): SQSEvent => sqsEventOf(messages, queues.deadLetterArn, resources.settings.region);

  it('fails the job of a dead-lettered message PARSE_ABANDONED, its attempt ending abandoned', async () => {
    // Arrange
    const job = await startedJob();
    const messages = await deadLetters(1);

    // Act
    const answer = await abandon(eventOf(messages));

    // Assert
    expect(answer).toEqual({ batchItemFailures: [] });
    const stored = await jobs.get(job.jobId);
    expect(stored).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'PARSE_ABANDONED', details: { attempt: 1 } } });
    expect(stored?.error?.details?.reason).toContain('dead-letter queue');
    expect(stored?.attempts).toMatchObject([{ attempt: 1, outcome: 'abandoned', code: 'PARSE_ABANDONED', endedAt: expect.any(String) }]);
  });

  it('changes nothing for a stale attempt\'s message or a job already PARSED, and acknowledges both', async () => {
    // Arrange: attempt 1's message of a job now at attempt 2, and attempt 1's message of a parsed job
    const newer = sampleJob({ status: 'QUEUED', attempt: 2, version: 5, runId: 'sqs:newer' });
    const parsed = parsedJob();
    await jobs.create(newer);
    await jobs.create(parsed);
    for (const job of [newer, parsed]) {
      const uri = (key: string) => `s3://${resources.settings.uploadsBucket}/${key}`;
      await runner.start({ jobId: job.jobId, attempt: 1, inputUri: uri(job.objectKey), outputUri: uri(`parsed/${job.jobId}/attempt-1.json`), errorOutputUri: uri(`errors/${job.jobId}/attempt-1.json`) });
    }
    const messages = await deadLetters(2);

    // Act
    const answer = await abandon(eventOf(messages));

    // Assert
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(await jobs.get(newer.jobId)).toEqual(newer);
    expect(await jobs.get(parsed.jobId)).toEqual(parsed);
  });

  it('acknowledges a body that is not a parse request and a job that does not exist, since neither could ever be settled', async () => {
    // Arrange: a message someone sent to the dead-letter queue by hand, and one naming a job nobody created
    await resources.clients.sqs.send(new SendMessageCommand({ QueueUrl: queues.deadLetterUrl, MessageBody: 'not json' }));
    const [message] = await receiveNow(resources.clients.sqs, queues.deadLetterUrl, 30);
    const missing = sampleJob();
    const event = eventOf([message as Message]);
    event.Records.push({ ...(event.Records[0] as SQSEvent['Records'][number]), messageId: 'no-such-job', body: JSON.stringify({ jobId: missing.jobId, attempt: 1, input: 's3://b/raw/x', output: 's3://b/parsed/x', errorOutput: 's3://b/errors/x' }) });

    // Act
    const answer = await abandon(event);

    // Assert
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(await jobs.get(missing.jobId)).toBeNull();
  });

  // Last: it removes the jobs table under the consumer.
  it('answers a record it could not settle because a store failed in batchItemFailures, so SQS delivers it again', async () => {
    // Arrange
    const job = await startedJob();
    const messages = await deadLetters(1);
    await resources.clients.dynamodb.send(new DeleteTableCommand({ TableName: resources.settings.tables.jobs }));

    // Act
    const answer = await abandon(eventOf(messages));

    // Assert
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: messages[0]?.MessageId }] });
    expect(JSON.parse(messages[0]?.Body ?? '{}')).toMatchObject({ jobId: job.jobId, attempt: 1 });
  });
});

/** As the Lambda runtime loads the handler string "index.abandon" (an ES module, per the bundle's package.json). */
async function loadAbandon(): Promise<Abandon> {
  const packageJson = JSON.parse(readFileSync(path.join(BUNDLE_DIR, 'package.json'), 'utf8')) as { type?: string };
  if (packageJson.type !== 'module') throw new Error('index.js would be loaded as CommonJS, but the bundle is ESM');
  // A query of its own: this file's module instance, composed from this file's environment.
  const loaded = (await import(`${pathToFileURL(path.join(BUNDLE_DIR, 'index.js')).href}?dead-letter`)) as Record<string, unknown>;
  if (typeof loaded.abandon !== 'function') throw new Error('index.abandon is not a function');
  return loaded.abandon as Abandon;
}
