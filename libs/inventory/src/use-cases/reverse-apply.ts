import type { ReverseResult } from '@invoice/contracts';
import { ExactDecimal, formatDecimal } from '../decimal';
import { DomainError, isDomainError } from '../errors';
import { nextVersion, toPublicJob, type StoredReview } from '../job-record';
import { assertTransition } from '../job-status';
import { MAX_CONFLICT_RETRIES, type InventoryPorts } from './deps';
import { getJobOrThrow } from './get-job';
import { telemetryOf } from '../ports/telemetry.port';

export interface ReverseOptions {
  /** Allow the reversal to take stock below zero; otherwise such a reversal is INSUFFICIENT_STOCK. */
  allowNegativeStock?: boolean;
}

/**
 * Undoes the job's latest apply with a compensating ledger entry (never a delete): exactly the apply's
 * recorded deltas negated, so SKU mappings and corrections of that apply are reversed as they were applied.
 * The entry, the stock changes, the release of the invoice's duplicate claims and the job's REVERSED status
 * are one transaction keyed by jobId and apply sequence, so however often and however concurrently it is
 * called, the stock moves back once and the repeats answer ALREADY_REVERSED with the entry.
 * The job keeps its corrections but forgets the mappings frozen at apply: it is reviewed again with today's.
 */
export async function reverseApply(
  deps: Pick<InventoryPorts, 'jobs' | 'ledger' | 'clock' | 'telemetry'>,
  jobId: string,
  options: ReverseOptions = {},
): Promise<ReverseResult> {
  for (let round = 0; round < MAX_CONFLICT_RETRIES; round += 1) {
    const job = await getJobOrThrow(deps.jobs, jobId);
    const applied = await deps.ledger.getLedgerRecord(jobId);
    const applySequence = applied?.applySequence ?? 1;
    if (job.status === 'REVERSED') {
      const reversal = await deps.ledger.getReversal(jobId, applySequence);
      if (!reversal) throw new Error(`Job ${jobId} is REVERSED but apply ${applySequence} has no reversal entry`);
      return { outcome: 'ALREADY_REVERSED', reversal, job: toPublicJob(job) };
    }
    assertTransition(job.status, 'REVERSED', jobId);
    if (!applied) throw new Error(`Job ${jobId} is APPLIED but has no ledger record`);

    const now = deps.clock.now();
    const reversal = {
      jobId,
      applySequence,
      reversedAt: now.toISOString(),
      deltas: applied.deltas.map((delta) => ({
        sku: delta.sku,
        quantity: formatDecimal(new ExactDecimal(delta.quantity).negated()),
      })),
      allowNegativeStock: options.allowNegativeStock === true,
    };
    const review: StoredReview | null = job.review ? { corrections: job.review.corrections, updatedAt: job.review.updatedAt } : null;
    const reversed = nextVersion(job, { status: 'REVERSED', review }, now);
    try {
      const outcome = await deps.ledger.reverseOnce({
        reversal,
        job: reversed,
        expectedJobVersion: job.version,
      });
      if (outcome.outcome === 'REVERSED') {
        telemetryOf(deps).count('reversals', {});
        return {
          outcome: 'REVERSED',
          reversal: outcome.reversal,
          job: toPublicJob(reversed),
        };
      }
      return {
        outcome: 'ALREADY_REVERSED',
        reversal: outcome.reversal,
        job: toPublicJob(await getJobOrThrow(deps.jobs, jobId)),
      };
    } catch (error) {
      if (!isDomainError(error, 'JOB_CONCURRENT_UPDATE')) throw error;
    }
  }
  throw new DomainError('JOB_CONCURRENT_UPDATE', `Job ${jobId} kept changing while reversing; retry.`, { jobId });
}

/** The refusal of a reversal that would take stock below zero, naming each SKU with its stock and change. */
export function insufficientStock(jobId: string, skus: readonly { sku: string; quantity: string; delta: string }[], cause?: unknown): DomainError {
  return new DomainError(
    'INSUFFICIENT_STOCK',
    `Reversing job ${jobId} would take ${skus.map((item) => item.sku).join(', ')} below zero; reverse with allowNegativeStock to allow it.`,
    { jobId, skus },
    { cause },
  );
}
