/** How a figure adds up: a counter only grows; a histogram keeps each observation (latencies, sizes). */
export type MetricKind = 'counter' | 'histogram';

export interface MetricDefinition {
  kind: MetricKind;
  /** CloudWatch's unit name; Prometheus carries it in the metric's name (`_seconds`). */
  unit: 'Count' | 'Seconds';
  /** The labels (CloudWatch dimensions) the figure is split by, if any. */
  labels: readonly string[];
  help: string;
}

/**
 * The pipeline's figures (issue 17), each named once here: the local Prometheus text and the CloudWatch
 * metrics (EMF) read this table, so a dashboard, an alarm and `GET /api/metrics` say the same names.
 * A parse request ends once, PARSED or FAILED, so success rate = parsesSucceeded / (parsesSucceeded + parseFailures).
 */
export const PIPELINE_METRICS = {
  jobsCreated: { kind: 'counter', unit: 'Count', labels: [], help: 'Jobs created (POST /api/jobs).' },
  parsesSucceeded: { kind: 'counter', unit: 'Count', labels: [], help: 'Parse requests that ended PARSED.' },
  parseFailures: { kind: 'counter', unit: 'Count', labels: ['code'], help: 'Parse requests that ended FAILED, by the job error code.' },
  parseRetries: {
    kind: 'counter',
    unit: 'Count',
    labels: ['code'],
    help: 'Parse attempts retried after a failure outside the document, by the code of that failure.',
  },
  uploadToParsedSeconds: {
    kind: 'histogram',
    unit: 'Seconds',
    labels: [],
    help: 'From the parse request (made as soon as the upload is done) to the end of the attempt that parsed it, retries included.',
  },
  parseAttemptSeconds: {
    kind: 'histogram',
    unit: 'Seconds',
    labels: ['outcome'],
    help: 'One parse attempt, from its run being started to its end, by how it ended (parsed, failed, retried, abandoned, timed-out).',
  },
  parsedPages: { kind: 'histogram', unit: 'Count', labels: [], help: 'Pages of each document parsed.' },
  applies: { kind: 'counter', unit: 'Count', labels: [], help: 'Applies that moved stock (APPLIED; a repeat answering ALREADY_APPLIED is not counted).' },
  appliedLines: { kind: 'counter', unit: 'Count', labels: [], help: 'Invoice lines that moved stock, over all applies.' },
  appliedSkus: { kind: 'counter', unit: 'Count', labels: [], help: 'Stock changes (one per SKU of an apply), over all applies.' },
  duplicateRefusals: { kind: 'counter', unit: 'Count', labels: [], help: 'Applies refused as DUPLICATE_INVOICE.' },
  reversals: { kind: 'counter', unit: 'Count', labels: [], help: 'Applies reversed (REVERSED; a repeat answering ALREADY_REVERSED is not counted).' },
} as const satisfies Record<string, MetricDefinition>;

export type PipelineMetric = keyof typeof PIPELINE_METRICS;
type MetricsOfKind<K extends MetricKind> = { [N in PipelineMetric]: (typeof PIPELINE_METRICS)[N]['kind'] extends K ? N : never }[PipelineMetric];
export type CounterName = MetricsOfKind<'counter'>;
export type HistogramName = MetricsOfKind<'histogram'>;
/** A label's value per label the metric declares, e.g. `{ code: 'PARSE_TIMEOUT' }`. */
export type MetricLabels<N extends PipelineMetric> = { [L in (typeof PIPELINE_METRICS)[N]['labels'][number]]: string };

/**
 * Where the use cases report a fact they decided (a job created, a parse ended, stock applied): counters and
 * histograms, no vendor in sight. Reporting never fails the action it reports; adapters swallow their own trouble.
 */
export interface Telemetry {
  /** Adds `value` (1 unless given) to a counter. */
  count<N extends CounterName>(name: N, labels: MetricLabels<N>, value?: number): void;
  /** One observation of a histogram, in the metric's unit. */
  observe<N extends HistogramName>(name: N, labels: MetricLabels<N>, value: number): void;
}

/** Reports nothing: the default where no adapter is given (tests, the CLI). */
export const NO_TELEMETRY: Telemetry = {
  count() {},
  observe() {},
};

/** The telemetry of a set of ports, NO_TELEMETRY when it has none. */
export function telemetryOf(deps: { telemetry?: Telemetry }): Telemetry {
  return deps.telemetry ?? NO_TELEMETRY;
}
