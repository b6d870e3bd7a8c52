import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SECONDS_BUCKETS } from '../../src/adapters/local/prometheus-telemetry';
import { PROMETHEUS_CONTENT_TYPE } from '../../src/http/metrics-route';
import { fakeInvoice, fakeScript, skusOf } from '../support/api-client';
import { serverPerSuite } from '../support/server-per-suite';
import { expectError } from '../support/test-server';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of an exposition text (comments left out), as a scraper reads them. */
function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
      return { name: match[1] as string, labels, value: match[3] === '+Inf' ? Infinity : Number(match[3]) };
    });
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((sample) => sample.name === name && JSON.stringify(sample.labels) === JSON.stringify(labels))?.value;
}

/** Issue 17: GET /api/metrics counts what a workflow over HTTP did, in the Prometheus text format. */
describe('GET /api/metrics', () => {
  const suite = serverPerSuite('metrics');
  const post = (path: string, body: object = {}) => suite.api.http.post(path).send(body);

  async function scrape(): Promise<{ text: string; samples: Sample[] }> {
    const response = await request(suite.server.url)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${await suite.server.tokenFor('viewer')}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(PROMETHEUS_CONTENT_TYPE);
    return { text: response.text, samples: samplesOf(response.text) };
  }

  it('starts with every metric declared and the unlabelled ones at zero', async () => {
    const { text, samples } = await scrape();

    expect(text).toContain('# TYPE invoice_jobs_created_total counter');
    expect(text).toContain('# TYPE invoice_upload_to_parsed_seconds histogram');
    expect(text).toContain('# HELP invoice_parse_failures_total Parse requests that ended FAILED, by the job error code.');
    expect(valueOf(samples, 'invoice_jobs_created_total')).toBe(0);
    expect(valueOf(samples, 'invoice_upload_to_parsed_seconds_count')).toBe(0);
    expect(valueOf(samples, 'invoice_upload_to_parsed_seconds_bucket', { le: '+Inf' })).toBe(0);
    expect(samples.filter((sample) => sample.name === 'invoice_parse_failures_total')).toEqual([]);
  });

  it('counts jobs, parses, failures by code, applies with their lines and SKUs, a duplicate refusal and a reversal', async () => {
    // Arrange: three lines over two SKUs, the same invoice twice, and a document the parser refuses
    const lines = [
      { sku: 'MET-1', quantity: '2' },
      { sku: 'MET-2', quantity: '3' },
      { sku: 'MET-1', quantity: '1' },
    ];
    const invoice = { supplier: 'Metric GmbH', number: 'M-001' };
    await suite.api.catalogue(...skusOf(lines));

    // Act
    const first = await suite.api.parsed('first.pdf', 'application/pdf', fakeInvoice(lines, invoice));
    const second = await suite.api.parsed('second.pdf', 'application/pdf', fakeInvoice(lines, invoice));
    const refused = await suite.api.parsed('refused.pdf', 'application/pdf', fakeScript({ fake: 'error', code: 'NOT_A_PDF' }));
    expect([first.status, second.status, refused.status]).toEqual(['PARSED', 'PARSED', 'FAILED']);
    expect((await post(`/api/jobs/${first.jobId}/apply`)).status).toBe(200);
    expectError(await post(`/api/jobs/${second.jobId}/apply`), 409, 'DUPLICATE_INVOICE');
    expect((await post(`/api/jobs/${first.jobId}/reverse`)).status).toBe(200);
    // Polls and repeats after the fact change nothing: each fact is counted where it was written, once.
    await suite.api.job(first.jobId);
    await suite.api.job(refused.jobId);
    expect((await post(`/api/jobs/${first.jobId}/reverse`)).status).toBe(200);

    // Assert
    const { samples } = await scrape();
    const counters = Object.fromEntries(
      [
        'jobs_created',
        'parses_succeeded',
        'applies',
        'applied_lines',
        'applied_skus',
        'duplicate_refusals',
        'reversals',
      ].map((name) => [name, valueOf(samples, `invoice_${name}_total`)]),
    );
    expect(counters).toEqual({
      jobs_created: 3,
      parses_succeeded: 2,
      applies: 1,
      applied_lines: 3,
      applied_skus: 2,
      duplicate_refusals: 1,
      reversals: 1,
    });
    expect(samples.filter((sample) => sample.name === 'invoice_parse_failures_total')).toEqual([
      { name: 'invoice_parse_failures_total', labels: { code: 'NOT_A_PDF' }, value: 1 },
    ]);
    expect(samples.filter((sample) => sample.name === 'invoice_parse_retries_total')).toEqual([]);
    expect(valueOf(samples, 'invoice_upload_to_parsed_seconds_count')).toBe(2);
    expect(valueOf(samples, 'invoice_parsed_pages_count')).toBe(2);
    expect(valueOf(samples, 'invoice_parsed_pages_sum')).toBe(2);
    expect(valueOf(samples, 'invoice_parse_attempt_seconds_count', { outcome: 'parsed' })).toBe(2);
    expect(valueOf(samples, 'invoice_parse_attempt_seconds_count', { outcome: 'failed' })).toBe(1);
  });

  it('keeps every histogram cumulative: buckets never fall, +Inf is the count, and the bounds are the fixed ones', async () => {
    const { samples } = await scrape();
    const histograms = ['invoice_upload_to_parsed_seconds', 'invoice_parse_attempt_seconds', 'invoice_parsed_pages'];

    for (const family of histograms) {
      const buckets = samples.filter((sample) => sample.name === `${family}_bucket`);
      const series = new Set(buckets.map((bucket) => JSON.stringify({ ...bucket.labels, le: undefined })));
      expect(series.size, family).toBeGreaterThan(0);
      for (const key of series) {
        const labels = JSON.parse(key) as Record<string, string>;
        const own = buckets.filter((bucket) => JSON.stringify({ ...bucket.labels, le: undefined }) === key);
        const values = own.map((bucket) => bucket.value);
        expect(values, `${family} ${key}`).toEqual([...values].sort((a, b) => a - b));
        expect(own.at(-1)?.labels.le).toBe('+Inf');
        expect(own.at(-1)?.value).toBe(valueOf(samples, `${family}_count`, labels));
        expect(valueOf(samples, `${family}_sum`, labels)).toBeGreaterThanOrEqual(0);
      }
    }
    const latencyBounds = samples.filter((sample) => sample.name === 'invoice_upload_to_parsed_seconds_bucket').map((sample) => sample.labels.le);
    expect(latencyBounds).toEqual([...SECONDS_BUCKETS.map(String), '+Inf']);
    // Both parses took under 30 s; each page count is 1, in the first bucket.
    expect(valueOf(samples, 'invoice_upload_to_parsed_seconds_bucket', { le: '30' })).toBe(2);
    expect(valueOf(samples, 'invoice_parsed_pages_bucket', { le: '1' })).toBe(2);
  });

  it('asks for a signed-in user, as route-roles.ts says', async () => {
    expectError(await request(suite.server.url).get('/api/metrics'), 401, 'UNAUTHENTICATED');
  });
});
