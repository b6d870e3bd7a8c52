import type { HealthResponse } from '@invoice/contracts';
import { Router } from 'express';
import type { AppContext } from './app-context';
import type { Send } from './validation';

export function healthRoutes(context: AppContext, send: Send): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const body: HealthResponse = { status: 'ok', storage: context.storage, version: context.version };
    if (context.accounts !== null) body.setupRequired = (await context.accounts.accounts.countUsers()) === 0;
    if (context.signIn !== null) body.signIn = context.signIn;
    send(res, 200, 'api/health-response', body);
  });
  return router;
}
