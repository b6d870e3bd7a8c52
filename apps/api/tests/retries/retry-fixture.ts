import type { ParseResult } from '@invoice/contracts';
import { parseRetryPolicy, type JobRecord, type ParseDeps } from '@invoice/inventory';
import path from 'node:path';
import { FsBlobStore } from '../../src/adapters/local/fs-blob-store';
import { HmacUploadSigner } from '../../src/adapters/local/hmac-upload-signer';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteJobRepository } from '../../src/adapters/local/sqlite-job-repository';
import { sampleJob } from '../contracts/sample-records';
import { makeDataDir } from '../support/test-server';
import { ScriptedParserRunner } from './scripted-parser-runner';

/** The retry tests' shared setting: a clock they move by hand, a scripted runner, SQLite and files. */
export const START = Date.parse('2026-03-01T09:00:00.000Z');
export const DEADLINE_MS = 10 * 60_000;
/** random() = 0.5 draws half the backoff ceiling: 1 s before the first retry, 2 s before the second. */
export const FIRST_BACKOFF_MS = 1_000;
export const SECOND_BACKOFF_MS = 2_000;
export const HOST_LOST = { state: 'STOPPED', stopReason: 'Host EC2 (instance i-0abc) terminated.', retryable: true } as const;

export type RetryDeps = ParseDeps & { jobs: SqliteJobRepository; blobs: FsBlobStore; runner: ScriptedParserRunner };

/** Stores on a fresh DATA_DIR, three attempts, full-jitter backoff at half its ceiling; `close` removes it all. */
export function openRetryDeps(name: string, clock: () => Date, extra: Pick<ParseDeps, 'telemetry'> = {}): { deps: RetryDeps; close(): void } {
  const dir = makeDataDir(name);
  const db: SqliteDatabase = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  const deps: RetryDeps = {
    jobs: new SqliteJobRepository(db),
    blobs: new FsBlobStore(path.join(dir.dataDir, 'blobs'), new HmacUploadSigner('x'.repeat(32), 'http://127.0.0.1:1')),
    runner: new ScriptedParserRunner(),
    clock: { now: clock },
    parseRetry: parseRetryPolicy({ maxAttempts: 3, backoffBaseMs: 2_000, backoffCapMs: 60_000, deadlineMs: DEADLINE_MS, random: () => 0.5 }),
    ...extra,
  };
  return {
    deps,
    close() {
      db.close();
      dir.remove();
    },
  };
}

/** A job created now whose upload is stored, ready for startParse. */
export async function uploadedJob(deps: RetryDeps): Promise<JobRecord> {
  const at = deps.clock.now().toISOString();
  const job = sampleJob({ createdAt: at, updatedAt: at });
  await deps.jobs.create(job);
  await deps.blobs.write(job.objectKey, Buffer.alloc(job.sizeBytes, 1));
  return job;
}

export async function runOf(deps: RetryDeps, jobId: string): Promise<string> {
  return (await deps.jobs.get(jobId))?.runId ?? 'none';
}

/** A valid ParseResult whose invoice number tells the attempts apart. */
export function parseResult(number: string, pages = 1): ParseResult {
  return {
    schemaVersion: '1',
    source: { sha256: 'a'.repeat(64), pages, mediaType: 'application/pdf', sizeBytes: 1234 },
    parser: { name: 'scripted', version: '1' },
    extraction: { method: 'printed-page' },
    invoice: {
      documentType: 'invoice',
      number,
      date: '2026-01-31',
      currency: 'EUR',
      supplier: { name: 'Acme' },
      totals: { subtotal: null, tax: null, total: '10.00' },
    },
    lines: [],
    warnings: [],
  } as ParseResult;
}
