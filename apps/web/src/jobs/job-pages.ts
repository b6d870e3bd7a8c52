import type { Job } from '@invoice/contracts';

/**
 * The polled first page followed by the older pages the operator asked for. A job can appear in both when
 * new jobs push it off the first page; the polled copy is the fresher one, so it wins.
 */
export function mergeJobPages(latest: readonly Job[], older: readonly Job[]): Job[] {
  const seen = new Set(latest.map((job) => job.jobId));
  return [...latest, ...older.filter((job) => !seen.has(job.jobId))];
}
