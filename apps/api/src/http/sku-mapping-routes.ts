import type { ListSkuMappingsQuery, ListSkuMappingsResponse } from '@invoice/contracts';
import { listSkuMappings } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { queryOf, type Send } from './validation';

export function skuMappingRoutes(context: AppContext, send: Send): Router {
  const router = Router();
  router.get('/api/sku-mappings', async (req, res) => {
    const query = queryOf<ListSkuMappingsQuery>(req, 'api/list-sku-mappings-query');
    const body: ListSkuMappingsResponse = { items: await listSkuMappings(context.ports, query.supplier) };
    send(res, 200, 'api/list-sku-mappings-response', body);
  });
  return router;
}
