import type { StockDelta } from '@invoice/contracts';
import { ExactDecimal } from '../decimal';
import { DomainError } from '../errors';
import type { JobRecord } from '../job-record';

/**
 * REVIEW_CONFLICT unless `planned` moves exactly the stock the operator confirmed: the same SKUs by equal
 * quantities, in any order. The revision alone cannot promise that, because a SKU mapping saved for the
 * same supplier (from another invoice) changes the effective SKUs of this one without a new revision.
 */
export function assertConfirmedStockChanges(job: JobRecord, planned: readonly StockDelta[], confirmed: readonly StockDelta[]): void {
  if (sameStockChanges(planned, confirmed)) return;
  throw new DomainError(
    'REVIEW_CONFLICT',
    `Applying job ${job.jobId} now would change stock differently from what was confirmed; reload its review and confirm again.`,
    { jobId: job.jobId, currentRevision: job.reviewRevision, stockChanges: [...planned] },
  );
}

function sameStockChanges(planned: readonly StockDelta[], confirmed: readonly StockDelta[]): boolean {
  if (planned.length !== confirmed.length) return false;
  const bySku = new Map(confirmed.map((delta) => [delta.sku, delta.quantity]));
  // A SKU confirmed twice shrinks the map, so it can never pass as the same changes.
  if (bySku.size !== confirmed.length) return false;
  return planned.every((delta) => {
    const quantity = bySku.get(delta.sku);
    return quantity !== undefined && new ExactDecimal(quantity).equals(delta.quantity);
  });
}
