import type { ErrorDetail } from '@invoice/contracts';
import type { JobRecord } from '../job-record';
import { endCurrentAttempt, queuedAttempt } from '../parse-attempts';
import { backoffMs, DEFAULT_PARSE_RETRY_POLICY, type ParseRetryPolicy } from '../parse-retry-policy';
import type { InventoryPorts } from './deps';

/** What reconcile and start need to run, retry and time out a parse. */
export type ParseDeps = Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock' | 'parseRetry' | 'telemetry'>;

export function policyOf(deps: Pick<InventoryPorts, 'parseRetry'>): ParseRetryPolicy {
  return deps.parseRetry ?? DEFAULT_PARSE_RETRY_POLICY;
}

/** Attempts the current parse request has used, the current one included. */
export function attemptsUsed(job: JobRecord): number {
  return job.attempt - (job.parseRequest?.firstAttempt ?? job.attempt) + 1;
}

/**
 * True once the parse request is older than the deadline. Jobs stored before parse requests were recorded
 * count from their last change.
 */
export function isPastDeadline(job: JobRecord, policy: ParseRetryPolicy, now: Date): boolean {
  const requestedAt = Date.parse(job.parseRequest?.requestedAt ?? job.updatedAt);
  return now.getTime() - requestedAt >= policy.deadlineMs;
}

/**
 * The change after the current attempt failed for a cause outside the document: attempt n+1, still QUEUED,
 * with no run and a retryAt after a jittered backoff; or, once the request's attempts are used up, FAILED
 * PARSE_ABANDONED naming the last cause. Either way the history says what happened to attempt n.
 */
export function retryOrAbandon(job: JobRecord, policy: ParseRetryPolicy, now: Date, cause: ErrorDetail): Partial<JobRecord> {
  const used = attemptsUsed(job);
  if (used >= policy.maxAttempts) {
    return {
      status: 'FAILED',
      error: {
        code: 'PARSE_ABANDONED',
        message: `Parsing was given up after ${used} attempt(s) failed for causes outside the document; the last: ${cause.message}`,
        details: { attempts: used, lastCode: cause.code, ...(cause.details ?? {}) },
      },
      summary: null,
      retryAt: null,
      attempts: endCurrentAttempt(job, 'abandoned', cause.code, now),
    };
  }
  const retryAt = new Date(now.getTime() + backoffMs(policy, used));
  const next = job.attempt + 1;
  return {
    status: 'QUEUED',
    attempt: next,
    runId: null,
    retryAt: retryAt.toISOString(),
    error: null,
    summary: null,
    attempts: [...endCurrentAttempt(job, 'retried', cause.code, now), queuedAttempt(next, now, retryAt)],
  };
}
