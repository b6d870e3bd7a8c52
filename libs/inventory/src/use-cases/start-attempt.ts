import { isDomainError } from '../errors';
import { nextVersion, type JobRecord } from '../job-record';
import { changeCurrentAttempt, endCurrentAttempt } from '../parse-attempts';
import { isRetryableStartError } from '../parse-retry-policy';
import { errorKey, parsedKey } from '../object-keys';
import { getJobOrThrow } from './get-job';
import { reportParseChange } from './parse-telemetry';
import { policyOf, retryOrAbandon, type ParseDeps } from './retry-parse';

export type StartOutcome =
  /** Another writer changed the job first; nothing was started. Re-read and decide again. */
  | { kind: 'lost' }
  /** The run was started (or a start refused for a passing reason was scheduled again); `job` is the record now. */
  | { kind: 'started'; job: JobRecord }
  /** The runner refused for good; the job is FAILED and `error` is what the runner threw. */
  | { kind: 'refused'; job: JobRecord; error: unknown };

/**
 * Claim, then start: writes `claimed` (QUEUED, the attempt to start, no run) over `current` with the version
 * guard, so two concurrent callers (two POST /parse, two polls, a poll and the sweeper) never start two runs
 * for one attempt; only the winner asks the runner to start, with the attempt's own output keys. Used by a
 * first parse or a re-parse (start-parse.ts) and by a retry whose backoff has passed (reconcile-job.ts).
 */
export async function claimAndStart(deps: ParseDeps, current: JobRecord, claimed: JobRecord): Promise<StartOutcome> {
  try {
    await deps.jobs.update(claimed, current.version);
  } catch (error) {
    if (isDomainError(error, 'JOB_CONCURRENT_UPDATE')) return { kind: 'lost' };
    throw error;
  }

  const { jobId, attempt } = claimed;
  let runId: string;
  try {
    ({ runId } = await deps.runner.start({
      jobId,
      attempt,
      inputUri: deps.blobs.uriOf(claimed.objectKey),
      outputUri: deps.blobs.uriOf(parsedKey(jobId, attempt)),
      errorOutputUri: deps.blobs.uriOf(errorKey(jobId, attempt)),
    }));
  } catch (error) {
    return recordStartFailure(deps, claimed, error);
  }

  const now = deps.clock.now();
  const started = nextVersion(claimed, { runId, attempts: changeCurrentAttempt(claimed, { outcome: 'running', startedAt: now.toISOString() }) }, now);
  try {
    await deps.jobs.update(started, claimed.version);
    return { kind: 'started', job: started };
  } catch (error) {
    // A poll may already have reconciled a very fast run; its state is the truth.
    if (isDomainError(error, 'JOB_CONCURRENT_UPDATE')) return { kind: 'started', job: await getJobOrThrow(deps.jobs, jobId) };
    throw error;
  }
}

/**
 * A refused start: retried like a run stopped by the infrastructure when the refusal is passing (capacity,
 * throttling), else the job fails with PARSER_INTERNAL. A lost race here means someone else moved the job;
 * their state stands, and the caller still learns what the runner said.
 */
async function recordStartFailure(deps: ParseDeps, claimed: JobRecord, cause: unknown): Promise<StartOutcome> {
  const now = deps.clock.now();
  const message = `The parser could not be started: ${cause instanceof Error ? cause.message : String(cause)}`;
  const retryable = isRetryableStartError(cause);
  const change: Partial<JobRecord> = retryable
    ? retryOrAbandon(claimed, policyOf(deps), now, { code: 'PARSER_START_REFUSED', message })
    : { status: 'FAILED', error: { code: 'PARSER_INTERNAL', message }, attempts: endCurrentAttempt(claimed, 'failed', 'PARSER_INTERNAL', now) };
  const next = nextVersion(claimed, change, now);
  let job = next;
  try {
    await deps.jobs.update(next, claimed.version);
    reportParseChange(deps, claimed, next);
  } catch {
    job = await getJobOrThrow(deps.jobs, claimed.jobId);
  }
  return retryable && job.status !== 'FAILED' ? { kind: 'started', job } : { kind: 'refused', job, error: cause };
}
