import type { ParseAttempt } from '@invoice/contracts';
import type { JobRecord } from './job-record';

type Outcome = ParseAttempt['outcome'];

/** A new attempt, waiting to be started (now, or at retryAt after a backoff). */
export function queuedAttempt(attempt: number, now: Date, retryAt: Date | null = null): ParseAttempt {
  return { attempt, queuedAt: now.toISOString(), startedAt: null, endedAt: null, outcome: 'queued', code: null, retryAt: retryAt?.toISOString() ?? null };
}

/**
 * The history with the current attempt's entry changed. A job stored before attempts were recorded has no
 * entry for it; one is derived from the record (queued when it last changed) so the history still ends right.
 */
export function changeCurrentAttempt(job: JobRecord, changes: Partial<ParseAttempt>): ParseAttempt[] {
  const history = job.attempts ?? [];
  const last = history.at(-1);
  if (last && last.attempt === job.attempt) return [...history.slice(0, -1), { ...last, ...changes }];
  return [...history, { ...queuedAttempt(job.attempt, new Date(job.updatedAt)), ...changes }];
}

/** The current attempt ended: when, how and with which code (null when it parsed). */
export function endCurrentAttempt(job: JobRecord, outcome: Outcome, code: string | null, now: Date): ParseAttempt[] {
  return changeCurrentAttempt(job, { outcome, code, endedAt: now.toISOString() });
}
