import type { ParseAttempt } from '@invoice/contracts';
import { MAX_LISTED_FAILURES, MAX_OPERATIONS_JOBS, operationsSummary, type JobRecord, type JobRepository } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleJob } from '../contracts/sample-records';

const NOW = new Date('2026-03-01T10:15:00.000Z');
const WINDOW_START = '2026-02-28T11:00:00.000Z';

/** A job created at `createdAt` whose one parse request was queued then and ended `outcome` after `ms`. */
function endedJob(createdAt: string, outcome: ParseAttempt['outcome'], ms: number, code: string | null = null): JobRecord {
  const endedAt = new Date(Date.parse(createdAt) + ms).toISOString();
  return sampleJob({
    createdAt,
    updatedAt: endedAt,
    status: outcome === 'parsed' ? 'PARSED' : 'FAILED',
    attempt: 1,
    attempts: [
      {
        attempt: 1,
        queuedAt: createdAt,
        startedAt: createdAt,
        endedAt,
        outcome,
        code,
        retryAt: null,
      },
    ],
  });
}

export interface JobStoreFixture {
  jobs: JobRepository;
  cleanup(): Promise<void>;
}

/**
 * The use case over a real job store, run against SQLite (operations-summary.test.ts) and DynamoDB Local
 * (tests/aws/operations-summary-dynamodb.test.ts): the walk of the newest-first list, its bound and the window's edges.
 */
export function describeOperationsSummary(name: string, factory: () => Promise<JobStoreFixture>): void {
  describe(`operationsSummary (${name})`, () => {
    let fixture: JobStoreFixture;
    let jobs: JobRepository;
    const deps = () => ({ jobs, clock: { now: () => NOW } });

    beforeEach(async () => {
      fixture = await factory();
      jobs = fixture.jobs;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('counts a job created at the first instant of the window and leaves out one a millisecond before', async () => {
      await jobs.create(sampleJob({ createdAt: WINDOW_START }));
      await jobs.create(endedJob('2026-02-28T10:59:59.999Z', 'parsed', 5_000));

      const summary = await operationsSummary(deps(), '24h');

      expect(summary.jobsRead).toBe(1);
      expect(summary.buckets[0]?.counts).toMatchObject({ created: 1, parsed: 0 });
      expect(summary.totals).toMatchObject({
        created: 1,
        parsed: 0,
        failed: 0,
        successRate: null,
      });
    });

    it('buckets each end by when it ended, and takes the latency percentiles per bucket', async () => {
      await jobs.create(endedJob('2026-03-01T08:59:59.000Z', 'parsed', 2_000)); // created at 08, parsed at 09
      await jobs.create(endedJob('2026-03-01T09:10:00.000Z', 'parsed', 1_000));
      await jobs.create(endedJob('2026-03-01T09:20:00.000Z', 'parsed', 3_000));
      await jobs.create(endedJob('2026-03-01T09:30:00.000Z', 'failed', 500, 'ENCRYPTED'));

      const summary = await operationsSummary(deps(), '24h');

      expect(summary.buckets.slice(21).map((bucket) => [bucket.start, bucket.counts])).toEqual([
        [
          '2026-03-01T08:00:00.000Z',
          {
            created: 1,
            parsed: 0,
            failed: 0,
            successRate: null,
            latencyP50Ms: null,
            latencyP95Ms: null,
          },
        ],
        [
          '2026-03-01T09:00:00.000Z',
          {
            created: 3,
            parsed: 3,
            failed: 1,
            successRate: '0.750',
            latencyP50Ms: 2000,
            latencyP95Ms: 3000,
          },
        ],
        [
          '2026-03-01T10:00:00.000Z',
          {
            created: 0,
            parsed: 0,
            failed: 0,
            successRate: null,
            latencyP50Ms: null,
            latencyP95Ms: null,
          },
        ],
      ]);
    });

    it('reads at most maxJobs and says truncated when a job of the window is left', async () => {
      for (let minute = 0; minute < 5; minute += 1) await jobs.create(sampleJob({ createdAt: `2026-03-01T10:0${minute}:00.000Z` }));

      const cut = await operationsSummary(deps(), '24h', { maxJobs: 3 });
      const exact = await operationsSummary(deps(), '24h', { maxJobs: 5 });

      expect({
        jobsRead: cut.jobsRead,
        maxJobs: cut.maxJobs,
        truncated: cut.truncated,
        created: cut.totals.created,
      }).toEqual({
        jobsRead: 3,
        maxJobs: 3,
        truncated: true,
        created: 3,
      });
      expect({ jobsRead: exact.jobsRead, truncated: exact.truncated }).toEqual({
        jobsRead: 5,
        truncated: false,
      });
    });

    it('is not truncated when the job past the bound is older than the window', async () => {
      for (let minute = 0; minute < 3; minute += 1) await jobs.create(sampleJob({ createdAt: `2026-03-01T10:0${minute}:00.000Z` }));
      await jobs.create(sampleJob({ createdAt: '2026-02-01T10:00:00.000Z' }));

      const summary = await operationsSummary(deps(), '24h', { maxJobs: 3 });

      expect({
        jobsRead: summary.jobsRead,
        truncated: summary.truncated,
      }).toEqual({ jobsRead: 3, truncated: false });
    });

    it('walks past one page of the job list', async () => {
      for (let index = 0; index < 130; index += 1) {
        await jobs.create(
          sampleJob({
            createdAt: new Date(Date.parse('2026-03-01T09:00:00.000Z') + index * 1000).toISOString(),
          }),
        );
      }

      const summary = await operationsSummary(deps(), '30d');

      expect(summary.maxJobs).toBe(MAX_OPERATIONS_JOBS);
      expect({
        jobsRead: summary.jobsRead,
        truncated: summary.truncated,
        today: summary.buckets.at(-1)?.counts.created,
      }).toEqual({
        jobsRead: 130,
        truncated: false,
        today: 130,
      });
    });

    it('groups failures by code, the most frequent first, each newest first and listed up to the cap', async () => {
      const base = Date.parse('2026-03-01T09:00:00.000Z');
      const failed: JobRecord[] = [];
      for (let index = 0; index < MAX_LISTED_FAILURES + 2; index += 1) {
        failed.push(endedJob(new Date(base + index * 60_000).toISOString(), 'failed', 1_000, 'CORRUPT'));
      }
      failed.push(endedJob('2026-03-01T08:00:00.000Z', 'timed-out', 600_000, 'TIMEOUT'));
      for (const job of failed) await jobs.create(job);

      const summary = await operationsSummary(deps(), '24h');

      expect(summary.failures.map((group) => [group.code, group.count, group.failures.length])).toEqual([
        ['CORRUPT', MAX_LISTED_FAILURES + 2, MAX_LISTED_FAILURES],
        ['TIMEOUT', 1, 1],
      ]);
      const newest = failed[MAX_LISTED_FAILURES + 1];
      expect(summary.failures[0]?.failures[0]).toEqual({
        jobId: newest?.jobId,
        fileName: 'invoice.pdf',
        attempt: 1,
        outcome: 'failed',
        endedAt: '2026-03-01T09:21:01.000Z',
        attempts: newest?.attempts,
      });
      expect(summary.failures[1]?.failures[0]).toMatchObject({
        outcome: 'timed-out',
        endedAt: '2026-03-01T08:10:00.000Z',
      });
      expect(summary.totals).toMatchObject({
        failed: MAX_LISTED_FAILURES + 3,
        parsed: 0,
        successRate: '0.000',
      });
    });
  });
}
