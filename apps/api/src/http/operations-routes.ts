import type { OperationsQuery } from '@invoice/contracts';
import { operationsSummary } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { queryOf, type Send } from './validation';

/** The SPA's Operations screen: jobs, success rate, latency and failures by code, read from the job store. */
export function operationsRoutes(context: AppContext, send: Send): Router {
  const { ports } = context;
  const router = Router();

  router.get('/api/operations', async (req, res) => {
    const query = queryOf<OperationsQuery>(req, 'api/operations-query');
    send(res, 200, 'api/operations-response', await operationsSummary(ports, query.window));
  });

  return router;
}
