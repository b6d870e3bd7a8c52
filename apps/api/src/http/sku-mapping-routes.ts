import { validate, type ListSkuMappingsQuery, type ListSkuMappingsResponse, type ListSuppliersResponse, type PutSkuMappingRequest, type SkuMappingPath } from '@invoice/contracts';
import { deleteSkuMappingAndRecord, DomainError, listSkuMappings, listSuppliers, putSkuMappingAndRecord } from '@invoice/inventory';
import { Router, type Request } from 'express';
import type { AppContext } from './app-context';
import { auditContextOf } from './audit-context';
import { bodyOf, jsonBody, queryOf, requireJsonIfBody, type Send } from './validation';

/** The Mappings screen: list and search a supplier's mappings, edit one, forget one, and pick a supplier. */
export function skuMappingRoutes(context: AppContext, send: Send): Router {
  const { ports } = context;
  const router = Router();

  router.get('/api/sku-mappings', async (req, res) => {
    const query = queryOf<ListSkuMappingsQuery>(req, 'api/list-sku-mappings-query');
    const body: ListSkuMappingsResponse = { items: await listSkuMappings(ports, query) };
    send(res, 200, 'api/list-sku-mappings-response', body);
  });

  // PUT: the body is the whole mapping; creating and replacing are the same request, so a repeat is harmless.
  router.put('/api/sku-mappings/:supplierKey/:supplierSku', requireJsonIfBody, jsonBody, async (req, res) => {
    const key = mappingPathOf(req);
    const request = bodyOf<PutSkuMappingRequest>(req, 'api/put-sku-mapping-request');
    send(res, 200, 'sku-mapping', await putSkuMappingAndRecord(ports, key, request, auditContextOf(req)));
  });

  router.delete('/api/sku-mappings/:supplierKey/:supplierSku', async (req, res) => {
    await deleteSkuMappingAndRecord(ports, mappingPathOf(req), auditContextOf(req));
    res.status(204).end();
  });

  router.get('/api/suppliers', async (_req, res) => {
    const body: ListSuppliersResponse = { suppliers: await listSuppliers(ports) };
    send(res, 200, 'api/list-suppliers-response', body);
  });

  return router;
}

/** The path's supplier and supplier SKU (Express has decoded them), or VALIDATION_FAILED naming the bad one. */
function mappingPathOf(req: Request): SkuMappingPath {
  const outcome = validate<SkuMappingPath>('api/sku-mapping-path', { supplierKey: req.params.supplierKey, supplierSku: req.params.supplierSku });
  if (!outcome.ok) throw new DomainError('VALIDATION_FAILED', 'The path does not name a supplier and a supplier SKU.', { issues: outcome.issues });
  return outcome.value;
}
