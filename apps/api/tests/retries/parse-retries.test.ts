import {
  errorKey,
  parsedKey,
  reconcileJob,
  startParse,
  sweepInFlightJobs,
  toPublicJob,
  UNSTARTED_RUN_GRACE_MS,
  type JobRecord,
} from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleJob } from '../contracts/sample-records';
import {
  DEADLINE_MS,
  FIRST_BACKOFF_MS,
  HOST_LOST,
  openRetryDeps,
  parseResult,
  runOf as runOfJob,
  SECOND_BACKOFF_MS,
  START,
  uploadedJob as uploadJob,
  type RetryDeps,
} from './retry-fixture';
import type { ScriptedParserRunner } from './scripted-parser-runner';

describe('parse retries, deadline and sweep (SQLite store, scripted runner)', () => {
  let now: number;
  let runner: ScriptedParserRunner;
  let deps: RetryDeps;
  let close: () => void;

  beforeEach(() => {
    now = START;
    ({ deps, close } = openRetryDeps('retries', () => new Date(now)));
    runner = deps.runner;
  });
  afterEach(() => close());

  const uploadedJob = () => uploadJob(deps);
  const writeResult = (jobId: string, attempt: number, number: string) => deps.blobs.write(parsedKey(jobId, attempt), JSON.stringify(parseResult(number)));
  const runOf = (jobId: string) => runOfJob(deps, jobId);

  describe('a run stopped for a cause outside the document', () => {
    it('is retried as attempt 2 after its backoff, with its own output keys, and then PARSED', async () => {
      // Arrange
      const job = await uploadedJob();
      await startParse(deps, job.jobId);
      runner.set(await runOf(job.jobId), { state: 'RUNNING' });
      expect((await reconcileJob(deps, job.jobId)).status).toBe('PARSING');
      now += 5_000;
      runner.set(await runOf(job.jobId), HOST_LOST);

      // Act: the stop is seen
      const retrying = await reconcileJob(deps, job.jobId);

      // Assert: attempt 2 waits out its backoff, QUEUED (from PARSING), with no run yet
      expect(retrying).toMatchObject({ status: 'QUEUED', attempt: 2, runId: null, error: null, retryAt: new Date(now + FIRST_BACKOFF_MS).toISOString() });
      expect(runner.starts).toHaveLength(1);
      now += FIRST_BACKOFF_MS - 1;
      expect((await reconcileJob(deps, job.jobId)).runId).toBeNull();
      expect(runner.starts).toHaveLength(1);

      // Act: the backoff has passed
      now += 1;
      const started = await reconcileJob(deps, job.jobId);

      // Assert: attempt 2 started with attempt 2's keys
      expect(started).toMatchObject({ status: 'QUEUED', attempt: 2, retryAt: null });
      expect(started.runId).not.toBeNull();
      expect(runner.starts.map((start) => start.attempt)).toEqual([1, 2]);
      expect(runner.starts[1]).toMatchObject({
        outputUri: deps.blobs.uriOf(parsedKey(job.jobId, 2)),
        errorOutputUri: deps.blobs.uriOf(errorKey(job.jobId, 2)),
      });

      // Act: attempt 2 writes its result
      now += 3_000;
      await writeResult(job.jobId, 2, 'INV-2');
      const parsed = await reconcileJob(deps, job.jobId);

      // Assert: PARSED, and the history says what happened to each attempt
      expect(parsed).toMatchObject({ status: 'PARSED', attempt: 2, error: null });
      expect(parsed.summary?.invoiceNumber).toBe('INV-2');
      expect(toPublicJob(parsed).attempts).toEqual([
        { attempt: 1, queuedAt: iso(START), startedAt: iso(START), endedAt: iso(START + 5_000), outcome: 'retried', code: 'PARSER_CRASHED', retryAt: null },
        {
          attempt: 2,
          queuedAt: iso(START + 5_000),
          startedAt: iso(START + 5_000 + FIRST_BACKOFF_MS),
          endedAt: iso(START + 8_000 + FIRST_BACKOFF_MS),
          outcome: 'parsed',
          code: null,
          retryAt: iso(START + 5_000 + FIRST_BACKOFF_MS),
        },
      ]);
    });

    it('ends FAILED PARSE_ABANDONED with the history once every attempt was used that way', async () => {
      // Arrange
      const job = await uploadedJob();
      await startParse(deps, job.jobId);

      // Act: three runs in a row are lost with their hosts
      runner.set(await runOf(job.jobId), HOST_LOST);
      await reconcileJob(deps, job.jobId);
      now += FIRST_BACKOFF_MS;
      await reconcileJob(deps, job.jobId);
      runner.set(await runOf(job.jobId), HOST_LOST);
      await reconcileJob(deps, job.jobId);
      now += SECOND_BACKOFF_MS;
      await reconcileJob(deps, job.jobId);
      runner.set(await runOf(job.jobId), { ...HOST_LOST, stopCode: 'PARSER_CRASHED' });
      const abandoned = await reconcileJob(deps, job.jobId);

      // Assert
      expect(runner.starts.map((start) => start.attempt)).toEqual([1, 2, 3]);
      expect(abandoned).toMatchObject({ status: 'FAILED', attempt: 3, retryAt: null });
      expect(abandoned.error).toMatchObject({ code: 'PARSE_ABANDONED', details: { attempts: 3, lastCode: 'PARSER_CRASHED' } });
      expect(toPublicJob(abandoned).attempts.map(({ attempt, outcome, code }) => ({ attempt, outcome, code }))).toEqual([
        { attempt: 1, outcome: 'retried', code: 'PARSER_CRASHED' },
        { attempt: 2, outcome: 'retried', code: 'PARSER_CRASHED' },
        { attempt: 3, outcome: 'abandoned', code: 'PARSER_CRASHED' },
      ]);
      // A new parse request starts a new budget.
      const again = await startParse(deps, job.jobId);
      expect(again).toMatchObject({ status: 'QUEUED', attempt: 4 });
      expect(again.runId).not.toBeNull();
    });

    it('never takes a late result of the older attempt, only the current attempt\'s', async () => {
      // Arrange: attempt 1 lost, attempt 2 started
      const job = await uploadedJob();
      await startParse(deps, job.jobId);
      runner.set(await runOf(job.jobId), HOST_LOST);
      await reconcileJob(deps, job.jobId);
      now += FIRST_BACKOFF_MS;
      await reconcileJob(deps, job.jobId);
      runner.set(await runOf(job.jobId), { state: 'RUNNING' });

      // Act: the lost run of attempt 1 writes after all
      await writeResult(job.jobId, 1, 'INV-LATE-1');
      const stillParsing = await reconcileJob(deps, job.jobId);

      // Assert
      expect(stillParsing).toMatchObject({ status: 'PARSING', attempt: 2, summary: null });

      // Act: attempt 2 finishes
      await writeResult(job.jobId, 2, 'INV-2');
      const parsed = await reconcileJob(deps, job.jobId);

      // Assert
      expect(parsed.status).toBe('PARSED');
      expect(parsed.summary?.invoiceNumber).toBe('INV-2');
    });

    it('starts one run when two reconciles find the retry due at the same moment', async () => {
      // Arrange
      const job = await uploadedJob();
      await startParse(deps, job.jobId);
      runner.set(await runOf(job.jobId), HOST_LOST);
      await reconcileJob(deps, job.jobId);
      now += FIRST_BACKOFF_MS;

      // Act
      const [first, second] = await Promise.all([reconcileJob(deps, job.jobId), reconcileJob(deps, job.jobId), sweepInFlightJobs(deps)]);

      // Assert
      expect(runner.starts.map((start) => start.attempt)).toEqual([1, 2]);
      expect(first.runId).not.toBeNull();
      expect(second.attempt).toBe(2);
      expect((await deps.jobs.get(job.jobId))?.runId).toBe(first.runId);
    });
  });

  describe('causes that are never retried', () => {
    it('fails at once on a document error, even when the run also reads as stopped for an outside reason', async () => {
      // Arrange
      const job = await uploadedJob();
      await startParse(deps, job.jobId);
      await deps.blobs.write(errorKey(job.jobId, 1), JSON.stringify({ error: { code: 'NOT_A_PDF', message: 'not a PDF' } }));
      runner.set(await runOf(job.jobId), HOST_LOST);

      // Act
      const failed = await reconcileJob(deps, job.jobId);
      now += 60_000;
      await sweepInFlightJobs(deps);

      // Assert
      expect(failed).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'NOT_A_PDF' } });
      expect(runner.starts).toHaveLength(1);
      expect(toPublicJob(failed).attempts).toMatchObject([{ attempt: 1, outcome: 'failed', code: 'NOT_A_PDF', endedAt: iso(START) }]);
    });

    it('fails at once when the runner does not call the stop retryable (the parser\'s own time limit)', async () => {
      // Arrange
      const job = await uploadedJob();
      await startParse(deps, job.jobId);
      runner.set(await runOf(job.jobId), { state: 'STOPPED', stopReason: 'killed after 120 s', stopCode: 'TIMEOUT' });

      // Act
      const failed = await reconcileJob(deps, job.jobId);

      // Assert
      expect(failed).toMatchObject({ status: 'FAILED', error: { code: 'TIMEOUT' } });
      expect(runner.starts).toHaveLength(1);
    });

    it('fails a start refused for good (not a passing refusal), and says why to the caller', async () => {
      // Arrange
      const job = await uploadedJob();
      runner.scriptStarts('fail');

      // Act
      const refused = await startParse(deps, job.jobId).catch((error: unknown) => error);

      // Assert
      expect(String(refused)).toContain('AccessDeniedException');
      expect(await deps.jobs.get(job.jobId)).toMatchObject({ status: 'FAILED', error: { code: 'PARSER_INTERNAL' } });
    });
  });

  describe('a start refused for a passing reason (RunTask capacity, throttling)', () => {
    it('is retried with backoff: refused twice, then accepted, then PARSED', async () => {
      // Arrange
      const job = await uploadedJob();
      runner.scriptStarts('refuse', 'refuse');

      // Act: the request itself answers QUEUED, waiting for a retry
      const queued = await startParse(deps, job.jobId);
      now += FIRST_BACKOFF_MS;
      const refusedAgain = await reconcileJob(deps, job.jobId);
      now += SECOND_BACKOFF_MS;
      const started = await reconcileJob(deps, job.jobId);
      await writeResult(job.jobId, 3, 'INV-3');
      const parsed = await reconcileJob(deps, job.jobId);

      // Assert
      expect(queued).toMatchObject({ status: 'QUEUED', attempt: 2, runId: null, retryAt: iso(START + FIRST_BACKOFF_MS) });
      expect(refusedAgain).toMatchObject({ status: 'QUEUED', attempt: 3, runId: null });
      expect(started.runId).not.toBeNull();
      expect(runner.starts.map((start) => start.attempt)).toEqual([1, 2, 3]);
      expect(parsed).toMatchObject({ status: 'PARSED', attempt: 3 });
      expect(toPublicJob(parsed).attempts.map(({ attempt, outcome, code, startedAt }) => ({ attempt, outcome, code, started: startedAt !== null }))).toEqual([
        { attempt: 1, outcome: 'retried', code: 'PARSER_START_REFUSED', started: false },
        { attempt: 2, outcome: 'retried', code: 'PARSER_START_REFUSED', started: false },
        { attempt: 3, outcome: 'parsed', code: null, started: true },
      ]);
    });
  });

  describe('a claim whose run was never started (the API died between the two writes)', () => {
    it('is retried as the next attempt after the grace period, not failed', async () => {
      // Arrange: the claim as startParse writes it, and no start
      const job = await uploadedJob();
      const claimed = { ...job, status: 'QUEUED' as const, attempt: 1, version: job.version + 1, parseRequest: { requestedAt: iso(now), firstAttempt: 1 } };
      await deps.jobs.update(claimed, job.version);

      // Act
      now += UNSTARTED_RUN_GRACE_MS - 1;
      const waiting = await reconcileJob(deps, job.jobId);
      now += 1;
      const retrying = await reconcileJob(deps, job.jobId);
      now += FIRST_BACKOFF_MS;
      const started = await reconcileJob(deps, job.jobId);

      // Assert
      expect(waiting).toMatchObject({ status: 'QUEUED', attempt: 1 });
      expect(retrying).toMatchObject({ status: 'QUEUED', attempt: 2, runId: null });
      expect(toPublicJob(retrying).attempts.map(({ attempt, outcome, code }) => ({ attempt, outcome, code }))).toEqual([
        { attempt: 1, outcome: 'retried', code: 'PARSER_CRASHED' },
        { attempt: 2, outcome: 'queued', code: null },
      ]);
      expect(started.runId).not.toBeNull();
      expect(runner.starts.map((start) => start.attempt)).toEqual([2]);
    });
  });

  describe('the deadline, through the sweeper', () => {
    it('fails a job nobody polls with PARSE_TIMEOUT while its run still goes, and takes no late result', async () => {
      // Arrange: one job stuck running, one started later, one parsed
      const stuck = await uploadedJob();
      await startParse(deps, stuck.jobId);
      runner.set(await runOf(stuck.jobId), { state: 'RUNNING' });
      now += DEADLINE_MS / 2;
      const fresh = await uploadedJob();
      await startParse(deps, fresh.jobId);
      const done = await uploadedJob();
      await startParse(deps, done.jobId);
      await writeResult(done.jobId, 1, 'INV-DONE');
      await reconcileJob(deps, done.jobId);

      // Act
      now = START + DEADLINE_MS;
      const outcome = await sweepInFlightJobs(deps);

      // Assert
      expect(outcome).toEqual({ swept: 2, changed: 1, failed: 0 });
      const timedOut = await deps.jobs.get(stuck.jobId);
      expect(timedOut).toMatchObject({ status: 'FAILED', error: { code: 'PARSE_TIMEOUT' } });
      expect(toPublicJob(timedOut as JobRecord).attempts).toMatchObject([{ attempt: 1, outcome: 'timed-out', code: 'PARSE_TIMEOUT', endedAt: iso(START + DEADLINE_MS) }]);
      expect((await deps.jobs.get(fresh.jobId))?.status).toBe('QUEUED');
      expect((await deps.jobs.get(done.jobId))?.status).toBe('PARSED');

      // Act: the stuck run writes its result after all
      await writeResult(stuck.jobId, 1, 'INV-LATE');
      runner.set(await runOf(stuck.jobId), { state: 'STOPPED', stopReason: 'exit 0' });
      await sweepInFlightJobs(deps);

      // Assert
      expect(await deps.jobs.get(stuck.jobId)).toMatchObject({ status: 'FAILED', summary: null, error: { code: 'PARSE_TIMEOUT' } });
    });

    it('counts from the parse request, so retries do not extend it', async () => {
      // Arrange: attempt 1 lost late in the window; its retry is due after the deadline
      const job = await uploadedJob();
      await startParse(deps, job.jobId);
      now += DEADLINE_MS - 500;
      runner.set(await runOf(job.jobId), HOST_LOST);
      await reconcileJob(deps, job.jobId);

      // Act
      now += FIRST_BACKOFF_MS;
      await sweepInFlightJobs(deps);

      // Assert
      expect(await deps.jobs.get(job.jobId)).toMatchObject({ status: 'FAILED', attempt: 2, error: { code: 'PARSE_TIMEOUT' } });
      expect(runner.starts).toHaveLength(1);
    });

    it('starts due retries of jobs nobody polls', async () => {
      // Arrange
      const job = await uploadedJob();
      await startParse(deps, job.jobId);
      runner.set(await runOf(job.jobId), HOST_LOST);
      await sweepInFlightJobs(deps);

      // Act
      now += FIRST_BACKOFF_MS;
      await sweepInFlightJobs(deps);

      // Assert
      expect(runner.starts.map((start) => start.attempt)).toEqual([1, 2]);
    });
  });

  it('shows an empty history for a job stored before attempts were recorded', async () => {
    // Arrange
    const job = sampleJob({ status: 'PARSED', attempt: 1, runId: 'old-run' });
    await deps.jobs.create(job);

    // Act
    const stored = await deps.jobs.get(job.jobId);

    // Assert
    expect(toPublicJob(stored as JobRecord).attempts).toEqual([]);
  });
});

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
