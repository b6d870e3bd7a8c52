import { DomainError, isDomainError } from '../errors';
import { nextVersion, type JobRecord } from '../job-record';
import { assertTransition } from '../job-status';
import { errorKey, parsedKey } from '../object-keys';
import { MAX_CONFLICT_RETRIES, type InventoryPorts } from './deps';
import { assertUploadAsSigned } from './check-upload';
import { getJobOrThrow } from './get-job';

/**
 * Starts parse attempt n+1. The job is first claimed (QUEUED, attempt n+1) with a version check, so two
 * concurrent requests never start two runs for one attempt; only the winner asks the runner to start.
 */
export async function startParse(
  deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock'>,
  jobId: string,
): Promise<JobRecord> {
  for (let round = 0; round < MAX_CONFLICT_RETRIES; round += 1) {
    const job = await getJobOrThrow(deps.jobs, jobId);
    assertTransition(job.status, 'QUEUED', jobId);
    const upload = await deps.blobs.head(job.objectKey);
    if (!upload) {
      throw new DomainError('UPLOAD_NOT_FOUND', `Nothing has been uploaded for job ${jobId} yet.`, { jobId });
    }
    assertUploadAsSigned(job, upload);

    const attempt = job.attempt + 1;
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
      },
      deps.clock.now(),
    );
    try {
      await deps.jobs.update(queued, job.version);
    } catch (error) {
      if (isDomainError(error, 'JOB_CONCURRENT_UPDATE')) continue;
      throw error;
    }

    let runId: string;
    try {
      ({ runId } = await deps.runner.start({
        jobId,
        attempt,
        inputUri: deps.blobs.uriOf(job.objectKey),
        outputUri: deps.blobs.uriOf(parsedKey(jobId, attempt)),
        errorOutputUri: deps.blobs.uriOf(errorKey(jobId, attempt)),
      }));
    } catch (error) {
      await recordStartFailure(deps, queued, error);
      throw error;
    }

    const started = nextVersion(queued, { runId }, deps.clock.now());
    try {
      await deps.jobs.update(started, queued.version);
      return started;
    } catch (error) {
      // A poll may already have reconciled a very fast run; its state is the truth.
      if (isDomainError(error, 'JOB_CONCURRENT_UPDATE')) return getJobOrThrow(deps.jobs, jobId);
      throw error;
    }
  }
  throw new DomainError('JOB_CONCURRENT_UPDATE', `Job ${jobId} kept changing while starting a parse; retry.`, { jobId });
}

async function recordStartFailure(deps: Pick<InventoryPorts, 'jobs' | 'clock'>, queued: JobRecord, cause: unknown): Promise<void> {
  const failed = nextVersion(
    queued,
    { status: 'FAILED', error: { code: 'PARSER_INTERNAL', message: `The parser could not be started: ${messageOf(cause)}` } },
    deps.clock.now(),
  );
  try {
    await deps.jobs.update(failed, queued.version);
  } catch {
    // The original failure is what the caller needs to see; a lost race here means someone else moved the job.
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
