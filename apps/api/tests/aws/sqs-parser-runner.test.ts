import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { parseRetryPolicy, reconcileJob, startParse, systemClock, type ParseDeps } from '@invoice/inventory';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createAwsClients, destroyAwsClients, SQS_MAX_ATTEMPTS } from '../../src/adapters/aws/aws-clients';
import { DispatchingParserRunner } from '../../src/adapters/aws/dispatching-parser-runner';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { EcsParserRunner } from '../../src/adapters/aws/ecs-parser-runner';
import { S3BlobStore } from '../../src/adapters/aws/s3-blob-store';
import { SqsParserRunner } from '../../src/adapters/aws/sqs-parser-runner';
import { sampleJob } from '../contracts/sample-records';
import { describeParserRunnerContract } from '../contracts/parser-runner.contract';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';
import { requireFixturesDir } from './support/fixtures';
import { startQueueWorker, type QueueWorkerProcess } from './support/queue-worker-process';
import { startRefusingSqsProxy, type RefusingSqsProxy } from './support/refusing-sqs-proxy';
import { createParseQueues, receiveNow, type ParseQueues } from './support/sqs-queues';
import { TaskLauncher } from './support/task-launcher';

describe('with the real Python queue worker on moto\'s SQS', () => {
  // One worker for the suite, as the parser service runs one per task: a worker's stop waits out its long poll.
  let resources: AwsTestResources;
  let queues: ParseQueues;
  let worker: QueueWorkerProcess;

  beforeAll(async () => {
    resources = await createAwsResources();
    queues = await createParseQueues(resources.clients.sqs);
    worker = startQueueWorker({ queueUrl: queues.queueUrl, motoEndpoint: inject('motoEndpoint'), region: resources.settings.region });
  });
  afterAll(async () => {
    const exitCode = await worker?.stop();
    await queues?.cleanup();
    await resources?.cleanup();
    // SIGTERM with nothing in hand: the worker drains and ends 0, as ECS expects of a task it scales in.
    expect(exitCode, worker?.log()).toBe(0);
  });

  describeParserRunnerContract(
    'SqsParserRunner',
    async () => ({
      runner: new SqsParserRunner(resources.clients.sqs, queues.queueUrl),
      blobs: new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket),
      // SQS keeps no state per message: a run is over when the worker wrote one of its outputs.
      endsWith: 'output',
      cleanup: async () => undefined,
    }),
    () => ({
      invoicePdf: readFileSync(path.join(requireFixturesDir(), 'ruled_basic.pdf')),
      notAPdf: readFileSync(path.join(requireFixturesDir(), 'not_a_pdf.txt')),
    }),
  );
});

describe('SqsParserRunner', () => {
  let resources: AwsTestResources;
  let queues: ParseQueues;

  beforeEach(async () => {
    resources = await createAwsResources();
    queues = await createParseQueues(resources.clients.sqs);
  });
  afterEach(async () => {
    await queues?.cleanup();
    await resources?.cleanup();
  });

  it('sends the warm worker\'s request line as the message body, and names the run after the message', async () => {
    // Arrange
    const runner = new SqsParserRunner(resources.clients.sqs, queues.queueUrl);
    const jobId = '00000000-0000-4000-8000-0000000000c1';
    const bucket = resources.settings.uploadsBucket;

    // Act
    const { runId } = await runner.start({
      jobId,
      attempt: 3,
      inputUri: `s3://${bucket}/raw/${jobId}/x.pdf`,
      outputUri: `s3://${bucket}/parsed/${jobId}/attempt-3.json`,
      errorOutputUri: `s3://${bucket}/errors/${jobId}/attempt-3.json`,
    });
    const [message, ...others] = await receiveNow(resources.clients.sqs, queues.queueUrl);

    // Assert
    expect(others).toEqual([]);
    expect(runId).toBe(`sqs:${message?.MessageId}`);
    expect(message?.Body).toBe(
      `{"jobId":"${jobId}","attempt":3,"input":"s3://${bucket}/raw/${jobId}/x.pdf","output":"s3://${bucket}/parsed/${jobId}/attempt-3.json","errorOutput":"s3://${bucket}/errors/${jobId}/attempt-3.json"}`,
    );
    expect(await runner.describe(runId)).toEqual({ state: 'PENDING' });
  });

  it('answers PARSER_INTERNAL, with SQS\'s error as the cause, when the queue does not exist', async () => {
    // Arrange
    const runner = new SqsParserRunner(resources.clients.sqs, `${queues.queueUrl}-missing`);

    // Act
    const refused = await runner.start({ jobId: '00000000-0000-4000-8000-0000000000c2', attempt: 1, inputUri: 's3://b/raw/k', outputUri: 's3://b/parsed/o', errorOutputUri: 's3://b/errors/e' }).catch((error: unknown) => error);

    // Assert
    expect(refused).toMatchObject({ code: 'PARSER_INTERNAL' });
    expect((refused as Error).message).toMatch(/^SQS did not take the parse message: QueueDoesNotExist/);
    expect(((refused as Error).cause as Error).name).toBe('QueueDoesNotExist');
  });

  it('answers PARSER_START_REFUSED when SQS cannot be reached', async () => {
    // Arrange: an endpoint nothing listens on (the proxy's port, once closed)
    const proxy = await startRefusingSqsProxy(inject('motoEndpoint'));
    await proxy.close();
    const clients = createAwsClients({ ...resources.settings, endpoints: { ...resources.settings.endpoints, sqs: proxy.endpoint } });

    try {
      // Act
      const refused = await new SqsParserRunner(clients.sqs, queues.queueUrl)
        .start({ jobId: '00000000-0000-4000-8000-0000000000c3', attempt: 1, inputUri: 's3://b/raw/k', outputUri: 's3://b/parsed/o', errorOutputUri: 's3://b/errors/e' })
        .catch((error: unknown) => error);

      // Assert
      expect(refused).toMatchObject({ code: 'PARSER_START_REFUSED' });
      expect(((refused as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
    } finally {
      destroyAwsClients(clients);
    }
  });
});

describe('SQS refuses, then accepts (a proxy answering SendMessage with SQS\'s own refusals)', () => {
  let resources: AwsTestResources;
  let queues: ParseQueues;
  let proxy: RefusingSqsProxy;
  let clients: ReturnType<typeof createAwsClients>;
  let deps: ParseDeps & { jobs: DynamoDbJobRepository };

  beforeEach(async () => {
    resources = await createAwsResources();
    queues = await createParseQueues(resources.clients.sqs);
    proxy = await startRefusingSqsProxy(inject('motoEndpoint'));
    // The client as the API makes it (aws-clients.ts: its retries), only pointed at the proxy.
    clients = createAwsClients({ ...resources.settings, endpoints: { ...resources.settings.endpoints, sqs: proxy.endpoint } });
    deps = {
      jobs: new DynamoDbJobRepository(resources.clients.dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit),
      blobs: new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket),
      runner: new SqsParserRunner(clients.sqs, queues.queueUrl),
      clock: systemClock,
      // No wait before a retry, so that the test need not sleep out a backoff.
      parseRetry: parseRetryPolicy({ random: () => 0 }),
    };
  });
  afterEach(async () => {
    destroyAwsClients(clients);
    await proxy?.close();
    await queues?.cleanup();
    await resources?.cleanup();
  });

  async function uploadedJob() {
    const job = sampleJob({ sizeBytes: 4 });
    await resources.clients.s3.send(new PutObjectCommand({ Bucket: resources.settings.uploadsBucket, Key: job.objectKey, Body: '%PDF', ContentType: 'application/pdf' }));
    await deps.jobs.create(job);
    return job;
  }

  it('refused twice, the SDK\'s own retries send it on the third try: attempt 1 runs, with one message', async () => {
    // Arrange
    const job = await uploadedJob();
    proxy.refuseNext(2);

    // Act
    const started = await startParse(deps, job.jobId);
    const messages = await receiveNow(resources.clients.sqs, queues.queueUrl);

    // Assert
    expect(proxy.sendMessages).toEqual([{ refused: true }, { refused: true }, { refused: false }]);
    expect(started).toMatchObject({ status: 'QUEUED', attempt: 1, runId: `sqs:${messages[0]?.MessageId}` });
    expect(started.attempts).toMatchObject([{ attempt: 1, outcome: 'running', code: null, endedAt: null }]);
    expect(messages.map((message) => JSON.parse(message.Body ?? '{}').attempt)).toEqual([1]);
  });

  it('refused past the SDK\'s retries, attempt 1 ends PARSER_START_REFUSED and attempt 2 is sent with its own keys', async () => {
    // Arrange: every try of attempt 1 refused, and the first two of attempt 2
    const job = await uploadedJob();
    proxy.refuseNext(SQS_MAX_ATTEMPTS + 2);

    // Act
    const afterRefusal = await startParse(deps, job.jobId);
    const retried = await reconcileJob(deps, job.jobId);
    const messages = await receiveNow(resources.clients.sqs, queues.queueUrl);

    // Assert
    expect(afterRefusal).toMatchObject({ status: 'QUEUED', attempt: 2, runId: null });
    expect(proxy.sendMessages.map((call) => call.refused)).toEqual([...Array(SQS_MAX_ATTEMPTS + 2).fill(true), false]);
    expect(retried).toMatchObject({ status: 'QUEUED', attempt: 2, runId: `sqs:${messages[0]?.MessageId}` });
    expect(retried.attempts).toMatchObject([
      { attempt: 1, outcome: 'retried', code: 'PARSER_START_REFUSED', startedAt: null, endedAt: expect.any(String) },
      { attempt: 2, outcome: 'running', code: null, startedAt: expect.any(String), endedAt: null },
    ]);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]?.Body ?? '{}')).toMatchObject({
      attempt: 2,
      output: `s3://${resources.settings.uploadsBucket}/parsed/${job.jobId}/attempt-2.json`,
      errorOutput: `s3://${resources.settings.uploadsBucket}/errors/${job.jobId}/attempt-2.json`,
    });
    await resources.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queues.queueUrl, ReceiptHandle: messages[0]?.ReceiptHandle }));
  });
});

describe('DispatchingParserRunner (PARSER_DISPATCH switched from task to queue)', () => {
  it('starts on the queue, and still asks ECS about a task started before the switch', async () => {
    // Arrange: a task started under `task`, whose container is killed
    const resources = await createAwsResources();
    const queues = await createParseQueues(resources.clients.sqs);
    const launcher = new TaskLauncher(resources.clients.ecs, resources.settings, inject('motoEndpoint'));
    launcher.behaviour = { kind: 'crash', reason: 'CannotPullContainerError: pull access denied' };
    launcher.start();
    const tasks = new EcsParserRunner(resources.clients.ecs, resources.settings.ecs, 60);
    const request = { jobId: '00000000-0000-4000-8000-0000000000c4', attempt: 1, inputUri: 's3://b/raw/k', outputUri: 's3://b/parsed/o', errorOutputUri: 's3://b/errors/e' };

    try {
      const { runId: taskRun } = await tasks.start(request);
      const runner = new DispatchingParserRunner(new SqsParserRunner(resources.clients.sqs, queues.queueUrl), tasks);

      // Act
      const { runId: queueRun } = await runner.start({ ...request, attempt: 2 });
      const deadline = Date.now() + 20_000;
      let taskStatus = await runner.describe(taskRun);
      while (taskStatus.state !== 'STOPPED' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        taskStatus = await runner.describe(taskRun);
      }

      // Assert
      expect(queueRun).toMatch(/^sqs:/);
      expect(await runner.describe(queueRun)).toEqual({ state: 'PENDING' });
      expect(taskStatus).toMatchObject({ state: 'STOPPED', retryable: true });
      expect(taskStatus.stopReason).toContain('CannotPullContainerError');
      expect((await receiveNow(resources.clients.sqs, queues.queueUrl)).map((message) => JSON.parse(message.Body ?? '{}').attempt)).toEqual([2]);
    } finally {
      await launcher.stop();
      await queues.cleanup();
      await resources.cleanup();
    }
  });
});
