import type { ApplyResult } from '@invoice/contracts';
import { planApply } from '../apply-plan';
import { DomainError, isDomainError } from '../errors';
import { nextVersion, toPublicJob } from '../job-record';
import { assertTransition } from '../job-status';
import { MAX_CONFLICT_RETRIES, type InventoryPorts } from './deps';
import { getJobOrThrow } from './get-job';
import { readParseResult } from './read-outputs';
import { reconcileJob } from './reconcile-job';

/**
 * Moves stock by the parsed item lines, at most once per job however often and however concurrently it is
 * called: the ledger record keyed by jobId is written in the same transaction as the deltas and the job's
 * APPLIED status, so a repeat finds the record and answers ALREADY_APPLIED with it.
 */
export async function applyInvoice(
  deps: Pick<InventoryPorts, 'jobs' | 'ledger' | 'blobs' | 'runner' | 'clock'>,
  jobId: string,
): Promise<ApplyResult> {
  for (let round = 0; round < MAX_CONFLICT_RETRIES; round += 1) {
    // Reconciled first: a parse that finished since the last poll makes the job PARSED, not "still QUEUED".
    const job = await reconcileJob(deps, jobId);
    if (job.status === 'APPLIED') {
      const ledger = await deps.ledger.getLedgerRecord(jobId);
      if (!ledger) throw new Error(`Job ${jobId} is APPLIED but has no ledger record`);
      return { outcome: 'ALREADY_APPLIED', ledger, job: toPublicJob(job) };
    }
    assertTransition(job.status, 'APPLIED', jobId);

    const result = await readParseResult(deps.blobs, jobId, job.attempt);
    if (!result) throw new Error(`Job ${jobId} is PARSED but parsed output of attempt ${job.attempt} is missing`);
    const deltas = planApply(result.lines, result.invoice.documentType);

    const now = deps.clock.now();
    const applied = nextVersion(job, { status: 'APPLIED', appliedAt: now.toISOString() }, now);
    try {
      const outcome = await deps.ledger.applyOnce({
        ledger: { jobId, attempt: job.attempt, appliedAt: now.toISOString(), deltas },
        job: applied,
        expectedJobVersion: job.version,
      });
      if (outcome.outcome === 'APPLIED') return { outcome: 'APPLIED', ledger: outcome.ledger, job: toPublicJob(applied) };
      return { outcome: 'ALREADY_APPLIED', ledger: outcome.ledger, job: toPublicJob(await getJobOrThrow(deps.jobs, jobId)) };
    } catch (error) {
      if (!isDomainError(error, 'JOB_CONCURRENT_UPDATE')) throw error;
    }
  }
  throw new DomainError('JOB_CONCURRENT_UPDATE', `Job ${jobId} kept changing while applying; retry.`, { jobId });
}
