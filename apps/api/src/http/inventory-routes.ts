import type { ListInventoryResponse } from '@invoice/contracts';
import { listInventory } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import type { Send } from './validation';

export function inventoryRoutes(context: AppContext, send: Send): Router {
  const router = Router();
  router.get('/api/inventory', async (_req, res) => {
    const body: ListInventoryResponse = { items: await listInventory(context.ports) };
    send(res, 200, 'api/list-inventory-response', body);
  });
  return router;
}
