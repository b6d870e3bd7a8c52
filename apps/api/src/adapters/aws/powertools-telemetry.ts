import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { PIPELINE_METRICS, type CounterName, type HistogramName, type MetricLabels, type PipelineMetric, type Telemetry } from '@invoice/inventory';

/** The CloudWatch namespace of the pipeline's metrics; the dashboard and alarms in tools/terraform read it. */
export const METRICS_NAMESPACE = 'InvoicePipeline';
/** The `service` dimension of every metric, and the service of every log line (powertools-request-log.ts). */
export const POWERTOOLS_SERVICE_NAME = 'invoice-api';

/**
 * The AWS adapter of Telemetry: Powertools Metrics, which writes CloudWatch embedded metric format (EMF) lines
 * to stdout, from which CloudWatch Logs makes the metrics without an API call. Names are PIPELINE_METRICS' as
 * they are (jobsCreated, parseFailures, ...). A histogram is each observation as a sample, from which CloudWatch
 * computes p50 and p95 itself. Buffered, and written by publish() at the end of each invocation (lambda.ts), one
 * line per set of labels.
 *
 * A CloudWatch metric is its name and its whole set of dimensions, and a query names one set: so a labelled
 * figure is written under two, {service, label} (e.g. parseFailures by code) and {service} (the sum over every
 * label), from one EMF line. The dashboard's success rate and the failure-rate alarm (tools/terraform) read the
 * {service} one, a plain metric, which reads 0 through FILL when nothing failed; a SEARCH over the labelled series
 * finds no series then, and the rate built on it was blank.
 */
export class PowertoolsTelemetry implements Telemetry {
  private readonly unlabelled: Metrics;
  /** One Metrics per label set (e.g. code=PARSE_TIMEOUT), writing under {service, label} and {service}. */
  private readonly labelled = new Map<string, Metrics>();

  constructor(private readonly namespace = METRICS_NAMESPACE) {
    this.unlabelled = new Metrics({ namespace, serviceName: POWERTOOLS_SERVICE_NAME });
  }

  count<N extends CounterName>(name: N, labels: MetricLabels<N>, value = 1): void {
    this.add(name, labels, value);
  }

  observe<N extends HistogramName>(name: N, labels: MetricLabels<N>, value: number): void {
    this.add(name, labels, value);
  }

  /** Writes what was buffered, and nothing when nothing was (Powertools would warn of an empty flush). */
  publish(): void {
    for (const metrics of [this.unlabelled, ...this.labelled.values()]) {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  }

  private add(name: PipelineMetric, labels: Record<string, string>, value: number): void {
    const unit = PIPELINE_METRICS[name].unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count;
    this.metricsFor(labels).addMetric(name, unit, value);
  }

  private metricsFor(labels: Record<string, string>): Metrics {
    const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
    if (entries.length === 0) return this.unlabelled;
    const key = JSON.stringify(entries);
    let metrics = this.labelled.get(key);
    if (!metrics) {
      metrics = new LabelledMetrics(this.namespace, Object.fromEntries(entries));
      this.labelled.set(key, metrics);
    }
    return metrics;
  }
}

/**
 * Powertools Metrics whose every EMF line names two dimension sets: {service, ...labels} and {service} alone
 * (each set Powertools writes holds the default dimension `service`). Powertools clears dimension sets whenever
 * it writes, at publish() and also by itself when a buffer fills (100 metrics, or 100 values of one), so they are
 * put back each time they are cleared, not once.
 */
class LabelledMetrics extends Metrics {
  private readonly labels: Record<string, string>;

  constructor(namespace: string, labels: Record<string, string>) {
    super({ namespace, serviceName: POWERTOOLS_SERVICE_NAME });
    this.labels = labels;
    this.addDimensionSets();
  }

  override clearDimensions(): void {
    super.clearDimensions();
    this.addDimensionSets();
  }

  private addDimensionSets(): void {
    this.addDimensions(this.labels);
    this.addDimensions({});
  }
}
