import type { ErrorDetail } from '@invoice/contracts';
import { isDomainError } from '../errors';
import { nextVersion, summarize, type JobRecord } from '../job-record';
import { assertTransition, isInFlight } from '../job-status';
import { endCurrentAttempt } from '../parse-attempts';
import { MAX_CONFLICT_RETRIES } from './deps';
import { getJobOrThrow } from './get-job';
import { reportParseChange } from './parse-telemetry';
import { readParseError, readParseResult } from './read-outputs';
import { isPastDeadline, policyOf, retryOrAbandon, type ParseDeps } from './retry-parse';
import { claimAndStart } from './start-attempt';

/**
 * A job claimed for a parse whose run id was never recorded (the API died between the claim and the start,
 * or while starting) is retried as a new attempt after this long, so that it does not stay QUEUED forever.
 */
export const UNSTARTED_RUN_GRACE_MS = 60_000;

/**
 * A change of the record (with the parsed document's pages, for the metrics), or `start`: a retry's backoff
 * has passed and its run is to be started now.
 */
type Change = { change: Partial<JobRecord>; pages?: number };
type Decision = Change | 'start' | null;

/**
 * Brings an in-flight job up to date; called on read and by the sweeper (sweep-in-flight-jobs.ts), so a job
 * nobody polls still retries and times out. Outputs of the current attempt win over everything (a run may be
 * reported STOPPED just after writing its result), then the parse deadline, then a due retry, then the
 * runner's state. Outputs are read by the current attempt's keys only: a late result of an older attempt is
 * never taken. Every change is guarded by the job's version; a lost race re-reads and decides again.
 */
export async function reconcileJob(deps: ParseDeps, jobId: string): Promise<JobRecord> {
  let job = await getJobOrThrow(deps.jobs, jobId);
  for (let round = 0; round < MAX_CONFLICT_RETRIES && isInFlight(job.status); round += 1) {
    const decision = await decide(deps, job);
    if (!decision) return job;
    const now = deps.clock.now();
    if (decision === 'start') {
      const outcome = await claimAndStart(deps, job, nextVersion(job, { retryAt: null }, now));
      if (outcome.kind !== 'lost') return outcome.job;
    } else {
      const { change, pages } = decision;
      // A retry leaves the status as it is (QUEUED) or moves a PARSING job back to QUEUED.
      if (change.status && change.status !== job.status) assertTransition(job.status, change.status, jobId);
      const next = nextVersion(job, change, now);
      try {
        await deps.jobs.update(next, job.version);
        reportParseChange(deps, job, next, pages);
        return next;
      } catch (error) {
        if (!isDomainError(error, 'JOB_CONCURRENT_UPDATE')) throw error;
      }
    }
    job = await getJobOrThrow(deps.jobs, jobId);
  }
  return job;
}

async function decide(deps: ParseDeps, job: JobRecord): Promise<Decision> {
  const fromOutputs = await readOutputs(deps, job);
  if (fromOutputs) return fromOutputs;

  const policy = policyOf(deps);
  const now = deps.clock.now();
  if (isPastDeadline(job, policy, now)) {
    const seconds = Math.round(policy.deadlineMs / 1000);
    return ended(job, now, 'timed-out', {
      code: 'PARSE_TIMEOUT',
      message: `The parse was not done ${seconds} s after it was requested; a result written later is not taken.`,
      details: { deadlineSeconds: seconds, attempt: job.attempt },
    });
  }

  if (job.runId === null) {
    if (job.retryAt) return Date.parse(job.retryAt) <= now.getTime() ? 'start' : null;
    const age = now.getTime() - Date.parse(job.updatedAt);
    if (age < UNSTARTED_RUN_GRACE_MS) return null;
    return changed(retryOrAbandon(job, policy, now, { code: 'PARSER_CRASHED', message: 'The parser run was never started.' }));
  }

  const run = await deps.runner.describe(job.runId);
  if (run.state === 'PENDING') return null;
  if (run.state === 'RUNNING') return job.status === 'PARSING' ? null : changed({ status: 'PARSING' });

  // The run may have written its output between the first look and the runner's answer.
  const late = await readOutputs(deps, job);
  if (late) return late;
  const reason = run.stopReason ?? 'unknown reason';
  const cause: ErrorDetail = {
    code: run.stopCode ?? 'PARSER_CRASHED',
    message: `The parser stopped without writing a result: ${reason}`,
    details: { stopReason: reason },
  };
  return run.retryable === true ? changed(retryOrAbandon(job, policy, deps.clock.now(), cause)) : ended(job, deps.clock.now(), 'failed', cause);
}

async function readOutputs(deps: ParseDeps, job: JobRecord): Promise<Change | null> {
  const now = (): Date => deps.clock.now();
  try {
    const result = await readParseResult(deps.blobs, job.jobId, job.attempt);
    if (result) {
      const change: Partial<JobRecord> = { status: 'PARSED', error: null, summary: summarize(result), retryAt: null, attempts: endCurrentAttempt(job, 'parsed', null, now()) };
      return { change, pages: result.source.pages };
    }
  } catch (error) {
    if (isDomainError(error, 'PARSER_OUTPUT_INVALID')) {
      return ended(job, now(), 'failed', { code: error.code, message: error.message, details: error.details });
    }
    throw error;
  }
  const parseError = await readParseError(deps.blobs, job.jobId, job.attempt);
  return parseError ? ended(job, now(), 'failed', parseError) : null;
}

function changed(change: Partial<JobRecord>): Change {
  return { change };
}

/** FAILED with `error`, the current attempt ending with `outcome` and its code. */
function ended(job: JobRecord, now: Date, outcome: 'failed' | 'timed-out', error: ErrorDetail): Change {
  return changed({ status: 'FAILED', error, summary: null, retryAt: null, attempts: endCurrentAttempt(job, outcome, error.code, now) });
}
