import type { DuplicateOf, JobReview } from '@invoice/contracts';
import { invoiceClaimsOf } from '../invoice-claims';
import { assessApply } from '../apply-plan';
import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';
import { stockLinesOf } from '../review/reviewed-lines';
import { flagNewSkus } from '../review/unknown-skus';
import type { InventoryPorts } from './deps';
import { reconcileJob } from './reconcile-job';
import { reviewedInvoice, type ReviewedInvoice } from './reviewed-invoice';

export type ReviewPorts = Pick<InventoryPorts, 'jobs' | 'blobs' | 'runner' | 'clock' | 'parseRetry' | 'skuMappings' | 'suppliers' | 'ledger' | 'items'>;

/** The review of a job's latest successful parse: effective lines, and what apply would do (or did). */
export async function getReview(deps: ReviewPorts, jobId: string): Promise<JobReview> {
  const job = await reconcileJob(deps, jobId);
  if (job.status !== 'PARSED' && job.status !== 'APPLIED' && job.status !== 'REVERSED') {
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
 * must not make the screen claim a different stock change than the one that happened. A job not applied
 * (PARSED, REVERSED) names an applied job holding the same document or invoice number, the duplicate that
 * apply would refuse.
 */
export async function toJobReview(deps: Pick<InventoryPorts, 'ledger' | 'items'>, job: JobRecord, reviewed: ReviewedInvoice): Promise<JobReview> {
  let { deltas: stockChanges, blockers: applyBlockers } = assessApply(stockLinesOf(reviewed.lines), reviewed.documentType);
  if (job.status === 'APPLIED') {
    const ledger = await deps.ledger.getLedgerRecord(job.jobId);
    if (!ledger) throw new Error(`Job ${job.jobId} is APPLIED but has no ledger record`);
    stockChanges = ledger.deltas;
    applyBlockers = [];
  }
  const duplicateOf = job.status === 'APPLIED' ? null : await duplicateOfJob(deps, job.jobId, reviewed);
  return {
    jobId: job.jobId,
    status: job.status,
    attempt: job.attempt,
    revision: job.reviewRevision,
    updatedAt: job.review?.updatedAt ?? null,
    reviewedBy: job.review?.savedBy ?? null,
    documentType: reviewed.documentType,
    supplierKey: reviewed.supplierKey,
    header: reviewed.header,
    lines: await flagNewSkus(deps.items, reviewed.lines),
    checks: reviewed.checks,
    stockChanges,
    applyBlockers,
    duplicateOf,
  };
}

async function duplicateOfJob(deps: Pick<InventoryPorts, 'ledger'>, jobId: string, reviewed: ReviewedInvoice): Promise<DuplicateOf | null> {
  const claims = invoiceClaimsOf(reviewed.result, reviewed.header, reviewed.supplierKey);
  const holders = (await deps.ledger.findClaimHolders(claims.map((claim) => claim.key))).filter((holder) => holder.jobId !== jobId);
  // The same document is the stronger evidence, so it is named first.
  const holder = claims.map((claim) => holders.find((candidate) => candidate.key === claim.key)).find((found) => found !== undefined);
  return holder ? { jobId: holder.jobId, reason: holder.reason } : null;
}
