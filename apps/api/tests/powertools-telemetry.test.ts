import { PIPELINE_METRICS } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME, PowertoolsTelemetry } from '../src/adapters/aws/powertools-telemetry';

/** One CloudWatch embedded-metric-format object, as Powertools Metrics prints it. */
interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

const SERVICE = { service: POWERTOOLS_SERVICE_NAME };

/** What CloudWatch makes of an EMF line: each metric under each of its dimension sets, with its value(s). */
function metricsOf(line: EmfLine) {
  return line._aws.CloudWatchMetrics.flatMap((directive) =>
    directive.Metrics.flatMap((metric) =>
      directive.Dimensions.map((set) => ({
        namespace: directive.Namespace,
        name: metric.Name,
        dimensions: Object.fromEntries(set.map((name) => [name, line[name]])),
        value: line[metric.Name],
      })),
    ),
  );
}

/**
 * Issue 17: a labelled figure is found both by label and summed over every label. CloudWatch treats each
 * dimension set as a metric of its own, and the dashboard's success rate and the failure-rate alarm
 * (tools/terraform) read parseFailures under {service} alone.
 */
describe('PowertoolsTelemetry', () => {
  let printed: string[];
  let write: typeof process.stdout.write;

  beforeEach(() => {
    // Powertools Metrics prints with a Console of its own on process.stdout, as the Lambda runtime reads it.
    printed = [];
    write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
  });
  afterEach(() => {
    process.stdout.write = write;
  });

  function emfLines(): EmfLine[] {
    return printed
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as EmfLine)
      .filter((line) => typeof line._aws === 'object');
  }

  describe('publish', () => {
    it('writes a labelled metric under {service, label} and under {service}, and an unlabelled one under {service} only', () => {
      // Arrange
      const telemetry = new PowertoolsTelemetry();

      // Act
      telemetry.count('parsesSucceeded', {});
      telemetry.count('parseFailures', { code: 'PARSE_TIMEOUT' });
      telemetry.count('parseFailures', { code: 'PARSER_CRASHED' }, 2);
      telemetry.observe('parseAttemptSeconds', { outcome: 'parsed' }, 1.5);
      telemetry.publish();

      // Assert
      const lines = emfLines();
      expect(lines.map((line) => line._aws.CloudWatchMetrics.map((directive) => directive.Dimensions))).toEqual([
        [[['service']]],
        [[['service', 'code'], ['service']]],
        [[['service', 'code'], ['service']]],
        [[['service', 'outcome'], ['service']]],
      ]);
      expect(lines.flatMap(metricsOf)).toEqual([
        { namespace: METRICS_NAMESPACE, name: 'parsesSucceeded', dimensions: SERVICE, value: 1 },
        { namespace: METRICS_NAMESPACE, name: 'parseFailures', dimensions: { ...SERVICE, code: 'PARSE_TIMEOUT' }, value: 1 },
        { namespace: METRICS_NAMESPACE, name: 'parseFailures', dimensions: SERVICE, value: 1 },
        { namespace: METRICS_NAMESPACE, name: 'parseFailures', dimensions: { ...SERVICE, code: 'PARSER_CRASHED' }, value: 2 },
        { namespace: METRICS_NAMESPACE, name: 'parseFailures', dimensions: SERVICE, value: 2 },
        { namespace: METRICS_NAMESPACE, name: 'parseAttemptSeconds', dimensions: { ...SERVICE, outcome: 'parsed' }, value: 1.5 },
        { namespace: METRICS_NAMESPACE, name: 'parseAttemptSeconds', dimensions: SERVICE, value: 1.5 },
      ]);
    });

    it('keeps both dimension sets on every line: when Powertools writes a full buffer by itself, and in the next invocation', () => {
      // Arrange
      const telemetry = new PowertoolsTelemetry();

      // Act: 150 observations, of which Powertools writes the first 100 as soon as it holds them; then another invocation
      for (let i = 0; i < 150; i += 1) telemetry.observe('parseAttemptSeconds', { outcome: 'retried' }, i);
      telemetry.publish();
      telemetry.count('parseRetries', { code: 'PARSER_CRASHED' });
      telemetry.observe('parseAttemptSeconds', { outcome: 'retried' }, 7);
      telemetry.publish();

      // Assert
      const lines = emfLines();
      expect(lines.map((line) => (line.parseAttemptSeconds as number[] | number | undefined) ?? line.parseRetries)).toEqual([
        Array.from({ length: 100 }, (_, i) => i),
        Array.from({ length: 50 }, (_, i) => 100 + i),
        7,
        1,
      ]);
      for (const line of lines) {
        const label = line.parseRetries === undefined ? 'outcome' : 'code';
        expect(line._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', label], ['service']]);
      }
    });

    it('declares for every metric the labels PIPELINE_METRICS gives it, under {service} too when it has any', () => {
      // Arrange
      const telemetry = new PowertoolsTelemetry();

      // Act: every figure once, each label valued by its own name
      for (const [name, definition] of Object.entries(PIPELINE_METRICS)) {
        const labels = Object.fromEntries(definition.labels.map((label) => [label, `${name}-${label}`]));
        if (definition.kind === 'counter') telemetry.count(name as 'parseFailures', labels as { code: string });
        else telemetry.observe(name as 'parseAttemptSeconds', labels as { outcome: string }, 1);
      }
      telemetry.publish();

      // Assert
      const sets = Object.fromEntries(
        emfLines().flatMap((line) => line._aws.CloudWatchMetrics.flatMap((directive) => directive.Metrics.map((metric) => [metric.Name, directive.Dimensions]))),
      );
      expect(sets).toEqual(
        Object.fromEntries(Object.entries(PIPELINE_METRICS).map(([name, definition]) => [name, definition.labels.length === 0 ? [['service']] : [['service', ...definition.labels], ['service']]])),
      );
    });
  });
});
