import { abandonParseRun, errorKey, nextVersion, parsedKey, type JobRecord, type JobRepository } from '@invoice/inventory';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../src/adapters/local/fs-blob-store';
import { HmacUploadSigner } from '../../src/adapters/local/hmac-upload-signer';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteJobRepository } from '../../src/adapters/local/sqlite-job-repository';
import { sampleJob } from '../contracts/sample-records';
import { makeDataDir } from '../support/test-server';

const QUEUED_AT = '2026-03-01T09:00:00.000Z';
const NOW = new Date('2026-03-01T09:05:00.000Z');
const REASON = "its message reached the parse queue's dead-letter queue";

/** A job whose attempt `attempt` was sent to the queue and is still in flight. */
function inFlight(attempt: number, overrides: Partial<JobRecord> = {}): JobRecord {
  const earlier = Array.from({ length: attempt - 1 }, (_, index) => ({
    attempt: index + 1,
    queuedAt: QUEUED_AT,
    startedAt: QUEUED_AT,
    endedAt: QUEUED_AT,
    outcome: 'retried' as const,
    code: 'PARSER_START_REFUSED',
    retryAt: null,
  }));
  return sampleJob({
    status: 'QUEUED',
    attempt,
    version: 3,
    runId: `sqs:message-${attempt}`,
    createdAt: QUEUED_AT,
    updatedAt: QUEUED_AT,
    parseRequest: { requestedAt: QUEUED_AT, firstAttempt: 1 },
    attempts: [...earlier, { attempt, queuedAt: QUEUED_AT, startedAt: QUEUED_AT, endedAt: null, outcome: 'running', code: null, retryAt: null }],
    ...overrides,
  });
}

/** The dead-letter queue's use case over the SQLite job store and the file blob store (the embedded adapters). */
describe('abandonParseRun', () => {
  let dir: ReturnType<typeof makeDataDir>;
  let db: SqliteDatabase;
  let jobs: SqliteJobRepository;
  let blobs: FsBlobStore;

  beforeEach(() => {
    dir = makeDataDir('abandon');
    db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
    jobs = new SqliteJobRepository(db);
    blobs = new FsBlobStore(path.join(dir.dataDir, 'blobs'), new HmacUploadSigner('x'.repeat(32), 'http://127.0.0.1:1'));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  const deps = (repository: JobRepository = jobs) => ({ jobs: repository, blobs, clock: { now: () => NOW } });

  it('fails the current attempt, in flight and without output, with PARSE_ABANDONED and ends it abandoned', async () => {
    // Arrange
    const job = inFlight(2);
    await jobs.create(job);

    // Act
    const result = await abandonParseRun(deps(), { jobId: job.jobId, attempt: 2, reason: REASON, receiveCount: 3 });

    // Assert
    const stored = await jobs.get(job.jobId);
    expect(result).toEqual({ outcome: 'abandoned', job: stored });
    expect(stored).toMatchObject({
      status: 'FAILED',
      attempt: 2,
      version: 4,
      updatedAt: NOW.toISOString(),
      error: { code: 'PARSE_ABANDONED', details: { attempt: 2, reason: REASON, receiveCount: 3 } },
    });
    expect(stored?.error?.message).toContain(REASON);
    expect(stored?.attempts).toEqual([
      job.attempts?.[0],
      { attempt: 2, queuedAt: QUEUED_AT, startedAt: QUEUED_AT, endedAt: NOW.toISOString(), outcome: 'abandoned', code: 'PARSE_ABANDONED', retryAt: null },
    ]);
  });

  it('leaves out the receive count when the queue gave none, and abandons a PARSING job too', async () => {
    const job = inFlight(1, { status: 'PARSING' });
    await jobs.create(job);

    const result = await abandonParseRun(deps(), { jobId: job.jobId, attempt: 1, reason: REASON });

    expect(result.outcome).toBe('abandoned');
    expect((await jobs.get(job.jobId))?.error?.details).toEqual({ attempt: 1, reason: REASON });
  });

  it('never touches a newer attempt: a stale message of an older one changes nothing', async () => {
    const job = inFlight(2);
    await jobs.create(job);

    const result = await abandonParseRun(deps(), { jobId: job.jobId, attempt: 1, reason: REASON });

    expect(result).toEqual({ outcome: 'unchanged', why: 'other-attempt', job });
    expect(await jobs.get(job.jobId)).toEqual(job);
  });

  it('leaves a job that is no longer in flight as it is (PARSED stays PARSED)', async () => {
    const job = inFlight(1, { status: 'PARSED', runId: 'sqs:message-1' });
    await jobs.create(job);

    const result = await abandonParseRun(deps(), { jobId: job.jobId, attempt: 1, reason: REASON });

    expect(result).toMatchObject({ outcome: 'unchanged', why: 'not-in-flight' });
    expect(await jobs.get(job.jobId)).toEqual(job);
  });

  it.each([
    ['a result', parsedKey],
    ['an error record', errorKey],
  ])('lets the outputs win: an attempt that wrote %s is left for reconcile to take', async (_what, keyOf) => {
    const job = inFlight(1);
    await jobs.create(job);
    await blobs.write(keyOf(job.jobId, 1), Buffer.from('{}'));

    const result = await abandonParseRun(deps(), { jobId: job.jobId, attempt: 1, reason: REASON });

    expect(result).toMatchObject({ outcome: 'unchanged', why: 'output-written' });
    expect(await jobs.get(job.jobId)).toEqual(job);
  });

  it('answers unchanged for a job that does not exist', async () => {
    const result = await abandonParseRun(deps(), { jobId: sampleJob().jobId, attempt: 1, reason: REASON });

    expect(result).toEqual({ outcome: 'unchanged', why: 'no-such-job', job: null });
  });

  it('re-reads after losing the version race and decides again on what the winner wrote', async () => {
    // Arrange: between the first read and the write, a reconcile takes the attempt's result
    const job = inFlight(1);
    await jobs.create(job);
    let raced = false;
    const racing: JobRepository = Object.assign(Object.create(jobs) as JobRepository, {
      async get(jobId: string) {
        const read = await jobs.get(jobId);
        if (read && !raced) {
          raced = true;
          await jobs.update(nextVersion(read, { status: 'PARSED' }, NOW), read.version);
        }
        return read;
      },
    });

    // Act
    const result = await abandonParseRun(deps(racing), { jobId: job.jobId, attempt: 1, reason: REASON });

    // Assert
    expect(result).toMatchObject({ outcome: 'unchanged', why: 'not-in-flight', job: { status: 'PARSED', version: 4 } });
    expect((await jobs.get(job.jobId))?.status).toBe('PARSED');
  });
});
