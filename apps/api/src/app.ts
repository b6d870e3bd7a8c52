import express, { type Express, type RequestHandler } from 'express';
import type { AllowedHosts } from './http/allowed-hosts';
import type { AppContext } from './http/app-context';
import { accountRoutes } from './http/account-routes';
import { auditRoutes } from './http/audit-routes';
import { authorize } from './http/authorize';
import { errorMiddleware, logToStderr, routeNotFound, type ErrorLogger } from './http/error-middleware';
import { requestLog, type RequestLogger } from './http/request-log';
import { requestMetrics } from './http/request-metrics';
import { healthRoutes } from './http/health-routes';
import { inventoryRoutes } from './http/inventory-routes';
import { itemRoutes } from './http/item-routes';
import { jobFileRoute } from './http/job-file-route';
import { jobRoutes } from './http/job-routes';
import { localServerGuards } from './http/local-server-guards';
import { operationsRoutes } from './http/operations-routes';
import { openApiRoute } from './http/openapi/openapi-route';
import { pageCopyRoute } from './http/page-copy-route';
import { pageRegionRoute } from './http/page-region-route';
import { reviewRoutes } from './http/review-routes';
import { skuMappingRoutes } from './http/sku-mapping-routes';
import { stateChangeGuard } from './http/state-change-guard';
import { supplierRoutes } from './http/supplier-routes';
import { responder } from './http/validation';

export interface AppOptions {
  /** Check every response against its contract schema before sending; on in tests. */
  validateResponses?: boolean;
  /** Serves non-/api paths, e.g. the built SPA (main.ts); without it they are ROUTE_NOT_FOUND. */
  site?: RequestHandler;
  /** Called with every 5xx's error; by default written to stderr, unless requestLog writes it in the request's line. */
  logError?: ErrorLogger;
  /**
   * Writes one JSON line per request (request-log.ts), a 5xx's with its stack and causes: JSON lines on stdout
   * (main.ts), Powertools Logger (lambda.ts). Unset in tests, which look at what they need.
   */
  requestLog?: RequestLogger;
  /**
   * The local server's (main.ts) host names: any other Host gets 421, a state-changing request from another
   * Origin 403, and every answer forbids framing. Unset in AWS mode, where API Gateway and CloudFront do this.
   */
  allowedHosts?: AllowedHosts;
}

/** Builds the Express app from the ports; it does not listen, so tests and a Lambda handler can use it. */
export function createApp(context: AppContext, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  // First, so that a request refused by the guards below is logged and counted too.
  if (options.requestLog) app.use(requestLog(options.requestLog));
  if (context.requestMetrics) app.use(requestMetrics(context.requestMetrics));
  if (options.allowedHosts) app.use(localServerGuards(options.allowedHosts));
  app.use(stateChangeGuard(options.allowedHosts ?? null));
  app.use(authorize(context.authenticator));

  const send = responder(options.validateResponses ?? false);
  app.use(healthRoutes(context, send));
  app.use(openApiRoute(context));
  app.use(accountRoutes(context, send));
  app.use(jobRoutes(context, send));
  app.use(jobFileRoute(context));
  app.use(pageCopyRoute(context));
  app.use(pageRegionRoute(context, send));
  app.use(reviewRoutes(context, send));
  app.use(skuMappingRoutes(context, send));
  app.use(supplierRoutes(context, send));
  app.use(inventoryRoutes(context, send));
  app.use(itemRoutes(context, send));
  app.use(auditRoutes(context, send));
  app.use(operationsRoutes(context, send));
  for (const router of context.modeRouters) app.use(router);

  if (options.site) {
    const site = options.site;
    app.use((req, res, next) => (req.path === '/api' || req.path.startsWith('/api/') ? next() : site(req, res, next)));
  }
  app.use(routeNotFound);
  // A request log carries each 5xx in its line: writing it to stderr as well would log it twice.
  app.use(errorMiddleware(options.logError ?? (options.requestLog ? () => undefined : logToStderr)));
  return app;
}
