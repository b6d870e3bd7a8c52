import type { ReviewUpdateRequest } from '@invoice/contracts';
import { getReview, saveReview } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { jobIdParam } from './job-id';
import { bodyOf, requireJsonIfBody, reviewSizedJsonBody, type Send } from './validation';

export function reviewRoutes(context: AppContext, send: Send): Router {
  const { ports } = context;
  const router = Router();

  router.get('/api/jobs/:jobId/review', async (req, res) => {
    send(res, 200, 'job-review', await getReview(ports, jobIdParam(req.params.jobId)));
  });

  // PUT: the body is the whole new revision, not a patch of the previous one.
  router.put('/api/jobs/:jobId/review', requireJsonIfBody, reviewSizedJsonBody, async (req, res) => {
    const jobId = jobIdParam(req.params.jobId);
    const request = bodyOf<ReviewUpdateRequest>(req, 'api/review-update-request');
    send(res, 200, 'job-review', await saveReview(ports, jobId, request));
  });

  return router;
}
