import { Router } from 'express';

/** What the route serves: an exposition of the local metrics (PrometheusTelemetry, PrometheusHttpMetrics). */
export interface MetricsExposition {
  render(): string;
}

/** The content type of the Prometheus text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * GET /api/metrics (local mode): the pipeline's figures and the requests' since the server started, one
 * exposition after the other, for a Prometheus scraper or a curl. route-roles.ts lets any signed-in user in
 * (viewer), so a scraper needs only a viewer's API token as Bearer.
 * In AWS mode the same figures go to CloudWatch as EMF lines instead, and there is no such route.
 */
export function metricsRoute(expositions: readonly MetricsExposition[]): Router {
  const router = Router();
  router.get('/api/metrics', (_req, res) => {
    res.set('Cache-Control', 'no-store').type(PROMETHEUS_CONTENT_TYPE).send(expositions.map((exposition) => exposition.render()).join(''));
  });
  return router;
}
