import type { JobReview } from '@invoice/contracts';
import { assessApply } from '../apply-plan';
import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';
import { stockLinesOf } from '../review/reviewed-lines';
import type { InventoryPorts } from './deps';
import { reconcileJob } from './reconcile-job';
import { reviewedInvoice, type ReviewedInvoice } from './reviewed-invoice';

export type ReviewPorts = Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock' | 'skuMappings' | 'ledger'>;

/** The review of a job's latest successful parse: effective lines, and what apply would do (or did). */
export async function getReview(deps: ReviewPorts, jobId: string): Promise<JobReview> {
  const job = await reconcileJob(deps, jobId);
  if (job.status !== 'PARSED' && job.status !== 'APPLIED') {
    throw new DomainError('RESULT_NOT_AVAILABLE', `Job ${jobId} is ${job.status} and has no parse result to review.`, {
      jobId,
      status: job.status,
      attempt: job.attempt,
    });
  }
  return toJobReview(deps, job, await reviewedInvoice(deps, job));
}

/**
 * An APPLIED job shows the deltas its ledger record holds, not a recomputation: a mapping saved since then
 * must not make the screen claim a different stock change than the one that happened.
 */
export async function toJobReview(deps: Pick<InventoryPorts, 'ledger'>, job: JobRecord, reviewed: ReviewedInvoice): Promise<JobReview> {
  let { deltas: stockChanges, blockers: applyBlockers } = assessApply(stockLinesOf(reviewed.lines), reviewed.documentType);
  if (job.status === 'APPLIED') {
    const ledger = await deps.ledger.getLedgerRecord(job.jobId);
    if (!ledger) throw new Error(`Job ${job.jobId} is APPLIED but has no ledger record`);
    stockChanges = ledger.deltas;
    applyBlockers = [];
  }
  return {
    jobId: job.jobId,
    status: job.status,
    attempt: job.attempt,
    revision: job.reviewRevision,
    updatedAt: job.review?.updatedAt ?? null,
    documentType: reviewed.documentType,
    supplierKey: reviewed.supplierKey,
    lines: reviewed.lines,
    stockChanges,
    applyBlockers,
  };
}
