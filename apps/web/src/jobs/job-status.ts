import type { Job, JobStatus } from '@invoice/contracts';

// CREATED is not here: a job whose upload was abandoned stays CREATED for good, and must not keep a page
// polling forever. The page that uploads polls on its own while its uploads run.
const IN_FLIGHT: ReadonlySet<JobStatus> = new Set(['QUEUED', 'PARSING']);

/** Jobs the server is still working on; a page keeps polling while any is. */
export function isInFlight(status: JobStatus): boolean {
  return IN_FLIGHT.has(status);
}

const LABELS: Record<JobStatus, string> = {
  CREATED: 'Waiting for upload',
  QUEUED: 'Queued',
  PARSING: 'Parsing',
  PARSED: 'Parsed',
  FAILED: 'Failed',
  APPLIED: 'Applied',
  REVERSED: 'Reversed',
};

export function statusLabel(status: JobStatus): string {
  return LABELS[status];
}

/** A review exists once the parser has read the document; before that there is nothing to look at. */
export function canReview(job: Pick<Job, 'status'>): boolean {
  return job.status === 'PARSED' || job.status === 'APPLIED' || job.status === 'REVERSED';
}

/** Corrections can be saved and the job applied while it is parsed and not applied (a reversed job again). */
export function canApply(job: Pick<Job, 'status'>): boolean {
  return job.status === 'PARSED' || job.status === 'REVERSED';
}

/** The parser may be run again on a finished, unapplied job (a failed one in particular). */
export function canReparse(job: Pick<Job, 'status'>): boolean {
  return job.status === 'FAILED' || job.status === 'PARSED';
}

/** Poll quickly while work is fresh, then back off, so an idle page does not hammer the API. */
export function nextPollDelayMs(previousDelayMs: number | null): number {
  const FIRST_DELAY_MS = 500;
  const MAX_DELAY_MS = 5000;
  return previousDelayMs === null ? FIRST_DELAY_MS : Math.min(previousDelayMs * 2, MAX_DELAY_MS);
}
