import type { ReverseJobRequest, ReviewUpdateRequest } from '@invoice/contracts';
import { getReview, reverseApplyAndRecord, saveReviewAndRecord } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { auditContextOf } from './audit-context';
import { jobIdParam } from './job-id';
import { bodyOf, jsonBody, requireJsonIfBody, reviewSizedJsonBody, type Send } from './validation';

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
    send(res, 200, 'job-review', await saveReviewAndRecord(ports, jobId, request, auditContextOf(req)));
  });

  // 200 for both outcomes, as for apply: a repeated reversal changed nothing and says so.
  router.post('/api/jobs/:jobId/reverse', requireJsonIfBody, jsonBody, async (req, res) => {
    const jobId = jobIdParam(req.params.jobId);
    const request = bodyOf<ReverseJobRequest>(req, 'api/reverse-job-request', {});
    const options = { allowNegativeStock: request.allowNegativeStock };
    send(res, 200, 'reverse-result', await reverseApplyAndRecord(ports, jobId, options, auditContextOf(req)));
  });

  return router;
}
