import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';

/**
 * Four eyes (REQUIRE_SECOND_APPROVER): SECOND_APPROVER_REQUIRED when the user applying saved the review
 * revision being applied. A revision nobody saved (never reviewed, or saved before accounts existed) has no
 * reviewer to keep apart from the approver, so anyone who may apply may apply it.
 */
export function assertSecondApprover(job: JobRecord, appliedBy: string | null): void {
  const savedBy = job.review?.savedBy ?? null;
  if (savedBy === null || savedBy !== appliedBy) return;
  throw new DomainError(
    'SECOND_APPROVER_REQUIRED',
    `Revision ${job.reviewRevision} of job ${job.jobId}'s review was saved by ${savedBy}; another approver must apply it.`,
    { jobId: job.jobId, reviewRevision: job.reviewRevision, savedBy },
  );
}
