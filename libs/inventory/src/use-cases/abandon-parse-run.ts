import { concurrentUpdate, isDomainError } from '../errors';
import { nextVersion, type JobRecord } from '../job-record';
import { assertTransition, isInFlight } from '../job-status';
import { errorKey, parsedKey } from '../object-keys';
import { endCurrentAttempt } from '../parse-attempts';
import { MAX_CONFLICT_RETRIES, type InventoryPorts } from './deps';
import { reportParseChange } from './parse-telemetry';

export interface AbandonRequest {
  jobId: string;
  /** The attempt whose run was given up on; only that attempt may be ended by it. */
  attempt: number;
  /** Why, for the job's error and the log (e.g. "moved to the dead-letter queue after 3 deliveries"). */
  reason: string;
  /** How often the queue delivered the message, when it says (SQS's ApproximateReceiveCount). */
  receiveCount?: number;
}

export type AbandonOutcome =
  | { outcome: 'abandoned'; job: JobRecord }
  /**
   * Nothing changed: there is no such job, the job has moved on to another attempt (a stale message never
   * touches a newer attempt), it is no longer in flight, or the attempt wrote an output (outputs win: the
   * next reconcile takes it).
   */
  | { outcome: 'unchanged'; why: 'no-such-job' | 'other-attempt' | 'not-in-flight' | 'output-written'; job: JobRecord | null };

/**
 * A run the queue gave up on (AWS: the message reached the dead-letter queue after maxReceiveCount deliveries,
 * each one's worker dying or stopping before it answered): the job becomes FAILED PARSE_ABANDONED, its
 * current attempt ending 'abandoned', if that attempt is still the job's current one, in flight, and wrote no
 * output. Not retried: the queue already delivered it again and again. Version-guarded like reconcile-job.ts:
 * a lost race re-reads and decides again; still losing after MAX_CONFLICT_RETRIES throws JOB_CONCURRENT_UPDATE,
 * so that the caller (the dead-letter queue's consumer) tries the message again later.
 */
export async function abandonParseRun(deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'clock' | 'telemetry'>, request: AbandonRequest): Promise<AbandonOutcome> {
  const { jobId, attempt } = request;
  let job = await deps.jobs.get(jobId);
  for (let round = 0; round < MAX_CONFLICT_RETRIES; round += 1) {
    if (!job) return { outcome: 'unchanged', why: 'no-such-job', job: null };
    if (job.attempt !== attempt) return { outcome: 'unchanged', why: 'other-attempt', job };
    if (!isInFlight(job.status)) return { outcome: 'unchanged', why: 'not-in-flight', job };
    if (await wroteOutput(deps, jobId, attempt)) return { outcome: 'unchanged', why: 'output-written', job };
    assertTransition(job.status, 'FAILED', jobId);
    const now = deps.clock.now();
    const next = nextVersion(job, abandoned(job, request, now), now);
    try {
      await deps.jobs.update(next, job.version);
      reportParseChange(deps, job, next);
      return { outcome: 'abandoned', job: next };
    } catch (error) {
      if (!isDomainError(error, 'JOB_CONCURRENT_UPDATE')) throw error;
    }
    job = await deps.jobs.get(jobId);
  }
  throw concurrentUpdate(jobId, job?.version ?? 0);
}

/** Either output of the attempt: a result or a document error, both the parser's word, which wins. */
async function wroteOutput(deps: Pick<InventoryPorts, 'blobs'>, jobId: string, attempt: number): Promise<boolean> {
  const [result, error] = await Promise.all([deps.blobs.head(parsedKey(jobId, attempt)), deps.blobs.head(errorKey(jobId, attempt))]);
  return result !== null || error !== null;
}

function abandoned(job: JobRecord, request: AbandonRequest, now: Date): Partial<JobRecord> {
  const { attempt, reason, receiveCount } = request;
  return {
    status: 'FAILED',
    error: {
      code: 'PARSE_ABANDONED',
      message: `Parsing was given up: attempt ${attempt} was never finished by a parser (${reason}). Parsing again may succeed.`,
      details: { attempt, reason, ...(receiveCount === undefined ? {} : { receiveCount }) },
    },
    summary: null,
    retryAt: null,
    attempts: endCurrentAttempt(job, 'abandoned', 'PARSE_ABANDONED', now),
  };
}
