import type { CatalogueItem, CreateItemRequest, ImportItemsRequest, ListItemsQuery, ListItemsResponse, UpdateItemRequest } from '@invoice/contracts';
import { createItemAndRecord, exportItems, getItem, importItemsAndRecord, itemNotFound, listItems, updateItemAndRecord } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { auditContextOf } from './audit-context';
import { skuParam } from './sku-param';
import { bodyOf, jsonBody, queryOf, requireJsonIfBody, reviewSizedJsonBody, type Send } from './validation';

/**
 * The item catalogue. An import is JSON ({csv}) like every other state change, so the CSRF rule (JSON only)
 * holds; its body may be as large as a review's, for up to 10 000 rows.
 */
export function itemRoutes(context: AppContext, send: Send): Router {
  const { ports } = context;
  const router = Router();

  router.get('/api/items', async (req, res) => {
    const query = queryOf<ListItemsQuery>(req, 'api/list-items-query');
    const page = await listItems(ports, { query: query.q, limit: query.limit === undefined ? undefined : Number(query.limit), cursor: query.cursor });
    const body: ListItemsResponse = page;
    send(res, 200, 'api/list-items-response', body);
  });

  // Before /:sku, which would otherwise read "export.csv" as a SKU.
  router.get('/api/items/export.csv', async (_req, res) => {
    const csv = await exportItems(ports);
    res
      .status(200)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="items.csv"')
      .set('Cache-Control', 'no-store')
      .send(csv);
  });

  router.post('/api/items/import', requireJsonIfBody, reviewSizedJsonBody, async (req, res) => {
    const request = bodyOf<ImportItemsRequest>(req, 'api/import-items-request');
    send(res, 200, 'api/import-items-response', await importItemsAndRecord(ports, request.csv, auditContextOf(req)));
  });

  // A SKU may hold "/" or spaces: clients percent-encode it as one path segment, which Express decodes.
  router.get('/api/items/:sku', async (req, res) => {
    send(res, 200, 'catalogue-item', await getItem(ports, skuParam(req.params.sku, itemNotFound)));
  });

  router.post('/api/items', requireJsonIfBody, jsonBody, async (req, res) => {
    const request = bodyOf<CreateItemRequest>(req, 'api/create-item-request');
    const created: CatalogueItem = await createItemAndRecord(ports, request, auditContextOf(req));
    send(res, 201, 'catalogue-item', created);
  });

  router.put('/api/items/:sku', requireJsonIfBody, jsonBody, async (req, res) => {
    const sku = skuParam(req.params.sku, itemNotFound);
    const request = bodyOf<UpdateItemRequest>(req, 'api/update-item-request');
    const changes = { name: request.name, unit: request.unit, gtin: request.gtin };
    send(res, 200, 'catalogue-item', await updateItemAndRecord(ports, sku, changes, request.expectedVersion, auditContextOf(req)));
  });

  return router;
}
