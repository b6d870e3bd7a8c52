// The Prometheus text exposition format 0.0.4, shared by the local metrics (PrometheusTelemetry's pipeline figures,
// PrometheusHttpMetrics' requests): no client library, the format is a few lines.

export interface HistogramSeries {
  labels: Record<string, string>;
  /** Observations at or below each bound, not yet cumulative: bucket i counts (bound i-1, bound i]. */
  buckets: number[];
  sum: number;
  count: number;
}

/** Counts one observation into its bucket (none past the last bound: +Inf is the count), its sum and count. */
export function observeIn(series: HistogramSeries, bounds: readonly number[], value: number): void {
  const index = bounds.findIndex((bound) => value <= bound);
  if (index >= 0) series.buckets[index] = (series.buckets[index] ?? 0) + 1;
  series.sum += value;
  series.count += 1;
}

/** Cumulative buckets ending with +Inf (which equals _count), then _sum and _count. */
export function histogramLines(family: string, bounds: readonly number[], series: HistogramSeries): string[] {
  const lines: string[] = [];
  let cumulative = 0;
  bounds.forEach((bound, index) => {
    cumulative += series.buckets[index] ?? 0;
    lines.push(`${family}_bucket${labelText({ ...series.labels, le: formatNumber(bound) })} ${cumulative}`);
  });
  lines.push(`${family}_bucket${labelText({ ...series.labels, le: '+Inf' })} ${series.count}`);
  lines.push(`${family}_sum${labelText(series.labels)} ${formatNumber(series.sum)}`);
  lines.push(`${family}_count${labelText(series.labels)} ${series.count}`);
  return lines;
}

export function labelText(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${escapeLabel(value)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** The format's escapes: a label value escapes backslash, double quote and line feed; HELP text the first and last. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Number.isNaN(value) ? 'NaN' : String(value);
}
