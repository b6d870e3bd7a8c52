import type { JobStatus } from '@invoice/contracts';

const IN_FLIGHT: ReadonlySet<JobStatus> = new Set(['CREATED', 'QUEUED', 'PARSING']);

/** Jobs still moving on the server; the page keeps polling while any is. */
export function isInFlight(status: JobStatus): boolean {
  return IN_FLIGHT.has(status);
}

const LABELS: Record<JobStatus, string> = {
  CREATED: 'Waiting for upload',
  QUEUED: 'Queued',
  PARSING: 'Parsing',
  PARSED: 'Parsed: ready for review',
  FAILED: 'Failed',
  APPLIED: 'Applied to stock',
};

export function statusLabel(status: JobStatus): string {
  return LABELS[status];
}

/** Poll quickly while work is fresh, then back off, so an idle page does not hammer the API. */
export function nextPollDelayMs(previousDelayMs: number | null): number {
  const FIRST_DELAY_MS = 500;
  const MAX_DELAY_MS = 5000;
  return previousDelayMs === null ? FIRST_DELAY_MS : Math.min(previousDelayMs * 2, MAX_DELAY_MS);
}
