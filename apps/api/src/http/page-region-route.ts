import type { PageRegionQuery, RegionBox } from '@invoice/contracts';
import { DomainError, readPageRegion } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { jobIdParam } from './job-id';
import { queryOf, type Send } from './validation';

const PAGE_NUMBER = /^[1-9][0-9]{0,5}$/;

/**
 * GET /api/jobs/{jobId}/pages/{page}/region?x0=&y0=&x1=&y1= (PDF points, origin top-left): the words inside
 * a box the operator drew on the page, and the line they make as the parser reads rows. Answered from what
 * the parser stored; the page itself is never sent anywhere.
 */
export function pageRegionRoute(context: AppContext, send: Send): Router {
  const router = Router();
  router.get('/api/jobs/:jobId/pages/:page/region', async (req, res) => {
    const jobId = jobIdParam(req.params.jobId);
    const page = pageParam(req.params.page);
    const box = boxOf(queryOf<PageRegionQuery>(req, 'api/page-region-query'));
    send(res, 200, 'page-region', await readPageRegion(context.ports, jobId, page, box));
  });
  return router;
}

function pageParam(value: string | undefined): number {
  if (value === undefined || !PAGE_NUMBER.test(value)) {
    throw new DomainError('VALIDATION_FAILED', 'The page must be a page number from 1.', { issues: [{ path: '/page', message: 'must be an integer of 1 or more' }] });
  }
  return Number(value);
}

/**
 * The box as numbers. The operator's drag keeps going past the page's top or left edge (the pointer is
 * captured), so a negative coordinate is the edge itself, not a mistake; a box past the right or bottom edge
 * simply holds no more words.
 */
function boxOf(query: PageRegionQuery): RegionBox {
  const at = (value: string) => Math.max(0, Number(value));
  const box = { x0: at(query.x0), y0: at(query.y0), x1: at(query.x1), y1: at(query.y1) };
  const issues = [
    ...(box.x1 > box.x0 ? [] : [{ path: '/x1', message: 'must be greater than x0' }]),
    ...(box.y1 > box.y0 ? [] : [{ path: '/y1', message: 'must be greater than y0' }]),
  ];
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', 'The box must have a width and a height.', { issues });
  return box;
}
