import { isInFlight } from '../job-status';
import type { JobPage } from '../ports/job-repository.port';
import type { InventoryPorts } from './deps';
import { reconcileJob } from './reconcile-job';

export const DEFAULT_PAGE_SIZE = 20;

/** A page of jobs, newest first; jobs still parsing are reconciled so the list agrees with the detail view. */
export async function listJobs(
  deps: Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock' | 'parseRetry'>,
  options: { limit?: number; cursor?: string },
): Promise<JobPage> {
  const page = await deps.jobs.list({ limit: options.limit ?? DEFAULT_PAGE_SIZE, cursor: options.cursor });
  const items = await Promise.all(page.items.map((job) => (isInFlight(job.status) ? reconcileJob(deps, job.jobId) : job)));
  return { items, nextCursor: page.nextCursor };
}
