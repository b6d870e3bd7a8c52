import type { OperationsResponse, OperationsWindow } from '@invoice/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { latestRequest } from '../shared/latest-request';
import { BucketChart } from './BucketChart';
import { FailuresList } from './FailuresList';
import {
  bucketLabel,
  bucketName,
  durationText,
  isEmptyWindow,
  peakOf,
  percentText,
  rateThousandths,
  thousandthsText,
  WINDOW_CHOICES,
} from './operations-figures';
import './operations.css';

/** How intake is doing: jobs, success rate and latency over the last 24 hours or 30 days, and what failed. */
export function OperationsScreen() {
  const api = useApi();
  const [window, setWindow] = useState<OperationsWindow>('24h');
  const [summary, setSummary] = useState<OperationsResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [requests] = useState(latestRequest);
  const errorRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (chosen: OperationsWindow) => {
      const current = requests.begin();
      setLoading(true);
      try {
        const answer = await api.getOperations(chosen);
        if (!current()) return;
        setSummary(answer);
        setError(null);
      } catch (failure) {
        if (current()) setError(failure);
      } finally {
        if (current()) setLoading(false);
      }
    },
    [api, requests],
  );

  useEffect(() => {
    void load(window);
  }, [load, window]);

  useEffect(() => {
    if (error !== null) errorRef.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [error]);

  return (
    <OperationsView
      window={window}
      summary={summary}
      error={error}
      loading={loading}
      errorRef={errorRef}
      onWindow={setWindow}
      onRetry={() => void load(window)}
    />
  );
}

export interface OperationsViewProps {
  window: OperationsWindow;
  /** The answer shown: the last one received, kept while another window loads. */
  summary: OperationsResponse | null;
  error: unknown;
  loading: boolean;
  errorRef?: React.Ref<HTMLDivElement>;
  onWindow: (window: OperationsWindow) => void;
  onRetry: () => void;
}

/** The screen's markup for a state: loading, failed, empty or with figures. */
export function OperationsView({ window, summary, error, loading, errorRef, onWindow, onRetry }: OperationsViewProps) {
  const shown = summary !== null && summary.window === window ? summary : null;
  return (
    <>
      <h1 tabIndex={-1}>Operations</h1>
      <div className="ops-window" role="group" aria-label="Window">
        {WINDOW_CHOICES.map((choice) => (
          <button
            key={choice.window}
            type="button"
            className="secondary"
            aria-pressed={choice.window === window}
            onClick={() => onWindow(choice.window)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      <p role="status" className="muted small">
        {loading ? 'Loading figures…' : ''}
      </p>
      <div ref={errorRef}>{error !== null && <ErrorNotice error={error} context="The operations figures could not be read" onRetry={onRetry} />}</div>
      {shown === null && error === null && <p>Loading figures…</p>}
      {shown !== null && <Figures summary={shown} />}
    </>
  );
}

function Figures({ summary }: { summary: OperationsResponse }) {
  const { buckets, bucketSize, totals } = summary;
  const per = bucketSize === 'hour' ? 'hour' : 'day';
  const labels = buckets.map((bucket) => bucketLabel(bucket.start, bucketSize));
  const names = buckets.map((bucket) => bucketName(bucket.start, bucketSize));
  const bucketHeading = bucketSize === 'hour' ? 'Hour' : 'Day';
  const count = (value: number | null) => String(value ?? 0);
  const busiest = peakOf(buckets, (bucket) => bucket.counts.created);
  const slowest = peakOf(buckets, (bucket) => bucket.counts.latencyP95Ms);

  return (
    <>
      {summary.truncated && (
        <p className="notice">Only the newest {summary.maxJobs.toLocaleString()} jobs of this window were read: the figures leave out older ones.</p>
      )}
      <section className="panel" aria-labelledby="ops-totals-heading">
        <h2 id="ops-totals-heading">
          {summary.window === '24h' ? 'Last 24 hours' : 'Last 30 days'} <span className="muted small">(UTC {per}s)</span>
        </h2>
        <dl className="ops-totals">
          <div>
            <dt>Jobs created</dt>
            <dd>{totals.created}</dd>
          </div>
          <div>
            <dt>Parsed</dt>
            <dd>{totals.parsed}</dd>
          </div>
          <div>
            <dt>Failed</dt>
            <dd>{totals.failed}</dd>
          </div>
          <div>
            <dt>Success rate</dt>
            <dd>{percentText(totals.successRate)}</dd>
          </div>
          <div>
            <dt>Upload to parsed, median</dt>
            <dd>{durationText(totals.latencyP50Ms)}</dd>
          </div>
          <div>
            <dt>Upload to parsed, 95th percentile</dt>
            <dd>{durationText(totals.latencyP95Ms)}</dd>
          </div>
        </dl>
        {isEmptyWindow(summary) ? (
          <p className="muted">No job was created or parsed in this window.</p>
        ) : (
          <div className="ops-charts">
            <BucketChart
              title={`Jobs per ${per}`}
              summary={
                busiest ? `${totals.created} created; most in ${bucketName(busiest.start, bucketSize)} (${busiest.counts.created}).` : 'None created.'
              }
              kind="bars"
              scaleText={(top) => `${top} job${top === 1 ? '' : 's'}`}
              labels={labels}
              names={names}
              bucketHeading={bucketHeading}
              series={[
                { name: 'Created', values: buckets.map((bucket) => bucket.counts.created), text: count, tone: 1 },
                { name: 'Failed', values: buckets.map((bucket) => bucket.counts.failed), text: count, tone: 2 },
              ]}
            />
            <BucketChart
              title="Success rate"
              summary={`${percentText(totals.successRate)} of ${totals.parsed + totals.failed} parse requests ended parsed; no point where none ended.`}
              kind="lines"
              labels={labels}
              names={names}
              bucketHeading={bucketHeading}
              max={1000}
              scaleText={thousandthsText}
              series={[
                {
                  name: 'Parsed of ended',
                  values: buckets.map((bucket) => rateThousandths(bucket.counts.successRate)),
                  text: (value) => (value === null ? 'none ended' : thousandthsText(value)),
                  tone: 1,
                },
              ]}
            />
            <BucketChart
              title="Upload to parsed"
              scaleText={durationText}
              summary={
                slowest
                  ? `Median ${durationText(totals.latencyP50Ms)}, 95th percentile ${durationText(totals.latencyP95Ms)}; slowest ${per} ${bucketName(slowest.start, bucketSize)} (95th percentile ${durationText(slowest.counts.latencyP95Ms)}).`
                  : 'Nothing parsed.'
              }
              kind="lines"
              labels={labels}
              names={names}
              bucketHeading={bucketHeading}
              series={[
                { name: 'Median', values: buckets.map((bucket) => bucket.counts.latencyP50Ms), text: durationText, tone: 1 },
                { name: '95th percentile', values: buckets.map((bucket) => bucket.counts.latencyP95Ms), text: durationText, tone: 2 },
              ]}
            />
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="ops-failures-heading">
        <h2 id="ops-failures-heading">Failures by code</h2>
        <FailuresList groups={summary.failures} />
      </section>
    </>
  );
}
