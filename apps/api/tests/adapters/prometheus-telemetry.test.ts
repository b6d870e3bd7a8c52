import { PIPELINE_METRICS, type PipelineMetric } from '@invoice/inventory';
import { describe, expect, it } from 'vitest';
import { PAGES_BUCKETS, PrometheusTelemetry, prometheusName } from '../../src/adapters/local/prometheus-telemetry';

describe('PrometheusTelemetry', () => {
  describe('render', () => {
    it('declares every metric of PIPELINE_METRICS once, with HELP and TYPE', () => {
      const text = new PrometheusTelemetry().render();

      for (const name of Object.keys(PIPELINE_METRICS) as PipelineMetric[]) {
        const family = prometheusName(name);
        expect(text.split('\n').filter((line) => line.startsWith(`# TYPE ${family} `)), family).toEqual([`# TYPE ${family} ${PIPELINE_METRICS[name].kind}`]);
        expect(text.split('\n').filter((line) => line.startsWith(`# HELP ${family} `))).toHaveLength(1);
      }
      expect(text.endsWith('\n')).toBe(true);
    });

    it('escapes a label value as the format asks: backslash, double quote and line feed', () => {
      const telemetry = new PrometheusTelemetry();

      telemetry.count('parseFailures', { code: 'A"B\\C\nD' });

      expect(telemetry.render()).toContain('invoice_parse_failures_total{code="A\\"B\\\\C\\nD"} 1');
    });

    it('adds counts per label set, and values above the last bound only to +Inf', () => {
      // Arrange
      const telemetry = new PrometheusTelemetry();

      // Act
      telemetry.count('parseRetries', { code: 'PARSER_CRASHED' });
      telemetry.count('parseRetries', { code: 'PARSER_START_REFUSED' });
      telemetry.count('parseRetries', { code: 'PARSER_CRASHED' }, 2);
      telemetry.observe('parsedPages', {}, 1);
      telemetry.observe('parsedPages', {}, 1_000);

      // Assert
      const lines = telemetry.render().split('\n');
      expect(lines.filter((line) => line.startsWith('invoice_parse_retries_total'))).toEqual([
        'invoice_parse_retries_total{code="PARSER_CRASHED"} 3',
        'invoice_parse_retries_total{code="PARSER_START_REFUSED"} 1',
      ]);
      const buckets = lines.filter((line) => line.startsWith('invoice_parsed_pages_bucket'));
      expect(buckets).toEqual([...PAGES_BUCKETS.map((bound) => `invoice_parsed_pages_bucket{le="${bound}"} 1`), 'invoice_parsed_pages_bucket{le="+Inf"} 2']);
      expect(lines).toContain('invoice_parsed_pages_sum 1001');
      expect(lines).toContain('invoice_parsed_pages_count 2');
    });
  });
});
