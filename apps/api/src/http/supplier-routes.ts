import type { MergeSuppliersRequest } from '@invoice/contracts';
import { listSupplierIdentities, mergeSuppliersAndRecord } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { auditContextOf } from './audit-context';
import { bodyOf, jsonBody, requireJsonIfBody, type Send } from './validation';

/** What identifies a supplier on invoices, and merging two suppliers into one. GET /api/suppliers lives with the mappings. */
export function supplierRoutes(context: AppContext, send: Send): Router {
  const router = Router();
  router.get('/api/suppliers/:supplierKey/identities', async (req, res) => {
    send(res, 200, 'api/supplier-identities-response', await listSupplierIdentities(context.ports, String(req.params.supplierKey)));
  });
  router.post('/api/suppliers/merge', requireJsonIfBody, jsonBody, async (req, res) => {
    const request = bodyOf<MergeSuppliersRequest>(req, 'api/merge-suppliers-request');
    send(res, 200, 'api/merge-suppliers-response', await mergeSuppliersAndRecord(context.ports, request.from, request.into, auditContextOf(req)));
  });
  return router;
}
