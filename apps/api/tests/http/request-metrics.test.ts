import express from 'express';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PrometheusHttpMetrics } from '../../src/adapters/local/prometheus-http-metrics';
import { requestMetrics } from '../../src/http/request-metrics';
import { serverPerSuite } from '../support/server-per-suite';

const JOB_A = '00000000-0000-4000-8000-00000000000a';
const JOB_B = '00000000-0000-4000-8000-00000000000b';

/** name{labels} value lines of an exposition, keyed by the line's name and labels as printed. */
function samplesOf(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** Issue 17: GET /api/metrics also counts the requests themselves (rate, errors, duration) by route pattern. */
describe('request metrics in GET /api/metrics', () => {
  const suite = serverPerSuite('request-metrics');

  async function scrape(): Promise<Map<string, number>> {
    const response = await request(suite.server.url)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${await suite.server.tokenFor('viewer')}`);
    expect(response.status).toBe(200);
    return samplesOf(response.text);
  }

  it('counts by method, route pattern and status, so two jobs are one series, and a refused request under the route it asked for', async () => {
    // Arrange
    const viewer = `Bearer ${await suite.server.tokenFor('viewer')}`;
    const before = await scrape();
    const count = (samples: Map<string, number>, labels: string) => samples.get(`invoice_http_requests_total{${labels}}`) ?? 0;

    // Act
    for (const jobId of [JOB_A, JOB_B]) await request(suite.server.url).get(`/api/jobs/${jobId}`).set('Authorization', viewer).expect(404);
    await request(suite.server.url).get('/api/jobs').expect(401);
    await request(suite.server.url).get('/api/no-such-thing').set('Authorization', viewer).expect(404);
    const after = await scrape();

    // Assert
    const grew = (labels: string) => count(after, labels) - count(before, labels);
    expect(grew('method="GET",route="/api/jobs/:jobId",status="404"')).toBe(2);
    expect(grew('method="GET",route="/api/jobs",status="401"')).toBe(1);
    expect(grew('method="GET",route="unmatched",status="404"')).toBe(1);
    expect([...after.keys()].some((key) => key.includes(JOB_A))).toBe(false);
    const timed = (samples: Map<string, number>) => samples.get('invoice_http_request_duration_seconds_count{method="GET",route="/api/jobs/:jobId"}') ?? 0;
    expect(timed(after) - timed(before)).toBe(2);
    expect(after.get('invoice_http_request_duration_seconds_bucket{method="GET",route="/api/jobs/:jobId",le="+Inf"}')).toBe(timed(after));
  });
});

describe('requestMetrics', () => {
  it('counts a request whose client left before the answer as unfinished', async () => {
    // Arrange: a route that answers only once its client has gone
    const metrics = new PrometheusHttpMetrics();
    const app = express();
    app.use(requestMetrics(metrics));
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    app.get('/api/jobs/:jobId', () => arrived());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    // Resolved when the metrics have the request: the real recorder, wrapped to say so.
    const recorded = new Promise<void>((resolve) => {
      const record = metrics.record.bind(metrics);
      metrics.record = (answered) => {
        record(answered);
        resolve();
      };
    });

    try {
      // Act
      const client = httpRequest({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: `/api/jobs/${JOB_A}` });
      client.on('error', () => undefined);
      client.end();
      await reached;
      client.destroy();
      await recorded;

      // Assert
      const samples = samplesOf(metrics.render());
      expect(samples.get('invoice_http_requests_total{method="GET",route="/api/jobs/:jobId",status="unfinished"}')).toBe(1);
      expect(samples.get('invoice_http_request_duration_seconds_count{method="GET",route="/api/jobs/:jobId"}')).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
