import { errorKey, parsedKey, type ParserRunStatus } from '@invoice/inventory';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { FsBlobStore } from '../../src/adapters/local/fs-blob-store';
import { HmacUploadSigner } from '../../src/adapters/local/hmac-upload-signer';
import { QueuedParserRunner } from '../../src/adapters/local/queued-parser-runner';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { ABANDONED_STOP_CODE, MAX_RECEIVES, SqliteParseQueue } from '../../src/adapters/local/sqlite-parse-queue';
import { WarmWorkerPool, type WarmWorkerPoolOptions } from '../../src/adapters/local/warm-worker-pool';
import { describeParserRunnerContract } from '../contracts/parser-runner.contract';
import { fakeScript } from '../support/api-client';
import { FAKE_PARSER_COMMAND, REPO_ROOT, VENV_PYTHON } from '../support/paths';
import { makeDataDir } from '../support/test-server';

const fixturesDir = inject('fixturesDir');
/** Short enough that a lease left by a dead server runs out within a test. */
const SHORT_LEASE_MS = 400;

/** A queue on a fresh DATA_DIR's database file, and a way to start pools (and runners) on it. */
function newQueueDir() {
  const dir = makeDataDir('queued-runner');
  const file = path.join(dir.dataDir, 'inventory.sqlite');
  const blobs = new FsBlobStore(path.join(dir.dataDir, 'blobs'), new HmacUploadSigner('s'.repeat(32), 'http://127.0.0.1:1'));
  const databases: SqliteDatabase[] = [];
  const pools: WarmWorkerPool[] = [];
  const open = (options: Partial<WarmWorkerPoolOptions> = {}) => {
    const db = openSqliteDatabase(file);
    databases.push(db);
    const queue = new SqliteParseQueue(db);
    const pool = new WarmWorkerPool({
      queue,
      command: FAKE_PARSER_COMMAND,
      workers: 2,
      maxJobsPerWorker: 100,
      timeoutSeconds: 30,
      cwd: dir.dataDir,
      log: () => undefined,
      ...options,
    }).start();
    pools.push(pool);
    return { runner: new QueuedParserRunner(queue, pool), pool, queue };
  };
  const cleanup = async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    for (const db of databases) db.close();
    dir.remove();
  };
  return { blobs, open, cleanup, file };
}

describe.skipIf(fixturesDir === null)('with the real Python parser', () => {
  describeParserRunnerContract(
    'QueuedParserRunner over a WarmWorkerPool',
    async () => {
      const { blobs, open, cleanup } = newQueueDir();
      const { runner } = open({ command: [VENV_PYTHON, '-m', 'invoice_parser'], cwd: REPO_ROOT, timeoutSeconds: 60 });
      return { runner, blobs, cleanup };
    },
    () => ({
      invoicePdf: readFileSync(path.join(fixturesDir as string, 'ruled_basic.pdf')),
      notAPdf: readFileSync(path.join(fixturesDir as string, 'not_a_pdf.txt')),
    }),
  );
});

describe.skipIf(fixturesDir === null)('the real Python worker\'s log', () => {
  it('reaches the pool\'s log as JSON lines carrying the job id and attempt the worker was given', async () => {
    // Arrange
    const { blobs, open, cleanup } = newQueueDir();
    const lines: string[] = [];
    const { runner } = open({ command: [VENV_PYTHON, '-m', 'invoice_parser'], cwd: REPO_ROOT, workers: 1, log: (line) => lines.push(line) });
    const jobId = '00000000-0000-4000-8000-00000000a10c';
    await blobs.write(`raw/${jobId}/input.pdf`, readFileSync(path.join(fixturesDir as string, 'not_a_pdf.txt')));

    try {
      // Act
      const { runId } = await runner.start({
        jobId,
        attempt: 2,
        inputUri: blobs.uriOf(`raw/${jobId}/input.pdf`),
        outputUri: blobs.uriOf(parsedKey(jobId, 2)),
        errorOutputUri: blobs.uriOf(errorKey(jobId, 2)),
      });
      const deadline = Date.now() + 60_000;
      while ((await runner.describe(runId)).state !== 'STOPPED' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

      // Assert
      const records = lines.flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : []));
      expect(records.find((record) => record.message === 'parse finished')).toMatchObject({ level: 'info', jobId, attempt: 2, status: 'failed', code: 'NOT_A_PDF' });
    } finally {
      await cleanup();
    }
  }, 90_000);
});

describe('QueuedParserRunner with warm workers', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  let counter = 0;
  function setup() {
    const dir = newQueueDir();
    cleanups.push(dir.cleanup);
    const start = async (runner: QueuedParserRunner, script: object) => {
      counter += 1;
      const jobId = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
      const inputKey = `raw/${jobId}/input.pdf`;
      await dir.blobs.write(inputKey, fakeScript(script));
      const { runId } = await runner.start({
        jobId,
        attempt: 1,
        inputUri: dir.blobs.uriOf(inputKey),
        outputUri: dir.blobs.uriOf(parsedKey(jobId, 1)),
        errorOutputUri: dir.blobs.uriOf(errorKey(jobId, 1)),
      });
      return { jobId, runId };
    };
    return { ...dir, start };
  }

  async function until(runner: QueuedParserRunner, runId: string, state: ParserRunStatus['state'], limitMs = 20_000): Promise<ParserRunStatus> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const status = await runner.describe(runId);
      if (status.state === state) return status;
      if (Date.now() > deadline) throw new Error(`run ${runId} never reached ${state}, is ${status.state}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function waitFor<T>(probe: () => T | undefined, limitMs = 20_000): Promise<T> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  describe('describe', () => {
    it('reads queued runs as PENDING, the one in hand as RUNNING, and a finished one as STOPPED', async () => {
      // Arrange
      const { open, start, blobs } = setup();
      const { runner } = open({ workers: 1 });

      // Act
      const first = await start(runner, { fake: 'sleep', seconds: 0.5 });
      const second = await start(runner, { fake: 'result', lines: [] });

      // Assert
      expect((await runner.describe(first.runId)).state).toBe('RUNNING');
      expect((await runner.describe(second.runId)).state).toBe('PENDING');
      expect(await until(runner, second.runId, 'STOPPED')).toEqual({ state: 'STOPPED', stopReason: 'parsed' });
      expect(await blobs.head(parsedKey(first.jobId, 1))).not.toBeNull();
    });

    it('reads an unknown run id, e.g. from before a restart, as STOPPED "runner restarted"', async () => {
      const { open } = setup();
      const { runner } = open();
      expect(await runner.describe('local-from-yesterday')).toEqual({ state: 'STOPPED', stopReason: 'runner restarted' });
    });

    it('reports the code of a document the worker refused, and the worker goes on with the next job', async () => {
      const { open, start, blobs } = setup();
      const { runner } = open({ workers: 1 });
      const refused = await start(runner, { fake: 'error', code: 'ENCRYPTED' });
      const next = await start(runner, { fake: 'result', lines: [] });
      expect(await until(runner, refused.runId, 'STOPPED')).toEqual({ state: 'STOPPED', stopReason: 'answered failed ENCRYPTED' });
      await until(runner, next.runId, 'STOPPED');
      expect(await blobs.head(parsedKey(next.jobId, 1))).not.toBeNull();
    });
  });

  describe('time limit', () => {
    it('stops a job past the time limit with TIMEOUT, kills its worker and parses the next job on a new one', async () => {
      // Arrange
      const { open, start, blobs } = setup();
      const { runner, pool } = open({ workers: 1, timeoutSeconds: 1 });

      // Act
      const slow = await start(runner, { fake: 'sleep', seconds: 30 });
      const pid = (await waitFor(() => pool.busyWorkers()[0])).pid;
      const next = await start(runner, { fake: 'result', lines: [] });
      const status = await until(runner, slow.runId, 'STOPPED');

      // Assert
      expect(status).toEqual({ state: 'STOPPED', stopReason: 'killed after the 1s time limit', stopCode: 'TIMEOUT' });
      await until(runner, next.runId, 'STOPPED');
      expect(await blobs.head(parsedKey(next.jobId, 1))).not.toBeNull();
      expect(pool.busyWorkers().map((worker) => worker.pid)).not.toContain(pid);
    });
  });

  describe('faults', () => {
    it('parses a job whose worker was killed mid-job: only the lease is lost, and the next worker parses it', async () => {
      // Arrange
      const { open, start, blobs } = setup();
      const { runner, pool, queue } = open({ workers: 1, leaseMs: SHORT_LEASE_MS });
      const { jobId, runId } = await start(runner, { fake: 'sleep', seconds: 1 });
      const victim = await waitFor(() => pool.busyWorkers().find((worker) => worker.runId === runId));

      // Act
      process.kill(victim.pid as number, 'SIGKILL');
      const status = await until(runner, runId, 'STOPPED');

      // Assert
      expect(status).toEqual({ state: 'STOPPED', stopReason: 'parsed' });
      expect(queue.find(runId)?.receiveCount).toBe(2);
      expect(await blobs.head(parsedKey(jobId, 1))).not.toBeNull();
    });

    it(`stops a poison document that kills its worker every time after ${MAX_RECEIVES} deliveries, and parses the rest`, async () => {
      // Arrange
      const { open, start, blobs } = setup();
      const { runner, queue } = open({ workers: 2 });

      // Act
      const poison = await start(runner, { fake: 'crash' });
      const healthy = await Promise.all([1, 2, 3].map(() => start(runner, { fake: 'result', lines: [] })));
      const status = await until(runner, poison.runId, 'STOPPED');

      // Assert
      expect(status.stopCode).toBe(ABANDONED_STOP_CODE);
      expect(status.stopReason).toMatch(new RegExp(`^abandoned after ${MAX_RECEIVES} deliveries without an answer; last: exited with code 3: .*RuntimeError: boom`));
      expect(queue.find(poison.runId)?.receiveCount).toBe(MAX_RECEIVES);
      for (const job of healthy) {
        await until(runner, job.runId, 'STOPPED');
        expect(await blobs.head(parsedKey(job.jobId, 1))).not.toBeNull();
      }
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(queue.counts()).toEqual({ queued: 0, claimed: 0, done: 4 });
    });

    it(`delivers again a job whose worker could record no outcome (the store failed), and stops it after ${MAX_RECEIVES} deliveries`, async () => {
      // Arrange
      const { open, start, blobs } = setup();
      const { runner, queue } = open({ workers: 1 });

      // Act
      const { jobId, runId } = await start(runner, { fake: 'unrecorded' });
      const status = await until(runner, runId, 'STOPPED');

      // Assert: never taken as a document error, and never delivered forever
      expect(status.stopCode).toBe(ABANDONED_STOP_CODE);
      expect(status.stopReason).toMatch(/the parser could not record an outcome/);
      expect(queue.find(runId)?.receiveCount).toBe(MAX_RECEIVES);
      expect(await blobs.head(errorKey(jobId, 1))).toBeNull();
    });

    it('stops every run with the reason when the parser cannot be started at all, rather than leaving it queued', async () => {
      const { open, start } = setup();
      const { runner } = open({ workers: 1, command: ['/nonexistent/python', '-m', 'invoice_parser'] });
      const { runId } = await start(runner, { fake: 'result' });
      const status = await until(runner, runId, 'STOPPED');
      expect(status.stopReason).toMatch(/last: could not start the parser: .*ENOENT/);
    });

    it('outlives a database locked past its busy timeout: the calls that failed are logged, and every run still ends parsed', async () => {
      // Arrange: one worker busy for a moment, one run queued behind it, and a log to read
      const { open, start, blobs, file } = setup();
      const lines: string[] = [];
      const { runner } = open({ workers: 1, leaseMs: SHORT_LEASE_MS, log: (line) => lines.push(line) });
      const first = await start(runner, { fake: 'sleep', seconds: 0.3 });
      const second = await start(runner, { fake: 'result', lines: [] });
      const locker = new Database(file);

      // Act: another connection holds the write lock while the worker answers and the idle ticks claim
      locker.exec('BEGIN EXCLUSIVE');
      try {
        await waitFor(() => (lines.some((line) => line.startsWith('parse queue: could not')) ? true : undefined), 60_000);
      } finally {
        locker.exec('COMMIT');
        locker.close();
      }

      // Assert: the server process is still here (a throw from a timer would have ended it) and nothing is lost
      expect(lines.find((line) => line.startsWith('parse queue: could not'))).toMatch(/database is locked/);
      expect(await until(runner, first.runId, 'STOPPED', 60_000)).toEqual({ state: 'STOPPED', stopReason: 'parsed' });
      expect(await until(runner, second.runId, 'STOPPED', 60_000)).toEqual({ state: 'STOPPED', stopReason: 'parsed' });
      expect(await blobs.head(parsedKey(first.jobId, 1))).not.toBeNull();
      expect(await blobs.head(parsedKey(second.jobId, 1))).not.toBeNull();
    }, 120_000);

    it('takes over the runs a server left behind: queued ones at once, leased ones once their lease runs out', async () => {
      // Arrange: a server that died holding one message (leased to a worker that will never answer) and another queued
      const { open, start, blobs } = setup();
      const first = open({ workers: 1 });
      await first.pool.close();
      const held = await start(first.runner, { fake: 'result', lines: [] });
      const queued = await start(first.runner, { fake: 'result', lines: [] });
      expect(first.queue.claim('dead-server-worker', SHORT_LEASE_MS)?.runId).toBe(held.runId);

      // Act: a new server on the same file
      const second = open({ workers: 2 });
      const afterQueued = await until(second.runner, queued.runId, 'STOPPED');
      const heldMeanwhile = (await second.runner.describe(held.runId)).state;
      const afterHeld = await until(second.runner, held.runId, 'STOPPED');

      // Assert
      expect(afterQueued.stopReason).toBe('parsed');
      expect(afterHeld.stopReason).toBe('parsed');
      expect(heldMeanwhile).toBe('RUNNING');
      expect(second.queue.find(held.runId)?.receiveCount).toBe(2);
      expect(await blobs.head(parsedKey(held.jobId, 1))).not.toBeNull();
    });

    it('puts the jobs in hand back in the queue on close, and a new pool parses them without counting a delivery', async () => {
      // Arrange
      const { open, start } = setup();
      const first = open({ workers: 2 });
      const runs = await Promise.all([1, 2, 3, 4].map(() => start(first.runner, { fake: 'sleep', seconds: 5 })));
      await waitFor(() => (first.pool.busyWorkers().length === 2 ? true : undefined));

      // Act
      await first.pool.close();
      const pending = await Promise.all(runs.map((run) => first.runner.describe(run.runId)));
      const second = open({ workers: 4 });
      const after = await Promise.all(runs.map((run) => until(second.runner, run.runId, 'STOPPED')));

      // Assert
      expect(pending.map((status) => status.state)).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING']);
      expect(after.map((status) => status.stopReason)).toEqual(['parsed', 'parsed', 'parsed', 'parsed']);
      expect(runs.map((run) => second.queue.find(run.runId)?.receiveCount)).toEqual([1, 1, 1, 1]);
    });
  });

  describe('recycling', () => {
    it('replaces a worker after PARSER_WORKER_MAX_JOBS jobs and loses none', async () => {
      const { open, start, blobs } = setup();
      const { runner, pool } = open({ workers: 1, maxJobsPerWorker: 2 });
      const runs = await Promise.all([1, 2, 3, 4, 5].map(() => start(runner, { fake: 'result', lines: [] })));
      for (const run of runs) expect((await until(runner, run.runId, 'STOPPED')).stopReason).toBe('parsed');
      for (const run of runs) expect(await blobs.head(parsedKey(run.jobId, 1))).not.toBeNull();
      expect(pool.recycled).toBe(2);
    });

    it('replaces a worker whose resident memory is above the bound after a job', async () => {
      const { open, start } = setup();
      const { runner, pool } = open({ workers: 1, maxResidentBytes: 1024 });
      const run = await start(runner, { fake: 'result', lines: [] });
      await until(runner, run.runId, 'STOPPED');
      expect(pool.recycled).toBe(1);
    });
  });
});
