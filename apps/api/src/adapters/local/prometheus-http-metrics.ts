import type { AnsweredRequest, RequestMetricsRecorder } from '../../http/request-metrics';
import { PROMETHEUS_PREFIX } from './prometheus-telemetry';
import { histogramLines, labelText, observeIn, type HistogramSeries } from './prometheus-text';

/** Request durations, seconds: from a cached read to a long upload; fixed, so that any two scrapes add up. */
export const REQUEST_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

const REQUESTS = `${PROMETHEUS_PREFIX}http_requests_total`;
const DURATION = `${PROMETHEUS_PREFIX}http_request_duration_seconds`;

/**
 * The local server's request figures (rate, errors, duration by route) for GET /api/metrics, beside the pipeline's:
 * `invoice_http_requests_total{method, route, status}` and `invoice_http_request_duration_seconds{method, route}`.
 * Routes are patterns and statuses few, so the series stay bounded whatever clients send.
 */
export class PrometheusHttpMetrics implements RequestMetricsRecorder {
  private readonly requests = new Map<string, { labels: Record<string, string>; value: number }>();
  private readonly durations = new Map<string, HistogramSeries>();

  record(request: AnsweredRequest): void {
    const countKey = `${request.method} ${request.route} ${request.status}`;
    let counted = this.requests.get(countKey);
    if (!counted) {
      counted = { labels: { method: request.method, route: request.route, status: request.status }, value: 0 };
      this.requests.set(countKey, counted);
    }
    counted.value += 1;

    const durationKey = `${request.method} ${request.route}`;
    let timed = this.durations.get(durationKey);
    if (!timed) {
      timed = { labels: { method: request.method, route: request.route }, buckets: REQUEST_SECONDS_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(durationKey, timed);
    }
    observeIn(timed, REQUEST_SECONDS_BUCKETS, request.seconds);
  }

  render(): string {
    const lines = [`# HELP ${REQUESTS} Requests answered, by method, route pattern and status (unfinished: cut short, by the client or the server).`, `# TYPE ${REQUESTS} counter`];
    for (const series of this.requests.values()) lines.push(`${REQUESTS}${labelText(series.labels)} ${series.value}`);
    lines.push(`# HELP ${DURATION} Time from a request's arrival to the end of its response, by method and route pattern.`, `# TYPE ${DURATION} histogram`);
    for (const series of this.durations.values()) lines.push(...histogramLines(DURATION, REQUEST_SECONDS_BUCKETS, series));
    return `${lines.join('\n')}\n`;
  }
}
