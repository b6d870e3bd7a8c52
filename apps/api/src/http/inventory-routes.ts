import type { ListInventoryResponse } from '@invoice/contracts';
import { listInventory, listMovements, skuNotFound } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { skuParam } from './sku-param';
import type { Send } from './validation';

export function inventoryRoutes(context: AppContext, send: Send): Router {
  const router = Router();
  router.get('/api/inventory', async (_req, res) => {
    const body: ListInventoryResponse = { items: await listInventory(context.ports) };
    send(res, 200, 'api/list-inventory-response', body);
  });

  // A SKU may hold "/" or spaces: clients percent-encode it as one path segment, which Express decodes.
  router.get('/api/inventory/:sku/movements', async (req, res) => {
    send(res, 200, 'api/list-movements-response', await listMovements(context.ports, skuParam(req.params.sku, skuNotFound)));
  });
  return router;
}
