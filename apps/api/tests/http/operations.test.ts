import type { OperationsCounts, OperationsResponse } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { fakeInvoice, fakeScript } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectContract, expectError, ManualClock } from '../support/test-server';

/** The test's own clock: every stamp the server writes (created, queued, ended) is read from it. */
const START = new Date('2026-03-01T09:30:00.000Z');
const NONE: OperationsCounts = {
  created: 0,
  parsed: 0,
  failed: 0,
  successRate: null,
  latencyP50Ms: null,
  latencyP95Ms: null,
};

/**
 * GET /api/operations over jobs made through the API with the stand-in parser, at stamps the test chooses: the
 * clock moves only between requests, and nothing but a poll reconciles a finished run here (no sweeper), so
 * each parse ends at the instant the clock shows when the test polls it.
 */
describe('GET /api/operations', () => {
  const clock = new ManualClock(START);
  const suite = serverPerSuite('operations', { clock });
  const ids: Record<'a' | 'b' | 'c' | 'd', string> = {
    a: '',
    b: '',
    c: '',
    d: '',
  };

  const operations = async (window: string, token?: string) => {
    const request = suite.api.http.get(`/api/operations?window=${window}`);
    const response = await (token ? request.set('Authorization', `Bearer ${token}`) : request);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return expectContract<OperationsResponse>('api/operations-response', response.body);
  };

  /** Uploads `body`, asks for the parse, lets `seconds` pass, then polls it to its end. */
  async function parseTaking(name: string, body: Buffer, seconds: number): Promise<string> {
    const job = await suite.api.createAndUpload(name, 'application/pdf', body);
    await suite.api.startParse(job.jobId);
    clock.advance(seconds);
    await suite.api.settled(job.jobId);
    return job.jobId;
  }

  it('counts jobs, ends and latency per hour, and lists the failures by code', async () => {
    // Arrange: 09:30 a parse of 2 s; 10:15 a failure after 4 s, a parse of 6 s, and a job never parsed
    ids.a = await parseTaking('a.pdf', fakeInvoice([{ sku: 'S1', quantity: '1' }]), 2);
    clock.advance(45 * 60 - 2);
    ids.b = await parseTaking(
      'b.pdf',
      fakeScript({
        fake: 'error',
        code: 'ENCRYPTED',
        message: 'The PDF is encrypted.',
      }),
      4,
    );
    ids.c = await parseTaking('c.pdf', fakeInvoice([{ sku: 'S1', quantity: '2' }]), 6);
    ids.d = (await suite.api.createAndUpload('d.pdf', 'application/pdf', fakeInvoice([]))).jobId;

    // Act (now 10:15:10)
    const summary = await operations('24h');

    // Assert: 24 UTC hours, the last one holding now
    expect(summary).toMatchObject({
      window: '24h',
      bucketSize: 'hour',
      from: '2026-02-28T11:00:00.000Z',
      to: '2026-03-01T11:00:00.000Z',
      jobsRead: 4,
      truncated: false,
    });
    expect(summary.buckets).toHaveLength(24);
    expect(summary.buckets.slice(0, 22).every((bucket) => JSON.stringify(bucket.counts) === JSON.stringify(NONE))).toBe(true);
    expect(summary.buckets.slice(22)).toEqual([
      {
        start: '2026-03-01T09:00:00.000Z',
        counts: {
          created: 1,
          parsed: 1,
          failed: 0,
          successRate: '1.000',
          latencyP50Ms: 2000,
          latencyP95Ms: 2000,
        },
      },
      {
        start: '2026-03-01T10:00:00.000Z',
        counts: {
          created: 3,
          parsed: 1,
          failed: 1,
          successRate: '0.500',
          latencyP50Ms: 6000,
          latencyP95Ms: 6000,
        },
      },
    ]);
    expect(summary.totals).toEqual({
      created: 4,
      parsed: 2,
      failed: 1,
      successRate: '0.667',
      latencyP50Ms: 2000,
      latencyP95Ms: 6000,
    });
    expect(summary.failures).toEqual([
      {
        code: 'ENCRYPTED',
        count: 1,
        failures: [
          {
            jobId: ids.b,
            fileName: 'b.pdf',
            attempt: 1,
            outcome: 'failed',
            endedAt: '2026-03-01T10:15:04.000Z',
            attempts: [
              {
                attempt: 1,
                queuedAt: '2026-03-01T10:15:00.000Z',
                startedAt: '2026-03-01T10:15:00.000Z',
                endedAt: '2026-03-01T10:15:04.000Z',
                outcome: 'failed',
                code: 'ENCRYPTED',
                retryAt: null,
              },
            ],
          },
        ],
      },
    ]);
  });

  it('counts the same jobs per UTC day over 30 days, for a viewer too', async () => {
    const summary = await operations('30d', await suite.server.tokenFor('viewer'));

    expect(summary).toMatchObject({
      window: '30d',
      bucketSize: 'day',
      from: '2026-01-31T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      jobsRead: 4,
    });
    expect(summary.buckets).toHaveLength(30);
    expect(summary.buckets.at(-1)).toEqual({
      start: '2026-03-01T00:00:00.000Z',
      counts: {
        created: 4,
        parsed: 2,
        failed: 1,
        successRate: '0.667',
        latencyP50Ms: 2000,
        latencyP95Ms: 6000,
      },
    });
  });

  it('leaves jobs created before the window unread', async () => {
    clock.advance(25 * 3600);

    const day = await operations('24h');
    const month = await operations('30d');

    expect({
      jobsRead: day.jobsRead,
      totals: day.totals,
      failures: day.failures,
    }).toEqual({ jobsRead: 0, totals: NONE, failures: [] });
    expect(month.totals).toMatchObject({ created: 4, parsed: 2, failed: 1 });
    expect(month.buckets.slice(-2).map((bucket) => bucket.counts.created)).toEqual([4, 0]);
  });

  it('refuses a window other than 24h or 30d, or none', async () => {
    expectError(await suite.api.http.get('/api/operations?window=7d'), 400, 'VALIDATION_FAILED');
    expectError(await suite.api.http.get('/api/operations'), 400, 'VALIDATION_FAILED');
    expectError(await suite.api.http.get('/api/operations?window=24h&window=30d'), 400, 'VALIDATION_FAILED');
  });
});
