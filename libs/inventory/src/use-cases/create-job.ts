import type { AuditEntry, CreateJobRequest, PresignedUpload } from '@invoice/contracts';
import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';
import { rawKey } from '../object-keys';
import type { InventoryPorts } from './deps';
import { telemetryOf } from '../ports/telemetry.port';

export interface CreateJobLimits {
  uploadMaxBytes: number;
  uploadUrlTtlSeconds: number;
}

export interface CreatedJob {
  job: JobRecord;
  upload: PresignedUpload;
}

/**
 * Records a new job and hands out a presigned PUT bound to its key, content type and exact size. `auditOf`
 * gives the audit entries stored with the job, in the same write (JobRepository.create).
 */
export async function createJob(
  deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'clock' | 'newId' | 'telemetry'>,
  limits: CreateJobLimits,
  request: CreateJobRequest,
  auditOf?: (job: JobRecord) => readonly AuditEntry[],
): Promise<CreatedJob> {
  if (request.sizeBytes > limits.uploadMaxBytes) {
    throw new DomainError('UPLOAD_TOO_LARGE', `The file is larger than the maximum of ${limits.uploadMaxBytes} bytes.`, {
      sizeBytes: request.sizeBytes,
      maxBytes: limits.uploadMaxBytes,
    });
  }
  const now = deps.clock.now();
  const jobId = deps.newId();
  const job: JobRecord = {
    jobId,
    status: 'CREATED',
    fileName: request.fileName,
    contentType: request.contentType,
    sizeBytes: request.sizeBytes,
    attempt: 0,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    error: null,
    summary: null,
    appliedAt: null,
    objectKey: rawKey(jobId, request.fileName),
    runId: null,
    reviewRevision: 0,
    review: null,
  };
  await (auditOf ? deps.jobs.create(job, auditOf(job)) : deps.jobs.create(job));
  telemetryOf(deps).count('jobsCreated', {});

  const expiresAt = new Date(now.getTime() + limits.uploadUrlTtlSeconds * 1000);
  const presigned = await deps.blobs.presignPut({
    key: job.objectKey,
    jobId,
    contentType: job.contentType,
    sizeBytes: job.sizeBytes,
    expiresAt,
  });
  return { job, upload: { url: presigned.url, method: 'PUT', headers: presigned.headers, expiresAt: expiresAt.toISOString() } };
}
