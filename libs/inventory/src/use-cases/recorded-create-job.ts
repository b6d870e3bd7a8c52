import type { CreateJobRequest } from '@invoice/contracts';
import { createJob, type CreatedJob, type CreateJobLimits } from './create-job';
import type { InventoryPorts } from './deps';
import { recordAudit, type AuditContext } from './record-audit';

/**
 * createJob, recorded as `job.create` with the file the job expects (its name, declared type and size), once
 * the job is stored. The upload itself is recorded apart, as `job.upload` (see recordUploadOnce).
 */
export async function createJobAndRecord(
  deps: Parameters<typeof createJob>[0] & Pick<InventoryPorts, 'audit'>,
  limits: CreateJobLimits,
  request: CreateJobRequest,
  context: AuditContext,
): Promise<CreatedJob> {
  const created = await createJob(deps, limits, request);
  const { job } = created;
  await recordAudit(deps, context, {
    action: 'job.create',
    jobId: job.jobId,
    at: job.createdAt,
    change: { fileName: job.fileName, contentType: job.contentType, sizeBytes: job.sizeBytes },
  });
  return created;
}
