import { parseRetryPolicy } from '@invoice/inventory';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../src/adapters/local/fs-blob-store';
import { HmacUploadSigner } from '../../src/adapters/local/hmac-upload-signer';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteJobRepository } from '../../src/adapters/local/sqlite-job-repository';
import { startParseSweeper, type ParseSweeper } from '../../src/parse-sweeper';
import { sampleJob } from '../contracts/sample-records';
import { makeDataDir } from '../support/test-server';
import { ScriptedParserRunner } from './scripted-parser-runner';

describe('startParseSweeper (the local server\'s interval)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('fails a job past its deadline that nobody polls, on its own, and stops when asked', async () => {
    // Arrange: a parse requested an hour ago whose run is still going
    const dir = makeDataDir('sweeper');
    const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
    cleanups.push(
      () => dir.remove(),
      () => {
        db.close();
      },
    );
    const jobs = new SqliteJobRepository(db);
    const runner = new ScriptedParserRunner();
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const { runId } = await runner.start({ jobId: 'stuck', attempt: 1, inputUri: '', outputUri: '', errorOutputUri: '' });
    runner.set(runId, { state: 'RUNNING' });
    const job = sampleJob({ status: 'PARSING', attempt: 1, runId, updatedAt: anHourAgo, parseRequest: { requestedAt: anHourAgo, firstAttempt: 1 } });
    await jobs.create(job);
    const lines: string[] = [];
    const deps = {
      jobs,
      blobs: new FsBlobStore(path.join(dir.dataDir, 'blobs'), new HmacUploadSigner('x'.repeat(32), 'http://127.0.0.1:1')),
      runner,
      clock: { now: () => new Date() },
      parseRetry: parseRetryPolicy({ deadlineMs: 600_000 }),
    };

    // Act
    const sweeper: ParseSweeper = startParseSweeper(deps, 1, (line) => lines.push(line));
    cleanups.push(() => sweeper.stop());
    const deadline = Date.now() + 5_000;
    while ((await jobs.get(job.jobId))?.status === 'PARSING' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await sweeper.stop();

    // Assert
    expect(await jobs.get(job.jobId)).toMatchObject({ status: 'FAILED', error: { code: 'PARSE_TIMEOUT' } });
    expect(lines).toEqual(['parse sweep: 1 in flight, 1 changed, 0 failed']);
  });
});
