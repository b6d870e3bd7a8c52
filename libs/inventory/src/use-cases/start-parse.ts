import { DomainError } from '../errors';
import { nextVersion, type JobRecord } from '../job-record';
import { assertParseRequest } from '../job-status';
import { queuedAttempt } from '../parse-attempts';
import { MAX_CONFLICT_RETRIES } from './deps';
import { assertUploadAsSigned } from './check-upload';
import { getJobOrThrow } from './get-job';
import type { ParseDeps } from './retry-parse';
import { claimAndStart } from './start-attempt';

/**
 * Starts parse attempt n+1. The job is first claimed (QUEUED, attempt n+1) with a version check, so two
 * concurrent requests never start two runs for one attempt; only the winner asks the runner to start
 * (claimAndStart). A start refused for a passing reason leaves the job QUEUED for a retry (reconcile-job.ts).
 */
export async function startParse(
  deps: ParseDeps,
  jobId: string,
): Promise<JobRecord> {
  for (let round = 0; round < MAX_CONFLICT_RETRIES; round += 1) {
    const job = await getJobOrThrow(deps.jobs, jobId);
    assertParseRequest(job.status, jobId);
    const upload = await deps.blobs.head(job.objectKey);
    if (!upload) {
      throw new DomainError('UPLOAD_NOT_FOUND', `Nothing has been uploaded for job ${jobId} yet.`, { jobId });
    }
    assertUploadAsSigned(job, upload);

    const attempt = job.attempt + 1;
    const now = deps.clock.now();
    // Corrections name lines of the old attempt's result, which the new parse may number differently, so
    // the new attempt starts unreviewed. The revision moves on whenever a review could have been shown (the
    // job was PARSED, reviewed or not), so a screen still holding the old lines is refused (REVIEW_CONFLICT)
    // rather than saving corrections onto, or applying, lines it never showed.
    const queued = nextVersion(
      job,
      {
        status: 'QUEUED',
        attempt,
        runId: null,
        error: null,
        summary: null,
        review: null,
        reviewRevision: job.status === 'PARSED' ? job.reviewRevision + 1 : job.reviewRevision,
        // A new request: its deadline and its attempt budget start now; retries keep both.
        parseRequest: { requestedAt: now.toISOString(), firstAttempt: attempt },
        retryAt: null,
        attempts: [...(job.attempts ?? []), queuedAttempt(attempt, now)],
      },
      now,
    );
    const outcome = await claimAndStart(deps, job, queued);
    if (outcome.kind === 'lost') continue;
    if (outcome.kind === 'refused') throw outcome.error;
    return outcome.job;
  }
  throw new DomainError('JOB_CONCURRENT_UPDATE', `Job ${jobId} kept changing while starting a parse; retry.`, { jobId });
}
