import type { ErrorDetail, JobStatus, JobSummary } from '@invoice/contracts';
import { isDomainError } from '../errors';
import { nextVersion, summarize, type JobRecord } from '../job-record';
import { assertTransition, isInFlight } from '../job-status';
import { MAX_CONFLICT_RETRIES, type InventoryPorts } from './deps';
import { getJobOrThrow } from './get-job';
import { readParseError, readParseResult } from './read-outputs';

/**
 * A job claimed for a parse whose run id was never recorded (the API died between the two writes) is
 * declared failed after this long, so that it does not stay QUEUED forever.
 */
export const UNSTARTED_RUN_GRACE_MS = 60_000;

type Change = { status: JobStatus; error?: ErrorDetail | null; summary?: JobSummary | null };

/**
 * Brings an in-flight job up to date on read; there is no background worker. Outputs of the current attempt
 * win over the runner's state (a run may be reported STOPPED just after writing its result). Every change is
 * guarded by the job's version; a lost race re-reads and decides again.
 */
export async function reconcileJob(
  deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock'>,
  jobId: string,
): Promise<JobRecord> {
  let job = await getJobOrThrow(deps.jobs, jobId);
  for (let round = 0; round < MAX_CONFLICT_RETRIES && isInFlight(job.status); round += 1) {
    const change = await decide(deps, job);
    if (!change) return job;
    assertTransition(job.status, change.status, jobId);
    const next = nextVersion(job, change, deps.clock.now());
    try {
      await deps.jobs.update(next, job.version);
      return next;
    } catch (error) {
      if (!isDomainError(error, 'JOB_CONCURRENT_UPDATE')) throw error;
      job = await getJobOrThrow(deps.jobs, jobId);
    }
  }
  return job;
}

async function decide(deps: Pick<InventoryPorts, 'blobs' | 'runner' | 'clock'>, job: JobRecord): Promise<Change | null> {
  const fromOutputs = await readOutputs(deps, job);
  if (fromOutputs) return fromOutputs;

  if (job.runId === null) {
    const age = deps.clock.now().getTime() - Date.parse(job.updatedAt);
    if (age < UNSTARTED_RUN_GRACE_MS) return null;
    return failed('PARSER_CRASHED', 'The parser run was never started.');
  }

  const run = await deps.runner.describe(job.runId);
  if (run.state === 'PENDING') return null;
  if (run.state === 'RUNNING') return job.status === 'PARSING' ? null : { status: 'PARSING' };

  // The run may have written its output between the first look and the runner's answer.
  const late = await readOutputs(deps, job);
  if (late) return late;
  const reason = run.stopReason ?? 'unknown reason';
  return failed(run.stopCode ?? 'PARSER_CRASHED', `The parser stopped without writing a result: ${reason}`, { stopReason: reason });
}

async function readOutputs(deps: Pick<InventoryPorts, 'blobs'>, job: JobRecord): Promise<Change | null> {
  try {
    const result = await readParseResult(deps.blobs, job.jobId, job.attempt);
    if (result) return { status: 'PARSED', error: null, summary: summarize(result) };
  } catch (error) {
    if (isDomainError(error, 'PARSER_OUTPUT_INVALID')) {
      return { status: 'FAILED', error: { code: error.code, message: error.message, details: error.details }, summary: null };
    }
    throw error;
  }
  const parseError = await readParseError(deps.blobs, job.jobId, job.attempt);
  return parseError ? { status: 'FAILED', error: parseError, summary: null } : null;
}

function failed(code: string, message: string, details?: Record<string, unknown>): Change {
  return { status: 'FAILED', error: details ? { code, message, details } : { code, message }, summary: null };
}
