import { Router } from 'express';
import type { AppContext } from '../app-context';
import { buildOpenApiDocument } from './openapi-document';

/** GET /api/openapi.json: the API's OpenAPI 3.1 document for this storage mode, built on first request. */
export function openApiRoute(context: AppContext): Router {
  const router = Router();
  let document: Record<string, unknown> | undefined;
  router.get('/api/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument({ mode: context.storage, version: context.version });
    res.status(200).json(document);
  });
  return router;
}
