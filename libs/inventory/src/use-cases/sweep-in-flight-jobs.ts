import { isDomainError } from '../errors';
import type { InventoryPorts } from './deps';
import { reconcileJob } from './reconcile-job';
import type { ParseDeps } from './retry-parse';

/** Jobs one sweep reconciles at most, so that one run stays short (a Lambda's timeout, a server's tick). */
export const MAX_SWEPT_JOBS = 500;
const SWEEP_PAGE_SIZE = 50;

export interface SweepOutcome {
  /** Jobs looked at. */
  swept: number;
  /** Jobs whose status or attempt this sweep changed. */
  changed: number;
  /** Jobs whose reconcile threw (a store or runner that did not answer); the next sweep tries them again. */
  failed: number;
}

/**
 * Reconciles every in-flight job, as a poll would: retries whose backoff has passed are started, stopped runs
 * are retried or failed, and a parse past its deadline fails with PARSE_TIMEOUT even when no browser polls.
 * Run by an interval in the local server and by an EventBridge schedule in AWS. One job's failure does not
 * stop the sweep.
 */
export async function sweepInFlightJobs(
  deps: ParseDeps & Pick<InventoryPorts, 'jobs'>,
  options: { maxJobs?: number } = {},
): Promise<SweepOutcome> {
  const maxJobs = options.maxJobs ?? MAX_SWEPT_JOBS;
  const outcome: SweepOutcome = { swept: 0, changed: 0, failed: 0 };
  let cursor: string | undefined;
  do {
    const page = await deps.jobs.listInFlight({ limit: Math.min(SWEEP_PAGE_SIZE, maxJobs - outcome.swept), cursor });
    for (const job of page.items) {
      outcome.swept += 1;
      try {
        const after = await reconcileJob(deps, job.jobId);
        if (after.version !== job.version) outcome.changed += 1;
      } catch (error) {
        if (isDomainError(error, 'JOB_NOT_FOUND')) continue;
        outcome.failed += 1;
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && outcome.swept < maxJobs);
  return outcome;
}
