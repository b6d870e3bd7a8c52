import type { ParseAttempt } from '@invoice/contracts';
import { describe, expect, it } from 'vitest';
import { bucketOf, percentileOf, successRateOf, windowLayout } from '../src/operations/operations-window';
import { requestEndsOf } from '../src/use-cases/operations-summary';

const at = (iso: string) => Date.parse(iso);

describe('windowLayout', () => {
  it('lays 24 UTC hours, the last holding now', () => {
    const layout = windowLayout('24h', new Date('2026-03-01T10:15:10.500Z'));

    expect(layout).toMatchObject({
      bucketSize: 'hour',
      count: 24,
      sizeMs: 3_600_000,
    });
    expect(new Date(layout.fromMs).toISOString()).toBe('2026-02-28T11:00:00.000Z');
    expect(new Date(layout.toMs).toISOString()).toBe('2026-03-01T11:00:00.000Z');
  });

  it('lays 30 UTC days, the last holding now, across a month end', () => {
    const layout = windowLayout('30d', new Date('2026-03-01T00:00:00.000Z'));

    expect(layout).toMatchObject({ bucketSize: 'day', count: 30 });
    expect(new Date(layout.fromMs).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(new Date(layout.toMs).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });
});

describe('bucketOf', () => {
  const layout = windowLayout('24h', new Date('2026-03-01T10:15:00.000Z'));

  it('puts the first instant of the window in bucket 0 and the last before its end in bucket 23', () => {
    expect(bucketOf(layout, at('2026-02-28T11:00:00.000Z'))).toBe(0);
    expect(bucketOf(layout, at('2026-02-28T11:59:59.999Z'))).toBe(0);
    expect(bucketOf(layout, at('2026-02-28T12:00:00.000Z'))).toBe(1);
    expect(bucketOf(layout, at('2026-03-01T10:59:59.999Z'))).toBe(23);
  });

  it('leaves out instants before the window, at or after its end, and unreadable ones', () => {
    expect(bucketOf(layout, at('2026-02-28T10:59:59.999Z'))).toBeNull();
    expect(bucketOf(layout, at('2026-03-01T11:00:00.000Z'))).toBeNull();
    expect(bucketOf(layout, Number.NaN)).toBeNull();
  });
});

describe('percentileOf', () => {
  it('takes the nearest rank, always a measured value', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => (index + 1) * 100);

    expect(percentileOf(twenty, 50)).toBe(1000);
    expect(percentileOf(twenty, 95)).toBe(1900);
    expect(percentileOf([7], 95)).toBe(7);
    expect(percentileOf([1000, 3000], 50)).toBe(1000);
    expect(percentileOf([1000, 3000], 95)).toBe(3000);
  });

  it('is null without values', () => {
    expect(percentileOf([], 50)).toBeNull();
  });
});

describe('successRateOf', () => {
  it('rounds half up to three decimals in integers', () => {
    expect(successRateOf(2, 3)).toBe('0.667');
    expect(successRateOf(1, 3)).toBe('0.333');
    expect(successRateOf(1, 8)).toBe('0.125');
    expect(successRateOf(1, 2000)).toBe('0.001');
    expect(successRateOf(1, 2001)).toBe('0.000');
    expect(successRateOf(1999, 2000)).toBe('1.000');
    expect(successRateOf(0, 5)).toBe('0.000');
    expect(successRateOf(5, 5)).toBe('1.000');
  });

  it('is null when nothing ended', () => {
    expect(successRateOf(0, 0)).toBeNull();
  });
});

describe('requestEndsOf', () => {
  const attempt = (fields: Partial<ParseAttempt> & Pick<ParseAttempt, 'attempt' | 'outcome'>): ParseAttempt => ({
    queuedAt: '2026-03-01T10:00:00.000Z',
    startedAt: null,
    endedAt: null,
    code: null,
    retryAt: null,
    ...fields,
  });
  const job = (attempts: ParseAttempt[] | undefined) => ({
    jobId: '00000000-0000-4000-8000-000000000001',
    fileName: 'a.pdf',
    attempts,
  });

  it('files a request whose retries ran out under PARSE_ABANDONED, as the job and the metrics do, keeping the cause in its attempts', () => {
    const ends = requestEndsOf(
      job([
        attempt({ attempt: 1, outcome: 'retried', endedAt: '2026-03-01T10:00:05.000Z', code: 'PARSER_CRASHED' }),
        attempt({ attempt: 2, outcome: 'abandoned', endedAt: '2026-03-01T10:00:09.000Z', code: 'PARSER_CRASHED' }),
      ]),
    );

    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ kind: 'failed', code: 'PARSE_ABANDONED', failure: { attempt: 2, outcome: 'abandoned' } });
    expect(ends[0]?.kind === 'failed' ? ends[0].failure.attempts.map((each) => each.code) : []).toEqual(['PARSER_CRASHED', 'PARSER_CRASHED']);
  });

  it('times a parse from its request, through retries and their backoff, to the parsed attempt', () => {
    const ends = requestEndsOf(
      job([
        attempt({
          attempt: 1,
          outcome: 'retried',
          queuedAt: '2026-03-01T10:00:00.000Z',
          endedAt: '2026-03-01T10:00:05.000Z',
          code: 'PARSER_UNAVAILABLE',
        }),
        attempt({
          attempt: 2,
          outcome: 'parsed',
          queuedAt: '2026-03-01T10:00:05.000Z',
          endedAt: '2026-03-01T10:00:09.250Z',
        }),
      ]),
    );

    expect(ends).toEqual([
      {
        kind: 'parsed',
        endedAtMs: at('2026-03-01T10:00:09.250Z'),
        latencyMs: 9250,
      },
    ]);
  });

  it('reads each request of a re-parsed job on its own, and ends a failed one with its code and its attempts', () => {
    const failed = attempt({
      attempt: 1,
      outcome: 'failed',
      queuedAt: '2026-03-01T10:00:00.000Z',
      endedAt: '2026-03-01T10:00:02.000Z',
      code: 'ENCRYPTED',
    });
    const retried = attempt({
      attempt: 2,
      outcome: 'retried',
      queuedAt: '2026-03-01T11:00:00.000Z',
      endedAt: '2026-03-01T11:00:01.000Z',
      code: 'PARSER_UNAVAILABLE',
    });
    const timedOut = attempt({
      attempt: 3,
      outcome: 'timed-out',
      queuedAt: '2026-03-01T11:00:03.000Z',
      endedAt: '2026-03-01T11:10:00.000Z',
      code: 'TIMEOUT',
    });
    const parsed = attempt({ attempt: 4, outcome: 'parsed', queuedAt: '2026-03-01T12:00:00.000Z', endedAt: '2026-03-01T12:00:01.000Z' });
    const running = attempt({ attempt: 5, outcome: 'running', queuedAt: '2026-03-01T13:00:00.000Z', startedAt: '2026-03-01T13:00:00.100Z' });
    const jobId = '00000000-0000-4000-8000-000000000001';

    const ends = requestEndsOf(job([failed, retried, timedOut, parsed, running]));

    expect(ends).toEqual([
      {
        kind: 'failed',
        endedAtMs: at('2026-03-01T10:00:02.000Z'),
        code: 'ENCRYPTED',
        failure: { jobId, fileName: 'a.pdf', attempt: 1, outcome: 'failed', endedAt: '2026-03-01T10:00:02.000Z', attempts: [failed] },
      },
      {
        kind: 'failed',
        endedAtMs: at('2026-03-01T11:10:00.000Z'),
        code: 'TIMEOUT',
        failure: { jobId, fileName: 'a.pdf', attempt: 3, outcome: 'timed-out', endedAt: '2026-03-01T11:10:00.000Z', attempts: [retried, timedOut] },
      },
      { kind: 'parsed', endedAtMs: at('2026-03-01T12:00:01.000Z'), latencyMs: 1000 },
    ]);
  });

  it('reads nothing from a job stored before attempts were recorded', () => {
    expect(requestEndsOf(job(undefined))).toEqual([]);
  });
});
