import type { OperationsBucket, OperationsCounts, OperationsResponse } from '@invoice/contracts';
import { validate } from '@invoice/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error';
import { parseRoute, routeHref } from '../src/app/routes';
import { BucketChart, segmentsOf } from '../src/operations/BucketChart';
import { FailuresList } from '../src/operations/FailuresList';
import { OperationsView } from '../src/operations/OperationsScreen';
import { bucketLabel, bucketName, durationText, percentText, rateThousandths } from '../src/operations/operations-figures';

/** The server-rendered markup: node has no DOM, and the markup of these components is what the browser gets. */
const render = (element: React.ReactElement): string => renderToStaticMarkup(element);
/** The text a reader sees, tags replaced by spaces. */
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noop = () => undefined;

const NONE: OperationsCounts = { created: 0, parsed: 0, failed: 0, successRate: null, latencyP50Ms: null, latencyP95Ms: null };
const JOB_B = '00000000-0000-4000-8000-00000000000b';

/** The 24 h answer of apps/api's operations test: 1 job parsed at 09:00, 3 created and 1 of each end at 10:00. */
function daySummary(overrides: Partial<OperationsResponse> = {}): OperationsResponse {
  const buckets: OperationsBucket[] = Array.from({ length: 24 }, (_, index) => ({
    start: new Date(Date.parse('2026-02-28T11:00:00.000Z') + index * 3_600_000).toISOString(),
    counts: NONE,
  }));
  buckets[22] = {
    start: '2026-03-01T09:00:00.000Z',
    counts: { created: 1, parsed: 1, failed: 0, successRate: '1.000', latencyP50Ms: 2000, latencyP95Ms: 2000 },
  };
  buckets[23] = {
    start: '2026-03-01T10:00:00.000Z',
    counts: { created: 3, parsed: 1, failed: 1, successRate: '0.500', latencyP50Ms: 6000, latencyP95Ms: 6000 },
  };
  return {
    window: '24h',
    bucketSize: 'hour',
    from: '2026-02-28T11:00:00.000Z',
    to: '2026-03-01T11:00:00.000Z',
    jobsRead: 4,
    maxJobs: 5000,
    truncated: false,
    totals: { created: 4, parsed: 2, failed: 1, successRate: '0.667', latencyP50Ms: 2000, latencyP95Ms: 6000 },
    buckets,
    failures: [
      {
        code: 'ENCRYPTED',
        count: 1,
        failures: [
          {
            jobId: JOB_B,
            fileName: 'b.pdf',
            attempt: 2,
            outcome: 'abandoned',
            endedAt: '2026-03-01T10:15:04.000Z',
            attempts: [
              {
                attempt: 1,
                queuedAt: '2026-03-01T10:15:00.000Z',
                startedAt: '2026-03-01T10:15:00.000Z',
                endedAt: '2026-03-01T10:15:01.000Z',
                outcome: 'retried',
                code: 'PARSER_UNAVAILABLE',
                retryAt: '2026-03-01T10:15:02.000Z',
              },
              {
                attempt: 2,
                queuedAt: '2026-03-01T10:15:01.000Z',
                startedAt: '2026-03-01T10:15:02.000Z',
                endedAt: '2026-03-01T10:15:04.000Z',
                outcome: 'abandoned',
                code: 'ENCRYPTED',
                retryAt: null,
              },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('the fixture', () => {
  it('is an answer the API may give', () => {
    const outcome = validate('api/operations-response', daySummary());
    expect(outcome.ok ? [] : outcome.issues).toEqual([]);
  });
});

describe('OperationsView', () => {
  const view = (props: Partial<React.ComponentProps<typeof OperationsView>>) =>
    render(<OperationsView window="24h" summary={null} error={null} loading={false} onWindow={noop} onRetry={noop} {...props} />);

  it('says it is loading before the first answer, with the 24 h window pressed', () => {
    const markup = view({ loading: true });

    expect(text(markup)).toContain('Loading figures…');
    expect(markup).toMatch(/<button type="button" class="secondary" aria-pressed="true">Last 24 hours<\/button>/);
    expect(markup).toMatch(/aria-pressed="false">Last 30 days<\/button>/);
  });

  it('shows a failed read in words with its code and a retry', () => {
    const markup = view({ error: new ApiError('FORBIDDEN', 'no', 403) });

    expect(markup).toContain('role="alert"');
    expect(text(markup)).toContain('The operations figures could not be read');
    expect(text(markup)).toContain('Try again');
    expect(text(markup)).not.toContain('Loading figures…');
  });

  it('says so when the window holds nothing, and lists no failure', () => {
    const empty = daySummary({
      totals: NONE,
      buckets: daySummary().buckets.map((bucket) => ({ ...bucket, counts: NONE })),
      failures: [],
      jobsRead: 0,
    });

    const markup = view({ summary: empty });

    expect(text(markup)).toContain('No job was created or parsed in this window.');
    expect(text(markup)).toContain('No parse failed in this window.');
    expect(markup).not.toContain('<svg');
  });

  it('shows the totals, three charts named for screen readers, and the failures', () => {
    const markup = view({ summary: daySummary() });

    expect(text(markup)).toContain(
      'Jobs created 4 Parsed 2 Failed 1 Success rate 66.7 % Upload to parsed, median 2.0 s Upload to parsed, 95th percentile 6.0 s',
    );
    expect(markup.match(/<svg [^>]*role="img"/g)).toHaveLength(3);
    expect(markup).toContain('aria-label="Jobs per hour. 4 created; most in 2026-03-01 10:00 UTC (3)."');
    expect(markup).toContain('aria-label="Success rate. 66.7 % of 3 parse requests ended parsed; no point where none ended."');
    expect(markup).toContain(
      'aria-label="Upload to parsed. Median 2.0 s, 95th percentile 6.0 s; slowest hour 2026-03-01 10:00 UTC (95th percentile 6.0 s)."',
    );
    expect(text(markup)).toContain('ENCRYPTED 1 failure');
  });

  it("keeps the other window's figures off screen while the chosen one loads", () => {
    const markup = view({ window: '30d', summary: daySummary(), loading: true });

    expect(markup).not.toContain('<svg');
    expect(text(markup)).toContain('Loading figures…');
  });

  it('says when the job store held more jobs than were read', () => {
    const markup = view({ summary: daySummary({ truncated: true, maxJobs: 5000 }) });

    expect(text(markup)).toContain(`Only the newest ${(5000).toLocaleString()} jobs of this window were read`);
  });
});

describe('BucketChart', () => {
  const markup = render(
    <BucketChart
      title="Upload to parsed"
      summary="Median 2.0 s."
      kind="lines"
      labels={['09:00 UTC', '10:00 UTC', '11:00 UTC']}
      names={['2026-03-01 09:00 UTC', '2026-03-01 10:00 UTC', '2026-03-01 11:00 UTC']}
      bucketHeading="Hour"
      scaleText={durationText}
      series={[
        { name: 'Median', values: [2000, null, 500], text: durationText, tone: 1 },
        { name: '95th percentile', values: [6000, null, 900], text: durationText, tone: 2 },
      ]}
    />,
  );

  it('puts every figure in a visually hidden table, a bucket per row', () => {
    expect(markup).toContain('<table class="visually-hidden"><caption>Upload to parsed</caption>');
    expect(markup).toContain('<div class="ops-scale" aria-hidden="true">top 6.0 s</div>');
    expect(text(markup)).toContain(
      'Hour Median 95th percentile 2026-03-01 09:00 UTC 2.0 s 6.0 s 2026-03-01 10:00 UTC — — 2026-03-01 11:00 UTC 500 ms 900 ms',
    );
  });

  it('breaks a line where a bucket has no value rather than drawing it through zero', () => {
    expect(markup.match(/<polyline/g)).toHaveLength(4);
    expect(markup.match(/<circle/g)).toHaveLength(4);
    expect(segmentsOf([1, 2, null, 3, null, null])).toEqual([[0, 1], [3]]);
  });

  it('draws a bar per bucket with a value, and none for zero', () => {
    const bars = render(
      <BucketChart
        title="Jobs per hour"
        summary="s"
        kind="bars"
        labels={['a', 'b']}
        names={['A', 'B']}
        bucketHeading="Hour"
        scaleText={String}
        series={[{ name: 'Created', values: [0, 3], text: String, tone: 1 }]}
      />,
    );
    expect(bars.match(/<rect/g)).toHaveLength(1);
    expect(bars).toContain('height="70"');
    expect(text(bars)).toContain('top 3');
  });
});

describe('FailuresList', () => {
  it("links each failure to its job's page and lists the attempts of its request", () => {
    const markup = render(<FailuresList groups={daySummary().failures} />);

    expect(markup).toContain(`<a href="#/jobs/${JOB_B}">b.pdf</a>`);
    expect(markup).toContain('aria-label="Attempts of b.pdf, attempt 2"');
    expect(text(markup)).toContain(
      `Attempt 1: retried (PARSER_UNAVAILABLE), queued ${new Date('2026-03-01T10:15:00.000Z').toLocaleString()}, ended ${new Date('2026-03-01T10:15:01.000Z').toLocaleString()}`,
    );
    expect(text(markup)).toContain('Attempt 2: abandoned (ENCRYPTED)');
  });

  it('says how many older failures of a code are not listed', () => {
    const [group] = daySummary().failures;
    const markup = render(<FailuresList groups={[{ ...group!, count: 23 }]} />);

    expect(text(markup)).toContain('ENCRYPTED 23 failures');
    expect(text(markup)).toContain('and 22 older ENCRYPTED failures not listed');
  });
});

describe('operations figures', () => {
  it('names buckets in UTC, as the API cuts them', () => {
    expect(bucketLabel('2026-03-01T10:00:00.000Z', 'hour')).toBe('10:00 UTC');
    expect(bucketName('2026-03-01T10:00:00.000Z', 'hour')).toBe('2026-03-01 10:00 UTC');
    expect(bucketLabel('2026-03-01T00:00:00.000Z', 'day')).toBe('2026-03-01');
  });

  it('reads the rate string as digits', () => {
    expect([rateThousandths('0.667'), rateThousandths('1.000'), rateThousandths(null)]).toEqual([667, 1000, null]);
    expect([percentText('0.667'), percentText('1.000'), percentText('0.005'), percentText(null)]).toEqual(['66.7 %', '100.0 %', '0.5 %', '—']);
  });

  it('writes durations as a person reads them', () => {
    expect([durationText(850), durationText(2_049), durationText(59_999), durationText(185_000), durationText(null)]).toEqual([
      '850 ms',
      '2.0 s',
      '59.9 s',
      '3 min 5 s',
      '—',
    ]);
  });

  it('routes #/operations to the screen and back', () => {
    expect(parseRoute('#/operations')).toEqual({ screen: 'operations' });
    expect(routeHref({ screen: 'operations' })).toBe('#/operations');
    expect(parseRoute('#/operations/x').screen).toBe('not-found');
  });
});
