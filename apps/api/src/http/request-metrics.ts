import type { RequestHandler } from 'express';
import { ruleFor } from './route-roles';

/** One answered request, as the request metrics count it. */
export interface AnsweredRequest {
  method: string;
  /**
   * The route's pattern (`/api/jobs/:jobId`), never the path itself, so ids do not make a series each:
   * `unmatched` for an /api path no route has, `site` for the SPA's files.
   */
  route: string;
  /**
   * The status sent, or `unfinished` when the response was cut short: the client left, or the server cut it after its
   * headers (the request log's line says which).
   */
  status: string;
  seconds: number;
}

/** Where request metrics go: the local server's Prometheus exposition (API Gateway counts them in AWS mode). */
export interface RequestMetricsRecorder {
  record(request: AnsweredRequest): void;
}

/**
 * Counts every request and its duration by method, route and status when its response ends. The route is read
 * from the route table (route-roles.ts) rather than from Express's match, so a request refused before any route
 * ran (401, 403, 421) is still counted under the route it asked for.
 */
export function requestMetrics(recorder: RequestMetricsRecorder): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    let finished = false;
    res.once('finish', () => {
      finished = true;
    });
    res.once('close', () => {
      recorder.record({
        method: req.method,
        route: routeOf(req.method, req.path),
        status: finished ? String(res.statusCode) : 'unfinished',
        seconds: (performance.now() - started) / 1000,
      });
    });
    next();
  };
}

function routeOf(method: string, path: string): string {
  if (path !== '/api' && !path.startsWith('/api/')) return 'site';
  return ruleFor(method, path)?.path ?? 'unmatched';
}
