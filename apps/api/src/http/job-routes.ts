import type { ApplyJobRequest, CreateJobRequest, CreateJobResponse, ListJobsQuery, ListJobsResponse } from '@invoice/contracts';
import { applyInvoiceAndRecord, createJobAndRecord, getResult, listJobs, reconcileJob, startParseAndRecord, toPublicJob } from '@invoice/inventory';
import { Router } from 'express';
import type { AppContext } from './app-context';
import { auditContextOf } from './audit-context';
import { jobIdParam } from './job-id';
import { uploadUrlFor } from './upload-url';
import { bodyOf, jsonBody, queryOf, requireJsonIfBody, reviewSizedJsonBody, type Send } from './validation';

export function jobRoutes(context: AppContext, send: Send): Router {
  const { ports } = context;
  const router = Router();

  router.post('/api/jobs', requireJsonIfBody, jsonBody, async (req, res) => {
    const request = bodyOf<CreateJobRequest>(req, 'api/create-job-request');
    const created = await createJobAndRecord(ports, context.limits, request, auditContextOf(req));
    const body: CreateJobResponse = { job: toPublicJob(created.job), upload: { ...created.upload, url: uploadUrlFor(req, created.upload.url) } };
    res.location(`/api/jobs/${created.job.jobId}`);
    send(res, 201, 'api/create-job-response', body);
  });

  router.get('/api/jobs', async (req, res) => {
    const query = queryOf<ListJobsQuery>(req, 'api/list-jobs-query');
    const page = await listJobs(ports, { limit: query.limit ? Number(query.limit) : undefined, cursor: query.cursor });
    const body: ListJobsResponse = { items: page.items.map(toPublicJob), nextCursor: page.nextCursor };
    send(res, 200, 'api/list-jobs-response', body);
  });

  router.get('/api/jobs/:jobId', async (req, res) => {
    const job = await reconcileJob(ports, jobIdParam(req.params.jobId));
    send(res, 200, 'job', toPublicJob(job));
  });

  router.get('/api/jobs/:jobId/result', async (req, res) => {
    send(res, 200, 'parse-result', await getResult(ports, jobIdParam(req.params.jobId)));
  });

  // 202: the parse runs out of band; the client polls GET /api/jobs/{jobId}.
  router.post('/api/jobs/:jobId/parse', async (req, res) => {
    const job = await startParseAndRecord(ports, jobIdParam(req.params.jobId), auditContextOf(req));
    res.location(`/api/jobs/${job.jobId}`);
    send(res, 202, 'job', toPublicJob(job));
  });

  router.post('/api/jobs/:jobId/apply', requireJsonIfBody, reviewSizedJsonBody, async (req, res) => {
    const jobId = jobIdParam(req.params.jobId);
    const request = bodyOf<ApplyJobRequest>(req, 'api/apply-job-request', {});
    // 200 for both outcomes: a repeated apply is a success that changed nothing, not a conflict.
    const confirmed = {
      reviewRevision: request.reviewRevision,
      expectedStockChanges: request.expectedStockChanges,
      allowDuplicate: request.allowDuplicate,
      requireSecondApprover: context.requireSecondApprover,
    };
    send(res, 200, 'apply-result', await applyInvoiceAndRecord(ports, jobId, confirmed, auditContextOf(req)));
  });

  return router;
}
