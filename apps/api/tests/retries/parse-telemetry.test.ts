import type { ParseResult } from '@invoice/contracts';
import { parsedKey, parseRetryPolicy, reconcileJob, startParse, type JobRecord, type ParseDeps } from '@invoice/inventory';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../src/adapters/local/fs-blob-store';
import { HmacUploadSigner } from '../../src/adapters/local/hmac-upload-signer';
import { PrometheusTelemetry } from '../../src/adapters/local/prometheus-telemetry';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteJobRepository } from '../../src/adapters/local/sqlite-job-repository';
import { sampleJob } from '../contracts/sample-records';
import { makeDataDir } from '../support/test-server';
import { ScriptedParserRunner } from './scripted-parser-runner';

const START = Date.parse('2026-03-01T09:00:00.000Z');
/** random() = 0.5 draws half the backoff ceiling: 1 s before the first retry, 2 s before the second. */
const FIRST_BACKOFF_MS = 1_000;
const SECOND_BACKOFF_MS = 2_000;
const HOST_LOST = { state: 'STOPPED', stopReason: 'Host EC2 (instance i-0abc) terminated.', retryable: true } as const;

const THREE_PAGES = {
  schemaVersion: '1',
  source: { sha256: 'c'.repeat(64), pages: 3, mediaType: 'application/pdf', sizeBytes: 1234 },
  parser: { name: 'scripted', version: '1' },
  extraction: { method: 'printed-page' },
  invoice: { documentType: 'invoice', number: 'T-1', date: '2026-01-31', currency: 'EUR', supplier: { name: 'Acme' }, totals: { subtotal: null, tax: null, total: '10.00' } },
  lines: [],
  warnings: [],
} as unknown as ParseResult;

/** Issue 17: what retries, timeouts and abandoned parses report, seen in the Prometheus text of the local adapter. */
describe('parse telemetry (SQLite store, scripted runner, Prometheus adapter)', () => {
  let dir: ReturnType<typeof makeDataDir>;
  let db: SqliteDatabase;
  let now: number;
  let runner: ScriptedParserRunner;
  let telemetry: PrometheusTelemetry;
  let deps: ParseDeps & { jobs: SqliteJobRepository; blobs: FsBlobStore };

  beforeEach(() => {
    dir = makeDataDir('parse-telemetry');
    db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
    now = START;
    runner = new ScriptedParserRunner();
    telemetry = new PrometheusTelemetry();
    deps = {
      jobs: new SqliteJobRepository(db),
      blobs: new FsBlobStore(path.join(dir.dataDir, 'blobs'), new HmacUploadSigner('x'.repeat(32), 'http://127.0.0.1:1')),
      runner,
      clock: { now: () => new Date(now) },
      parseRetry: parseRetryPolicy({ maxAttempts: 3, backoffBaseMs: 2_000, backoffCapMs: 60_000, deadlineMs: 10 * 60_000, random: () => 0.5 }),
      telemetry,
    };
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  async function uploadedJob(): Promise<JobRecord> {
    const job = sampleJob({ createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString() });
    await deps.jobs.create(job);
    await deps.blobs.write(job.objectKey, Buffer.alloc(job.sizeBytes, 1));
    return job;
  }
  const runOf = async (jobId: string): Promise<string> => (await deps.jobs.get(jobId))?.runId ?? 'none';
  /** The sample lines of the exposition, without HELP and TYPE. */
  const samples = () =>
    telemetry
      .render()
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
  const linesOf = (family: string) => samples().filter((line) => line.startsWith(`${family}{`) || line.startsWith(`${family} `));

  it('counts a retry by its cause, times each attempt, and counts the PARSED request once with its upload-to-parsed latency', async () => {
    // Arrange: attempt 1 runs 5 s and loses its host; attempt 2 starts after the 1 s backoff and parses in 3 s
    const job = await uploadedJob();
    await startParse(deps, job.jobId);
    runner.set(await runOf(job.jobId), { state: 'RUNNING' });
    await reconcileJob(deps, job.jobId);
    now += 5_000;
    runner.set(await runOf(job.jobId), HOST_LOST);
    await reconcileJob(deps, job.jobId);
    now += FIRST_BACKOFF_MS;
    await reconcileJob(deps, job.jobId);
    now += 3_000;
    await deps.blobs.write(parsedKey(job.jobId, 2), JSON.stringify(THREE_PAGES));

    // Act: the poll that sees the result, then polls after it
    expect((await reconcileJob(deps, job.jobId)).status).toBe('PARSED');
    await reconcileJob(deps, job.jobId);
    await reconcileJob(deps, job.jobId);

    // Assert
    expect(linesOf('invoice_parse_retries_total')).toEqual(['invoice_parse_retries_total{code="PARSER_CRASHED"} 1']);
    expect(linesOf('invoice_parses_succeeded_total')).toEqual(['invoice_parses_succeeded_total 1']);
    expect(linesOf('invoice_parse_failures_total')).toEqual([]);
    expect(linesOf('invoice_upload_to_parsed_seconds_sum')).toEqual(['invoice_upload_to_parsed_seconds_sum 9']);
    expect(linesOf('invoice_upload_to_parsed_seconds_bucket').filter((line) => /le="(5|10)"/.test(line))).toEqual([
      'invoice_upload_to_parsed_seconds_bucket{le="5"} 0',
      'invoice_upload_to_parsed_seconds_bucket{le="10"} 1',
    ]);
    expect(linesOf('invoice_parse_attempt_seconds_sum')).toEqual(['invoice_parse_attempt_seconds_sum{outcome="retried"} 5', 'invoice_parse_attempt_seconds_sum{outcome="parsed"} 3']);
    expect(linesOf('invoice_parsed_pages_sum')).toEqual(['invoice_parsed_pages_sum 3']);
    expect(linesOf('invoice_parsed_pages_bucket').filter((line) => /le="(2|3)"/.test(line))).toEqual(['invoice_parsed_pages_bucket{le="2"} 0', 'invoice_parsed_pages_bucket{le="3"} 1']);
  });

  it('counts two retries and then one failure PARSE_ABANDONED when every attempt is lost', async () => {
    // Arrange
    const job = await uploadedJob();
    await startParse(deps, job.jobId);

    // Act
    runner.set(await runOf(job.jobId), HOST_LOST);
    await reconcileJob(deps, job.jobId);
    now += FIRST_BACKOFF_MS;
    await reconcileJob(deps, job.jobId);
    runner.set(await runOf(job.jobId), HOST_LOST);
    await reconcileJob(deps, job.jobId);
    now += SECOND_BACKOFF_MS;
    await reconcileJob(deps, job.jobId);
    runner.set(await runOf(job.jobId), HOST_LOST);
    expect((await reconcileJob(deps, job.jobId)).error?.code).toBe('PARSE_ABANDONED');
    await reconcileJob(deps, job.jobId);

    // Assert
    expect(linesOf('invoice_parse_retries_total')).toEqual(['invoice_parse_retries_total{code="PARSER_CRASHED"} 2']);
    expect(linesOf('invoice_parse_failures_total')).toEqual(['invoice_parse_failures_total{code="PARSE_ABANDONED"} 1']);
    expect(linesOf('invoice_parse_attempt_seconds_count')).toEqual(['invoice_parse_attempt_seconds_count{outcome="retried"} 2', 'invoice_parse_attempt_seconds_count{outcome="abandoned"} 1']);
    expect(linesOf('invoice_parses_succeeded_total')).toEqual(['invoice_parses_succeeded_total 0']);
  });

  it('counts a start the runner refuses for good as a failure PARSER_INTERNAL', async () => {
    const job = await uploadedJob();
    runner.scriptStarts('fail');

    await expect(startParse(deps, job.jobId)).rejects.toThrow('AccessDeniedException');

    expect(linesOf('invoice_parse_failures_total')).toEqual(['invoice_parse_failures_total{code="PARSER_INTERNAL"} 1']);
    // The run never started: there is no attempt duration to report.
    expect(linesOf('invoice_parse_attempt_seconds_count')).toEqual([]);
  });

  it('counts a parse past its deadline as a failure PARSE_TIMEOUT', async () => {
    const job = await uploadedJob();
    await startParse(deps, job.jobId);
    now += 10 * 60_000;

    expect((await reconcileJob(deps, job.jobId)).error?.code).toBe('PARSE_TIMEOUT');

    expect(linesOf('invoice_parse_failures_total')).toEqual(['invoice_parse_failures_total{code="PARSE_TIMEOUT"} 1']);
    expect(linesOf('invoice_parse_attempt_seconds_sum')).toEqual(['invoice_parse_attempt_seconds_sum{outcome="timed-out"} 600']);
  });
});
