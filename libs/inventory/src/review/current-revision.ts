import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';

/** REVIEW_CONFLICT unless `expected` is the job's current review revision. */
export function assertCurrentRevision(job: JobRecord, expected: number): void {
  if (job.reviewRevision === expected) return;
  throw new DomainError(
    'REVIEW_CONFLICT',
    `The review of job ${job.jobId} is at revision ${job.reviewRevision}, not ${expected}; reload it and redo the change.`,
    { jobId: job.jobId, currentRevision: job.reviewRevision, requestedRevision: expected },
  );
}
