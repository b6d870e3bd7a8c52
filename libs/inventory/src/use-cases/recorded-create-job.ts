import type { CreateJobRequest } from '@invoice/contracts';
import { createJob, type CreatedJob, type CreateJobLimits } from './create-job';
import { auditEntryOf, type AuditContext } from './record-audit';

/**
 * createJob, recorded as `job.create` with the file the job expects (its name, declared type and size), in
 * the job's own write (JobRepository.create): one commit, and never a job without its entry. The upload
 * itself is recorded apart, as `job.upload` (see recordUploadOnce).
 */
export async function createJobAndRecord(
  deps: Parameters<typeof createJob>[0],
  limits: CreateJobLimits,
  request: CreateJobRequest,
  context: AuditContext,
): Promise<CreatedJob> {
  return createJob(deps, limits, request, (job) => [
    auditEntryOf(deps, context, {
      action: 'job.create',
      jobId: job.jobId,
      at: job.createdAt,
      change: { fileName: job.fileName, contentType: job.contentType, sizeBytes: job.sizeBytes },
    }),
  ]);
}
