import type { JobStatus } from '@invoice/contracts';
import { DomainError } from './errors';

export const JOB_STATUSES: readonly JobStatus[] = ['CREATED', 'QUEUED', 'PARSING', 'PARSED', 'FAILED', 'APPLIED', 'REVERSED'];

/**
 * Every allowed move. QUEUED may jump straight to PARSED/FAILED because reconciliation happens on read
 * and a fast parse can finish between two polls. PARSED and FAILED go back to QUEUED for a re-parse.
 * APPLIED only becomes REVERSED (a compensating ledger entry moved the stock back); a REVERSED job may be
 * reviewed again and applied again, as a new apply with its own ledger record. It is not parsed again: its
 * ledger records name lines of the current attempt. PARSING goes back to QUEUED when its run stopped for a
 * cause outside the document (a task stopped by the infrastructure, a worker killed, a lease lost) and
 * attempts are left: the next attempt waits out its backoff as QUEUED (reconcile-job.ts, retry-parse.ts).
 */
const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  CREATED: ['QUEUED'],
  QUEUED: ['PARSING', 'PARSED', 'FAILED'],
  PARSING: ['QUEUED', 'PARSED', 'FAILED'],
  PARSED: ['QUEUED', 'APPLIED'],
  FAILED: ['QUEUED'],
  APPLIED: ['REVERSED'],
  REVERSED: ['APPLIED'],
};

export function allowedTransitions(from: JobStatus): readonly JobStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws JOB_INVALID_STATE (HTTP 409) when the job may not move from `from` to `to`. */
export function assertTransition(from: JobStatus, to: JobStatus, jobId?: string): void {
  if (canTransition(from, to)) return;
  const subject = jobId ? `Job ${jobId}` : 'The job';
  throw new DomainError('JOB_INVALID_STATE', `${subject} is ${from} and cannot become ${to}.`, {
    ...(jobId ? { jobId } : {}),
    status: from,
    requested: to,
    allowed: [...TRANSITIONS[from]],
  });
}

/**
 * A parse request (POST /parse) moves a job to QUEUED like any other move, except from PARSING: that move
 * belongs to the retry rule alone, and a run still going is not replaced by a request.
 */
export function assertParseRequest(from: JobStatus, jobId?: string): void {
  if (from !== 'PARSING') return assertTransition(from, 'QUEUED', jobId);
  const subject = jobId ? `Job ${jobId}` : 'The job';
  throw new DomainError('JOB_INVALID_STATE', `${subject} is PARSING and cannot be parsed again until this parse ends.`, {
    ...(jobId ? { jobId } : {}),
    status: from,
    requested: 'QUEUED',
    allowed: TRANSITIONS[from].filter((to) => to !== 'QUEUED'),
  });
}

/** Statuses in which a parser run may still produce an output for the current attempt. */
export function isInFlight(status: JobStatus): boolean {
  return status === 'QUEUED' || status === 'PARSING';
}
