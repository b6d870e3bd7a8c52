import { ListTasksCommand } from '@aws-sdk/client-ecs';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, type Message } from '@aws-sdk/client-sqs';
import type { Job, ParseResult } from '@invoice/contracts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authorizedHandler } from './support/authorized-handler';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';
import { requireFixturesDir } from './support/fixtures';
import { invoke, type LambdaHandler } from './support/http-api-event';
import { childProcessesOf, startQueueWorker } from './support/queue-worker-process';
import { sqsEventOf } from './support/sqs-event';
import { createParseQueues, receiveNow, type ParseQueues } from './support/sqs-queues';

const POLL_LIMIT_MS = 60_000;
/** Deliveries before SQS moves a message to the dead-letter queue (Terraform's parse_max_receive_count). */
const MAX_RECEIVE_COUNT = 2;

function fixture(name: string): Buffer {
  return readFileSync(path.join(requireFixturesDir(), name));
}

/**
 * AWS mode with PARSER_DISPATCH=queue, through the Lambda handler: POST /parse puts a message on moto's SQS
 * queue instead of calling RunTask, and the parser service's process (`python -m invoice_parser queue-worker`,
 * the real one) takes it, parses from and into moto's S3, and deletes it; the API reconciles from the outputs.
 */
describe('AWS mode through the Lambda handler, parsing through the SQS queue', () => {
  let resources: AwsTestResources;
  let pool: CognitoTestPool;
  let queues: ParseQueues;
  let handler: LambdaHandler;
  let abandon: (event: SQSEvent) => Promise<SQSBatchResponse>;

  beforeAll(async () => {
    requireFixturesDir();
    [resources, pool] = await Promise.all([createAwsResources(), createCognitoTestPool()]);
    queues = await createParseQueues(resources.clients.sqs, MAX_RECEIVE_COUNT);
    Object.assign(process.env, resources.env, pool.env, { PARSER_DISPATCH: 'queue', PARSE_QUEUE_URL: queues.queueUrl });
    // Imported after the environment is set: the module composes its adapters once, at load, as in Lambda.
    const loaded = (await import('../../src/lambda')) as unknown as { handler: LambdaHandler; abandon: typeof abandon };
    const lambda = loaded.handler;
    abandon = loaded.abandon;
    handler = authorizedHandler(lambda, await pool.authorizationFor('admin'));
  });
  afterAll(async () => {
    await queues?.cleanup();
    await Promise.all([resources?.cleanup(), pool?.cleanup()]);
  });

  async function createAndUpload(name: string, body: Buffer): Promise<Job> {
    const created = await invoke(handler, 'POST', '/api/jobs', { fileName: name, contentType: 'application/pdf', sizeBytes: body.length });
    expect(created.statusCode).toBe(201);
    const { job, upload } = created.body as { job: Job; upload: { url: string; headers: Record<string, string> } };
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body })).status).toBe(200);
    return job;
  }

  async function settled(jobId: string): Promise<Job> {
    const deadline = Date.now() + POLL_LIMIT_MS;
    for (;;) {
      const job = (await invoke(handler, 'GET', `/api/jobs/${jobId}`)).body as Job;
      if (job.status === 'PARSED' || job.status === 'FAILED') return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function queueDepth(): Promise<{ visible: number; inFlight: number }> {
    const { Attributes = {} } = await resources.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queues.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return { visible: Number(Attributes.ApproximateNumberOfMessages), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible) };
  }

  it('queues one message per parse, which the queue worker parses into PARSED or the document\'s error, and deletes', async () => {
    // Arrange: two uploads, parsed while no worker runs (the service scaled to zero)
    const invoice = await createAndUpload('ruled_basic.pdf', fixture('ruled_basic.pdf'));
    const notAPdf = await createAndUpload('notes.pdf', fixture('not_a_pdf.txt'));
    const started = await Promise.all([invoice, notAPdf].map((job) => invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`)));
    const waiting = await queueDepth();
    const stillQueued = (await invoke(handler, 'GET', `/api/jobs/${invoice.jobId}`)).body as Job;

    // Act: the service scales out to one task
    const worker = startQueueWorker({ queueUrl: queues.queueUrl, motoEndpoint: inject('motoEndpoint'), region: resources.settings.region });
    let parsed: Job;
    let failed: Job;
    try {
      [parsed, failed] = await Promise.all([settled(invoice.jobId), settled(notAPdf.jobId)]);
    } finally {
      const exitCode = await worker.stop();
      expect(exitCode, worker.log()).toBe(0);
    }
    const result = await invoke(handler, 'GET', `/api/jobs/${invoice.jobId}/result`);

    // Assert
    expect(started.map((answer) => answer.statusCode)).toEqual([202, 202]);
    expect(started.map((answer) => answer.body)).toMatchObject([
      { status: 'QUEUED', attempt: 1 },
      { status: 'QUEUED', attempt: 1 },
    ]);
    expect(waiting).toEqual({ visible: 2, inFlight: 0 });
    // SQS says nothing per message: until the outputs exist the job stays QUEUED, its attempt running.
    expect(stillQueued).toMatchObject({ status: 'QUEUED', attempts: [{ attempt: 1, outcome: 'running' }] });
    expect(parsed).toMatchObject({ status: 'PARSED', attempt: 1, attempts: [{ attempt: 1, outcome: 'parsed', code: null }] });
    expect((result.body as ParseResult).invoice.number).toBe('INV-2026-0142');
    expect(failed).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'NOT_A_PDF' }, attempts: [{ attempt: 1, outcome: 'failed', code: 'NOT_A_PDF' }] });
    // Both messages were deleted once answered (a document error is an answer too), and no task was run.
    expect(await queueDepth()).toEqual({ visible: 0, inFlight: 0 });
    const { taskArns = [] } = await resources.clients.ecs.send(new ListTasksCommand({ cluster: resources.settings.ecs.cluster }));
    expect(taskArns).toEqual([]);
  });

  it('ends a job whose parser is killed on every delivery in the dead-letter queue, and its consumer fails it PARSE_ABANDONED', async () => {
    // Arrange: one job queued, and a worker whose parser child is SIGKILLed whenever it starts a job
    const job = await createAndUpload('ruled_basic.pdf', fixture('ruled_basic.pdf'));
    await invoke(handler, 'POST', `/api/jobs/${job.jobId}/parse`);
    const killed: number[] = [];
    const worker = startQueueWorker({
      queueUrl: queues.queueUrl,
      motoEndpoint: inject('motoEndpoint'),
      region: resources.settings.region,
      env: { PARSER_TASK_CONCURRENCY: '1' },
      onLog(record) {
        const pid = Number(record.pid);
        // Only the worker's own children, by their id.
        if (record.message !== 'job started' || !childProcessesOf(worker.pid).includes(pid)) return;
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      },
    });
    let dead: Message[] = [];
    try {
      const deadline = Date.now() + POLL_LIMIT_MS;
      while (dead.length === 0) {
        if (Date.now() > deadline) throw new Error(`the message never reached the dead-letter queue:\n${worker.log()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
        dead = await receiveNow(resources.clients.sqs, queues.deadLetterUrl, 30);
      }
    } finally {
      expect(await worker.stop(), worker.log()).toBe(0);
    }
    const beforeConsumer = (await invoke(handler, 'GET', `/api/jobs/${job.jobId}`)).body as Job;

    // Act: the dead-letter queue's event source mapping delivers it
    const answer = await abandon(sqsEventOf(dead, queues.deadLetterArn, resources.settings.region));
    const failed = (await invoke(handler, 'GET', `/api/jobs/${job.jobId}`)).body as Job;

    // Assert
    expect(dead.map((message) => JSON.parse(message.Body ?? '{}'))).toMatchObject([{ jobId: job.jobId, attempt: 1 }]);
    // Killed on each of its MAX_RECEIVE_COUNT deliveries; the next receive moved it.
    expect(killed).toHaveLength(MAX_RECEIVE_COUNT);
    expect(worker.log()).toContain('killed by SIGKILL');
    expect(beforeConsumer).toMatchObject({ status: 'QUEUED', attempts: [{ attempt: 1, outcome: 'running' }] });
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(failed).toMatchObject({
      status: 'FAILED',
      attempt: 1,
      error: { code: 'PARSE_ABANDONED', details: { attempt: 1 } },
      attempts: [{ attempt: 1, outcome: 'abandoned', code: 'PARSE_ABANDONED' }],
    });
    // Never retried past the dead-letter queue, and nothing written: no parser finished it.
    expect(await queueDepth()).toEqual({ visible: 0, inFlight: 0 });
    for (const prefix of ['parsed', 'errors']) {
      const { KeyCount } = await resources.clients.s3.send(new ListObjectsV2Command({ Bucket: resources.settings.uploadsBucket, Prefix: `${prefix}/${job.jobId}/` }));
      expect(KeyCount).toBe(0);
    }
  });
});
