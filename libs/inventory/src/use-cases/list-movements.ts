import type { ListMovementsResponse, StockMovement } from '@invoice/contracts';
import { DomainError } from '../errors';
import { reviewedSummary, type JobRecord } from '../job-record';
import type { InventoryPorts } from './deps';

export function skuNotFound(sku: string): DomainError {
  return new DomainError('SKU_NOT_FOUND', `No stock has ever been recorded for SKU ${sku}.`, { sku });
}

/** A SKU's stock now and its history from the ledger, newest first, each movement with the job behind it. */
export async function listMovements(deps: Pick<InventoryPorts, 'ledger' | 'jobs'>, sku: string): Promise<ListMovementsResponse> {
  const item = await deps.ledger.getStock(sku);
  if (!item) throw skuNotFound(sku);
  const movements = await deps.ledger.listMovements(sku);

  const jobIds = [...new Set(movements.map((movement) => movement.jobId))];
  const jobs = new Map<string, JobRecord>();
  for (const job of await Promise.all(jobIds.map((jobId) => deps.jobs.get(jobId)))) {
    if (job) jobs.set(job.jobId, job);
  }

  const items = movements.map((movement): StockMovement => {
    // Jobs are never deleted, and a ledger entry is written in the same transaction as its job's new state.
    const job = jobs.get(movement.jobId);
    if (!job) throw new Error(`Ledger names job ${movement.jobId}, which does not exist`);
    const summary = reviewedSummary(job);
    return {
      jobId: movement.jobId,
      appliedAt: movement.appliedAt,
      delta: movement.quantity,
      reviewRevision: movement.reviewRevision,
      fileName: job.fileName,
      invoiceNumber: summary?.invoiceNumber ?? null,
      supplierName: summary?.supplierName ?? null,
      entry: movement.entry,
      applySequence: movement.applySequence,
    };
  });
  return { sku: item.sku, quantity: item.quantity, items };
}
