import type { ListAuditQuery, ListAuditResponse } from '@invoice/contracts';
import { listAudit } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { queryOf, type Send } from './validation';

export function auditRoutes(context: AppContext, send: Send): Router {
  const { ports } = context;
  const router = Router();

  router.get('/api/audit', async (req, res) => {
    const query = queryOf<ListAuditQuery>(req, 'api/list-audit-query');
    const page = await listAudit(ports, { ...query, limit: query.limit === undefined ? undefined : Number(query.limit) });
    const body: ListAuditResponse = { items: page.items, nextCursor: page.nextCursor };
    send(res, 200, 'api/list-audit-response', body);
  });

  return router;
}
