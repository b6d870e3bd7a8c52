import type { ListInventoryResponse } from '@invoice/contracts';
import { DomainError, listInventory, listMovements } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import type { Send } from './validation';

/** The contracts' Sku length: a longer path segment names no SKU and never reaches a store. */
const MAX_SKU_LENGTH = 128;

export function inventoryRoutes(context: AppContext, send: Send): Router {
  const router = Router();
  router.get('/api/inventory', async (_req, res) => {
    const body: ListInventoryResponse = { items: await listInventory(context.ports) };
    send(res, 200, 'api/list-inventory-response', body);
  });

  // A SKU may hold "/" or spaces: clients percent-encode it as one path segment, which Express decodes.
  router.get('/api/inventory/:sku/movements', async (req, res) => {
    send(res, 200, 'api/list-movements-response', await listMovements(context.ports, skuParam(req.params.sku)));
  });
  return router;
}

function skuParam(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SKU_LENGTH) {
    throw new DomainError('SKU_NOT_FOUND', `No stock has ever been recorded for SKU ${String(value)}.`, { sku: String(value) });
  }
  return value;
}
