import { PIPELINE_METRICS, type CounterName, type HistogramName, type MetricLabels, type PipelineMetric, type Telemetry } from '@invoice/inventory';
import { escapeHelp, formatNumber, histogramLines, labelText, observeIn, type HistogramSeries } from './prometheus-text';

/** Every Prometheus name starts so, to stand apart from a scraper's other targets. */
export const PROMETHEUS_PREFIX = 'invoice_';

/**
 * Upper bounds of the histogram buckets, fixed so that any two scrapes add up. Seconds: from a 0.1 s e-invoice
 * to a many-page scan past the 15-minute parse deadline. Pages: a receipt to a long delivery note.
 */
export const SECONDS_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800] as const;
export const PAGES_BUCKETS = [1, 2, 3, 5, 10, 20, 50, 100] as const;

interface Series {
  labels: Record<string, string>;
  value: number;
}

/**
 * The local adapter of Telemetry: counters and histograms kept in memory since the process started, served by
 * GET /api/metrics in the Prometheus text exposition format 0.0.4 (no client library: the format is a few lines).
 * Names are PIPELINE_METRICS' in snake case, counters ending in `_total` as Prometheus expects.
 */
export class PrometheusTelemetry implements Telemetry {
  private readonly counters = new Map<PipelineMetric, Map<string, Series>>();
  private readonly histograms = new Map<PipelineMetric, Map<string, HistogramSeries>>();

  count<N extends CounterName>(name: N, labels: MetricLabels<N>, value = 1): void {
    const series = seriesOf(this.counters, name, labels, () => ({ labels: { ...labels }, value: 0 }));
    series.value += value;
  }

  observe<N extends HistogramName>(name: N, labels: MetricLabels<N>, value: number): void {
    const bounds = bucketsOf(name);
    const series = seriesOf(this.histograms, name, labels, () => ({ labels: { ...labels }, buckets: bounds.map(() => 0), sum: 0, count: 0 }));
    observeIn(series, bounds, value);
  }

  /** The exposition text: HELP and TYPE for every metric, a zero sample for unlabelled ones never reported. */
  render(): string {
    const lines: string[] = [];
    for (const name of Object.keys(PIPELINE_METRICS) as PipelineMetric[]) {
      const definition = PIPELINE_METRICS[name];
      const family = prometheusName(name);
      lines.push(`# HELP ${family} ${escapeHelp(definition.help)}`, `# TYPE ${family} ${definition.kind}`);
      if (definition.kind === 'counter') {
        const all = [...(this.counters.get(name)?.values() ?? [])];
        if (all.length === 0 && definition.labels.length === 0) all.push({ labels: {}, value: 0 });
        for (const series of all) lines.push(`${family}${labelText(series.labels)} ${formatNumber(series.value)}`);
      } else {
        const bounds = bucketsOf(name as HistogramName);
        const all = [...(this.histograms.get(name)?.values() ?? [])];
        if (all.length === 0 && definition.labels.length === 0) all.push({ labels: {}, buckets: bounds.map(() => 0), sum: 0, count: 0 });
        for (const series of all) lines.push(...histogramLines(family, bounds, series));
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

/** `parseFailures` -> `invoice_parse_failures_total`; `uploadToParsedSeconds` -> `invoice_upload_to_parsed_seconds`. */
export function prometheusName(name: PipelineMetric): string {
  const snake = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return `${PROMETHEUS_PREFIX}${snake}${PIPELINE_METRICS[name].kind === 'counter' ? '_total' : ''}`;
}

function bucketsOf(name: HistogramName): readonly number[] {
  return PIPELINE_METRICS[name].unit === 'Seconds' ? SECONDS_BUCKETS : PAGES_BUCKETS;
}

function seriesOf<S>(store: Map<PipelineMetric, Map<string, S>>, name: PipelineMetric, labels: Record<string, string>, create: () => S): S {
  let family = store.get(name);
  if (!family) {
    family = new Map();
    store.set(name, family);
  }
  const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
  let series = family.get(key);
  if (!series) {
    series = create();
    family.set(key, series);
  }
  return series;
}
