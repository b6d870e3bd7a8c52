import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { isRetryableStartError, startParse, systemClock } from '@invoice/inventory';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { createAwsClients, destroyAwsClients } from '../../src/adapters/aws/aws-clients';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { EcsParserRunner, MISSING_GRACE_MS, parseRunId } from '../../src/adapters/aws/ecs-parser-runner';
import { S3BlobStore } from '../../src/adapters/aws/s3-blob-store';
import { sampleJob } from '../contracts/sample-records';
import { describeBlobStoreContract } from '../contracts/blob-store.contract';
import { describeParserRunnerContract } from '../contracts/parser-runner.contract';
import { createAwsResources } from './support/aws-resources';
import { requireFixturesDir } from './support/fixtures';
import { TaskLauncher } from './support/task-launcher';


describeBlobStoreContract('S3BlobStore', async () => {
  const resources = await createAwsResources();
  return { store: new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket), cleanup: resources.cleanup };
});

describe('with the real Python parser as the ECS task', () => {
  describeParserRunnerContract(
    'EcsParserRunner',
    async () => {
      const resources = await createAwsResources();
      const launcher = new TaskLauncher(resources.clients.ecs, resources.settings, inject('motoEndpoint'));
      launcher.start();
      return {
        runner: new EcsParserRunner(resources.clients.ecs, resources.settings.ecs, 60),
        blobs: new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket),
        cleanup: async () => {
          await launcher.stop();
          await resources.cleanup();
        },
      };
    },
    () => ({
      invoicePdf: readFileSync(path.join(requireFixturesDir(), 'ruled_basic.pdf')),
      notAPdf: readFileSync(path.join(requireFixturesDir(), 'not_a_pdf.txt')),
    }),
  );
});

describe('EcsParserRunner', () => {
  it('starts a Fargate task whose overrides carry the job, the attempt and the S3 URIs', async () => {
    // Arrange
    const resources = await createAwsResources();
    const launcher = new TaskLauncher(resources.clients.ecs, resources.settings, inject('motoEndpoint'));
    launcher.behaviour = { kind: 'crash', reason: 'test' };
    launcher.start();
    const runner = new EcsParserRunner(resources.clients.ecs, resources.settings.ecs, 60);
    const bucket = resources.settings.uploadsBucket;

    try {
      // Act
      const { runId } = await runner.start({
        jobId: '00000000-0000-4000-8000-0000000000a1',
        attempt: 3,
        inputUri: `s3://${bucket}/raw/00000000-0000-4000-8000-0000000000a1/x.pdf`,
        outputUri: `s3://${bucket}/parsed/00000000-0000-4000-8000-0000000000a1/attempt-3.json`,
        errorOutputUri: `s3://${bucket}/errors/00000000-0000-4000-8000-0000000000a1/attempt-3.json`,
      });
      await until(async () => launcher.launched.length === 1);

      // Assert
      const task = launcher.launched[0];
      expect(parseRunId(runId)).toEqual({ taskArn: task?.taskArn, requestedAt: expect.any(Number) });
      expect(task?.launchType).toBe('FARGATE');
      expect(task?.overrides?.containerOverrides).toEqual([
        {
          name: 'parser',
          command: [
            'run',
            '--input',
            `s3://${bucket}/raw/00000000-0000-4000-8000-0000000000a1/x.pdf`,
            '--output',
            `s3://${bucket}/parsed/00000000-0000-4000-8000-0000000000a1/attempt-3.json`,
            '--error-output',
            `s3://${bucket}/errors/00000000-0000-4000-8000-0000000000a1/attempt-3.json`,
            '--job-id',
            '00000000-0000-4000-8000-0000000000a1',
            '--attempt',
            '3',
          ],
          environment: [
            { name: 'INVOICE_JOB_ID', value: '00000000-0000-4000-8000-0000000000a1' },
            { name: 'INVOICE_ATTEMPT', value: '3' },
          ],
        },
      ]);
    } finally {
      await launcher.stop();
      await resources.cleanup();
    }
  });

  it('reports a stopped task with the stop reason ECS gives', async () => {
    // Arrange
    const resources = await createAwsResources();
    const launcher = new TaskLauncher(resources.clients.ecs, resources.settings, inject('motoEndpoint'));
    launcher.behaviour = { kind: 'crash', reason: 'OutOfMemoryError: Container killed due to memory usage' };
    launcher.start();
    const runner = new EcsParserRunner(resources.clients.ecs, resources.settings.ecs, 60);

    try {
      // Act
      const { runId } = await runner.start({ jobId: '00000000-0000-4000-8000-0000000000a2', attempt: 1, inputUri: 's3://b/k', outputUri: 's3://b/o', errorOutputUri: 's3://b/e' });
      await until(async () => (await runner.describe(runId)).state === 'STOPPED');

      // Assert
      expect((await runner.describe(runId)).stopReason).toContain('OutOfMemoryError: Container killed due to memory usage');
    } finally {
      await launcher.stop();
      await resources.cleanup();
    }
  });
});

describe('EcsParserRunner start failure', () => {
  it('answers PARSER_INTERNAL with ECS\'s reason when RunTask fails, and leaves the job FAILED so a re-parse is allowed', async () => {
    // Arrange: an uploaded job, and a runner pointed at a task definition ECS does not have
    const resources = await createAwsResources();
    const jobs = new DynamoDbJobRepository(resources.clients.dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit);
    const blobs = new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket);
    const runner = new EcsParserRunner(resources.clients.ecs, { ...resources.settings.ecs, taskDefinition: 'no-such-parser-family' }, 60);
    const job = sampleJob({ sizeBytes: 4 });
    await resources.clients.s3.send(
      new PutObjectCommand({ Bucket: resources.settings.uploadsBucket, Key: job.objectKey, Body: '%PDF', ContentType: 'application/pdf' }),
    );
    await jobs.create(job);

    try {
      // Act
      const refused = await startParse({ jobs, blobs, runner, clock: systemClock }, job.jobId).catch((error: unknown) => error);

      // Assert
      expect(refused).toMatchObject({ code: 'PARSER_INTERNAL' });
      expect((refused as Error).message).toContain('ECS did not start the parser task');
      expect(await jobs.get(job.jobId)).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'PARSER_INTERNAL' } });
    } finally {
      await resources.cleanup();
    }
  });
});

describe('EcsParserRunner start refused for a passing reason', () => {
  it('answers PARSER_START_REFUSED, which the domain retries, when ECS cannot be reached after the SDK\'s own retries', async () => {
    // Arrange: the runner's client pointed at a port nothing listens on, through the clients' real middleware
    const resources = await createAwsResources();
    const idle = createServer();
    await new Promise<void>((resolve) => idle.listen(0, '127.0.0.1', resolve));
    const { port } = idle.address() as AddressInfo;
    await new Promise((resolve) => idle.close(resolve));
    const clients = createAwsClients({ ...resources.settings, endpoints: { ...resources.settings.endpoints, ecs: `http://127.0.0.1:${port}` } });
    const request = { jobId: '00000000-0000-4000-8000-0000000000e1', attempt: 1, inputUri: 's3://b/raw/k', outputUri: 's3://b/parsed/o', errorOutputUri: 's3://b/errors/e' };

    try {
      // Act
      const refused = await new EcsParserRunner(clients.ecs, resources.settings.ecs, 60).start(request).catch((error: unknown) => error);

      // Assert: the wrapper the middleware made is kept as the cause, so the log still says what ECS answered
      expect(refused).toMatchObject({ code: 'PARSER_START_REFUSED' });
      expect(isRetryableStartError(refused)).toBe(true);
      expect((refused as Error).cause).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    } finally {
      destroyAwsClients(clients);
      await resources.cleanup();
    }
  });
});

describe('EcsParserRunner and ECS eventual consistency', () => {
  it('takes a task ECS does not know yet as pending just after RunTask, and as stopped once the grace has passed', async () => {
    // Arrange: a task ARN ECS has no record of, as DescribeTasks may answer right after RunTask
    const resources = await createAwsResources();
    const requested = new Date('2026-11-25T10:00:00.000Z');
    const taskArn = `arn:aws:ecs:us-east-1:123456789012:task/${resources.settings.ecs.cluster}/0123456789abcdef0123456789abcdef`;
    const runId = `${taskArn}#${requested.toISOString()}`;
    const at = (ms: number) => new EcsParserRunner(resources.clients.ecs, resources.settings.ecs, 600, () => new Date(requested.getTime() + ms));

    try {
      // Act
      const soon = await at(2_000).describe(runId);
      const later = await at(MISSING_GRACE_MS + 1_000).describe(runId);

      // Assert
      expect(soon).toEqual({ state: 'PENDING' });
      expect(later.state).toBe('STOPPED');
      expect(later.stopReason).toContain(`ECS has no record of task ${taskArn} (MISSING)`);
    } finally {
      await resources.cleanup();
    }
  });
});

describe('EcsParserRunner timeout', () => {
  it('stops a task still running after the timeout, reporting TIMEOUT with the reason', async () => {
    // Arrange: a container that hangs, and a one-second limit
    const resources = await createAwsResources();
    const launcher = new TaskLauncher(resources.clients.ecs, resources.settings, inject('motoEndpoint'));
    launcher.behaviour = { kind: 'hang' };
    launcher.start();
    const runner = new EcsParserRunner(resources.clients.ecs, resources.settings.ecs, 1);

    try {
      const { runId } = await runner.start({ jobId: '00000000-0000-4000-8000-0000000000a3', attempt: 1, inputUri: 's3://b/k', outputUri: 's3://b/o', errorOutputUri: 's3://b/e' });
      const early = await runner.describe(runId);

      // Act
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const late = await runner.describe(runId);

      // Assert
      expect(early.state).toBe('RUNNING');
      expect(late).toMatchObject({ state: 'STOPPED', stopCode: 'TIMEOUT' });
      const again = await runner.describe(runId);
      expect(again.state).toBe('STOPPED');
      expect(again.stopReason).toContain('PARSE_TIMEOUT_SECONDS (1 s)');
    } finally {
      await launcher.stop();
      await resources.cleanup();
    }
  });
});

async function until(condition: () => Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('S3BlobStore presigned GET', () => {
  it('serves the bytes with the type and disposition asked for, never the type the uploader stored', async () => {
    // Arrange: an object stored as text/html, as a job declared text/html would upload it
    const resources = await createAwsResources();
    const store = new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket);
    const key = 'raw/00000000-0000-4000-8000-0000000000b2/page.html';
    await resources.clients.s3.send(
      new PutObjectCommand({ Bucket: resources.settings.uploadsBucket, Key: key, Body: '<script>alert(1)</script>', ContentType: 'text/html' }),
    );

    try {
      // Act
      const download = await store.openDownload(key, {
        expiresAt: new Date(Date.now() + 60_000),
        serveAs: { contentType: 'application/octet-stream', contentDisposition: 'attachment; filename="page.html"' },
      });
      const url = download?.kind === 'redirect' ? download.url : '';
      const response = await fetch(url);

      // Assert
      const query = new URL(url).searchParams;
      expect(query.get('response-content-type')).toBe('application/octet-stream');
      expect(query.get('response-content-disposition')).toBe('attachment; filename="page.html"');
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="page.html"');
    } finally {
      await resources.cleanup();
    }
  });
});

describe('S3BlobStore presigned PUT', () => {
  it('signs the content type and the exact length as headers, no body checksum, and expires when asked', async () => {
    // Arrange
    const resources = await createAwsResources();
    const now = new Date('2026-11-25T10:00:00.000Z');
    const store = new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket, () => now);

    try {
      // Act
      const sign = (sizeBytes: number) =>
        store.presignPut({ key: 'raw/00000000-0000-4000-8000-0000000000b1/x.pdf', jobId: '00000000-0000-4000-8000-0000000000b1', contentType: 'application/pdf', sizeBytes, expiresAt: new Date(now.getTime() + 300_000) });
      const presigned = await sign(1234);
      const otherLength = await sign(1235);

      // Assert
      const query = new URL(presigned.url).searchParams;
      expect(query.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host']);
      expect(query.get('X-Amz-Expires')).toBe('300');
      expect(query.get('X-Amz-Date')).toBe('20261125T100000Z');
      expect(presigned.headers).toEqual({ 'Content-Type': 'application/pdf' });
      // No checksum of the (absent) body in the URL: S3 would compare the uploaded file against the CRC32 of nothing.
      expect([...query.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
      // The length is inside the signature: another length gives another URL that S3 would check against the body.
      expect(new URL(otherLength.url).searchParams.get('X-Amz-Signature')).not.toBe(query.get('X-Amz-Signature'));
    } finally {
      await resources.cleanup();
    }
  });
});
