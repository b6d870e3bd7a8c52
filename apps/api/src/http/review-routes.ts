import type { ReviewUpdateRequest } from '@invoice/contracts';
import { getReview, saveReview } from '@invoice/inventory';
import express, { Router } from 'express';
import type { AppContext } from './app-context';
import { jobIdParam } from './job-id';
import { bodyOf, requireJsonIfBody, type Send } from './validation';

/**
 * A review carries one correction per line at most; 20 000 lines (the contract's maximum) of about 80 bytes
 * each fit, where the API's general 64 kB limit would refuse the corrections of a long invoice.
 */
const REVIEW_BODY_LIMIT = '2mb';
const reviewJsonBody = express.json({ limit: REVIEW_BODY_LIMIT, type: 'application/json', strict: false });

export function reviewRoutes(context: AppContext, send: Send): Router {
  const { ports } = context;
  const router = Router();

  router.get('/api/jobs/:jobId/review', async (req, res) => {
    send(res, 200, 'job-review', await getReview(ports, jobIdParam(req.params.jobId)));
  });

  // PUT: the body is the whole new revision, not a patch of the previous one.
  router.put('/api/jobs/:jobId/review', requireJsonIfBody, reviewJsonBody, async (req, res) => {
    const jobId = jobIdParam(req.params.jobId);
    const request = bodyOf<ReviewUpdateRequest>(req, 'api/review-update-request');
    send(res, 200, 'job-review', await saveReview(ports, jobId, request));
  });

  return router;
}
