import type { ParseResult } from '@invoice/contracts';
import { parsedKey, PIPELINE_METRICS } from '@invoice/inventory';
import type { Context } from 'aws-lambda';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbJobRepository } from '../../src/adapters/aws/dynamodb-job-repository';
import { METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME } from '../../src/adapters/aws/powertools-telemetry';
import { S3BlobStore } from '../../src/adapters/aws/s3-blob-store';
import { sampleJob } from '../contracts/sample-records';
import { REPO_ROOT } from '../support/paths';
import { authorizedHandler } from './support/authorized-handler';
import { createAwsResources, type AwsTestResources } from './support/aws-resources';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';
import { httpApiEvent, type LambdaHandler } from './support/http-api-event';

/** Written by `nx run api:bundle`, which the test-aws target runs first. */
const BUNDLE_DIR = path.join(REPO_ROOT, 'dist', 'apps', 'api-lambda');

/** One CloudWatch embedded-metric-format object, as Powertools Metrics prints it. */
interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

const CONTEXT = {
  functionName: 'invoice-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:invoice-api',
  memoryLimitInMB: '512',
  awsRequestId: 'lambda-request-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

/** A valid ParseResult of two pages, as the parser writes it. */
const TWO_PAGE_RESULT = {
  schemaVersion: '1',
  source: { sha256: 'b'.repeat(64), pages: 2, mediaType: 'application/pdf', sizeBytes: 2048 },
  parser: { name: 'test', version: '1' },
  extraction: { method: 'printed-page' },
  invoice: { documentType: 'invoice', number: 'EMF-1', date: '2026-01-31', currency: 'EUR', supplier: { name: 'Acme' }, totals: { subtotal: null, tax: null, total: '10.00' } },
  lines: [],
  warnings: [],
} as unknown as ParseResult;

/**
 * Everything the entry point printed on stdout while it ran, as the Lambda runtime hands stdout to CloudWatch
 * Logs: each line one JSON object (EMF metrics from Powertools Metrics, log lines from Powertools Logger).
 */
async function printedBy<T>(run: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const printed: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    const result = await run();
    return { result, lines: printed.join('').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>) };
  } finally {
    process.stdout.write = write;
  }
}

function emfLines(lines: Record<string, unknown>[]): EmfLine[] {
  return lines.filter((line): line is EmfLine => typeof line._aws === 'object' && line._aws !== null);
}

/**
 * Each metric printed, with its value(s) and dimensions: what CloudWatch makes of the EMF lines, one metric per
 * name and dimension set (a labelled figure is written under {service, label} and {service}).
 */
function metricsOf(lines: Record<string, unknown>[]) {
  return emfLines(lines).flatMap((line) =>
    line._aws.CloudWatchMetrics.flatMap((directive) =>
      directive.Metrics.flatMap((metric) =>
        directive.Dimensions.map((set) => ({
          namespace: directive.Namespace,
          name: metric.Name,
          unit: metric.Unit,
          value: line[metric.Name],
          dimensions: Object.fromEntries(set.map((name) => [name, line[name]])),
        })),
      ),
    ),
  );
}

describe('the Lambda bundle reports EMF metrics and Powertools log lines (issue 17)', () => {
  let resources: AwsTestResources;
  let pool: CognitoTestPool;
  let handler: LambdaHandler;
  let sweep: (event?: unknown, context?: Context) => Promise<unknown>;
  let jobs: DynamoDbJobRepository;

  beforeAll(async () => {
    if (!existsSync(path.join(BUNDLE_DIR, 'index.js'))) throw new Error(`${BUNDLE_DIR}/index.js is missing: run npx nx run api:bundle`);
    [resources, pool] = await Promise.all([createAwsResources(), createCognitoTestPool()]);
    Object.assign(process.env, resources.env, pool.env);
    const packageJson = JSON.parse(readFileSync(path.join(BUNDLE_DIR, 'package.json'), 'utf8')) as { type?: string };
    if (packageJson.type !== 'module') throw new Error('the bundle is ESM, and its package.json must say so');
    const loaded = (await import(pathToFileURL(path.join(BUNDLE_DIR, 'index.js')).href)) as { handler: LambdaHandler; sweep: typeof sweep };
    handler = authorizedHandler(loaded.handler, await pool.authorizationFor('admin'));
    sweep = loaded.sweep;
    jobs = new DynamoDbJobRepository(resources.clients.dynamodb, resources.settings.tables.jobs, resources.settings.tables.audit);
  });
  afterAll(async () => {
    await Promise.all([resources?.cleanup(), pool?.cleanup()]);
  });

  it('POST /api/jobs prints jobsCreated in the InvoicePipeline namespace and one request line with the API Gateway request id', async () => {
    // Arrange
    const event = httpApiEvent('POST', '/api/jobs', { fileName: 'emf.pdf', contentType: 'application/pdf', sizeBytes: 10 });

    // Act
    const { result, lines } = await printedBy(() => handler(event, CONTEXT));

    // Assert
    expect(result.statusCode).toBe(201);
    const jobId = (JSON.parse(Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8').toString('utf8')) as { job: { jobId: string } }).job.jobId;
    expect(metricsOf(lines)).toEqual([{ namespace: METRICS_NAMESPACE, name: 'jobsCreated', unit: 'Count', value: 1, dimensions: { service: POWERTOOLS_SERVICE_NAME } }]);
    const requests = lines.filter((line) => line.message === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      level: 'INFO',
      service: POWERTOOLS_SERVICE_NAME,
      requestId: event.requestContext.requestId,
      function_request_id: 'lambda-request-1',
      method: 'POST',
      path: '/api/jobs',
      status: 201,
      user: expect.any(String),
      jobId,
      attempt: 0,
      durationMs: expect.any(Number),
    });
    // serverless-http's response finishes with no socket behind it: still answered, not a client that left (request-log.ts)
    expect(requests[0]).not.toHaveProperty('clientClosed');
  });

  it('a poll that finds the parse result prints parsesSucceeded, parsedPages, uploadToParsedSeconds and parseAttemptSeconds by outcome', async () => {
    // Arrange: attempt 1 of a job created a minute ago, requested 30 s ago, started 20 s ago, whose result is in S3
    const now = Date.now();
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
    const job = sampleJob({
      status: 'PARSING',
      attempt: 1,
      runId: 'sqs:emf-test',
      createdAt: at(60),
      updatedAt: at(20),
      parseRequest: { requestedAt: at(30), firstAttempt: 1 },
      attempts: [{ attempt: 1, queuedAt: at(30), startedAt: at(20), endedAt: null, outcome: 'running', code: null, retryAt: null }],
    });
    await jobs.create(job);
    const blobs = new S3BlobStore(resources.clients.s3, resources.settings.uploadsBucket, () => new Date());
    await blobs.write(parsedKey(job.jobId, 1), JSON.stringify(TWO_PAGE_RESULT));

    // Act
    const { result, lines } = await printedBy(() => handler(httpApiEvent('GET', `/api/jobs/${job.jobId}`), CONTEXT));

    // Assert
    expect(result.statusCode).toBe(200);
    const metrics = metricsOf(lines);
    expect(metrics.map((metric) => metric.name).sort()).toEqual(['parseAttemptSeconds', 'parseAttemptSeconds', 'parsedPages', 'parsesSucceeded', 'uploadToParsedSeconds']);
    expect(metrics.every((metric) => metric.namespace === METRICS_NAMESPACE)).toBe(true);
    const byName = Object.fromEntries(metrics.map((metric) => [metric.name, metric]));
    expect(byName.parsesSucceeded).toMatchObject({ unit: 'Count', value: 1, dimensions: { service: POWERTOOLS_SERVICE_NAME } });
    expect(byName.parsedPages).toMatchObject({ unit: 'Count', value: 2 });
    expect(byName.uploadToParsedSeconds).toMatchObject({ unit: 'Seconds' });
    // From the parse request, not from the job's creation.
    expect(byName.uploadToParsedSeconds?.value).toBeGreaterThanOrEqual(30);
    expect(byName.uploadToParsedSeconds?.value).toBeLessThan(60);
    // By outcome, and summed over every outcome.
    const attempts = metrics.filter((metric) => metric.name === 'parseAttemptSeconds');
    expect(attempts.map((metric) => metric.dimensions)).toEqual([{ service: POWERTOOLS_SERVICE_NAME, outcome: 'parsed' }, { service: POWERTOOLS_SERVICE_NAME }]);
    expect(attempts.every((metric) => metric.unit === 'Seconds' && metric.value === attempts[0]?.value)).toBe(true);
    expect(byName.parseAttemptSeconds?.value).toBeGreaterThanOrEqual(20);
    expect(lines.filter((line) => line.message === 'request')).toMatchObject([{ jobId: job.jobId, attempt: 1, status: 200 }]);
  });

  it('the sweeper prints parseFailures by failure code and over every code, and every name it prints is one of PIPELINE_METRICS', async () => {
    // Arrange: a claim an hour old whose run was never recorded
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await jobs.create(sampleJob({ status: 'QUEUED', attempt: 1, createdAt: anHourAgo, updatedAt: anHourAgo, parseRequest: { requestedAt: anHourAgo, firstAttempt: 1 } }));

    // Act
    const { result, lines } = await printedBy(() => sweep({}, CONTEXT));

    // Assert
    expect(result).toMatchObject({ changed: 1 });
    const metrics = metricsOf(lines);
    // {service} alone is what the dashboard's success rate and the failure-rate alarm read (tools/terraform).
    expect(metrics).toEqual([
      { namespace: METRICS_NAMESPACE, name: 'parseFailures', unit: 'Count', value: 1, dimensions: { service: POWERTOOLS_SERVICE_NAME, code: 'PARSE_TIMEOUT' } },
      { namespace: METRICS_NAMESPACE, name: 'parseFailures', unit: 'Count', value: 1, dimensions: { service: POWERTOOLS_SERVICE_NAME } },
    ]);
    expect(metrics.every((metric) => metric.name in PIPELINE_METRICS)).toBe(true);
  });

  it('prints no EMF line for an invocation that reported nothing', async () => {
    const { result, lines } = await printedBy(() => handler(httpApiEvent('GET', '/api/health'), CONTEXT));

    expect(result.statusCode).toBe(200);
    expect(emfLines(lines)).toEqual([]);
  });
});
