import type { ApplyResult, AuditEntry, LedgerRecord, StockDelta } from '@invoice/contracts';
import { assessApply, planApply } from '../apply-plan';
import { DomainError, isDomainError } from '../errors';
import { nextVersion, toPublicJob, type SkuPair } from '../job-record';
import { assertTransition } from '../job-status';
import { MAX_CONFLICT_RETRIES, type InventoryPorts } from './deps';
import { getJobOrThrow } from './get-job';
import { telemetryOf } from '../ports/telemetry.port';
import { reconcileJob } from './reconcile-job';
import { mappingsUsed, reviewedInvoice } from './reviewed-invoice';
import { stockLinesOf } from '../review/reviewed-lines';
import { assertCurrentRevision } from '../review/current-revision';
import { assertConfirmedStockChanges } from '../review/confirmed-stock-changes';
import { assertSecondApprover } from '../review/second-approver';
import { invoiceClaimsOf } from '../invoice-claims';
import { linkUnknownIdentities, supplierNameOf, type SupplierIdentification } from '../suppliers/identify-supplier';
import { assertKnownSkus } from '../review/unknown-skus';

export interface ApplyOptions {
  /** The review revision the operator confirmed; when given, any other current revision is REVIEW_CONFLICT. */
  reviewRevision?: number;
  /** The stock changes the operator confirmed; when given, an apply that would move other stock is REVIEW_CONFLICT. */
  expectedStockChanges?: readonly StockDelta[];
  /** Apply even when an applied job holds the same document or supplier invoice number; recorded on the ledger record. */
  allowDuplicate?: boolean;
  /**
   * Four eyes: when given, the user applying (null without accounts), who may not be the one who saved the
   * revision being applied (SECOND_APPROVER_REQUIRED). Left out when REQUIRE_SECOND_APPROVER is off.
   */
  secondApprover?: { appliedBy: string | null };
  /**
   * The audit entries of this apply, given the ledger record it is about to write: committed in the ledger's
   * own transaction (ApplyCommand.audit), so a crash cannot keep the apply and lose its entry. Called once per
   * round, so a round retried after a concurrent update writes entries with fresh ids.
   */
  auditOf?: (ledger: LedgerRecord) => readonly AuditEntry[];
}

/**
 * Moves stock by the item lines as reviewed (corrections, then remembered SKU mappings, then the parse;
 * lines marked not stock left out), at most once per job however often and however concurrently it is
 * called: the ledger record keyed by jobId is written in the same transaction as the deltas and the job's
 * APPLIED status, so a repeat finds the record and answers ALREADY_APPLIED with it. The record names the
 * review revision applied; a review saved meanwhile moves the job's version and makes this round retry.
 * With options, it applies only the revision and the stock changes the operator confirmed.
 *
 * The invoice's claims (its document, its supplier and number) are taken in the same transaction, so of two
 * duplicate jobs applied at once one is APPLIED and the other DUPLICATE_INVOICE. A REVERSED job applies
 * again as the next apply sequence, with its own ledger record.
 */
export async function applyInvoice(
  deps: Pick<InventoryPorts, 'jobs' | 'ledger' | 'blobs' | 'runner' | 'clock' | 'parseRetry' | 'skuMappings' | 'suppliers' | 'items' | 'telemetry'>,
  jobId: string,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  for (let round = 0; round < MAX_CONFLICT_RETRIES; round += 1) {
    // Reconciled first: a parse that finished since the last poll makes the job PARSED, not "still QUEUED".
    const job = await reconcileJob(deps, jobId);
    if (job.status === 'APPLIED') {
      const ledger = await deps.ledger.getLedgerRecord(jobId);
      if (!ledger) throw new Error(`Job ${jobId} is APPLIED but has no ledger record`);
      return { outcome: 'ALREADY_APPLIED', ledger, job: toPublicJob(job) };
    }
    // A repeat answers ALREADY_APPLIED above whatever revision it names: the operator's intent was done once.
    assertTransition(job.status, 'APPLIED', jobId);
    if (options.reviewRevision !== undefined) assertCurrentRevision(job, options.reviewRevision);
    if (options.secondApprover) assertSecondApprover(job, options.secondApprover.appliedBy);

    const previous = await deps.ledger.getLedgerRecord(jobId);
    const reviewed = await reviewedInvoice(deps, job);
    const stockLines = stockLinesOf(reviewed.lines);
    if (options.expectedStockChanges !== undefined) {
      // Compared before the blockers: what changed since the confirmation matters more than why it now fails.
      assertConfirmedStockChanges(job, assessApply(stockLines, reviewed.documentType).deltas, options.expectedStockChanges);
    }
    const deltas = planApply(stockLines, reviewed.documentType);
    await assertKnownSkus(deps.items, stockLines);
    // reviewed.supplierKey, which the claims below key on, was resolved by reading the directory only; the
    // invoice's unknown identities are linked to it after the transaction (see rememberSupplier), its name is
    // remembered in the transaction (ApplyCommand.supplierName).
    const now = deps.clock.now();
    const supplierName = supplierNameOf(reviewed.supplier, now.toISOString());

    const appliedMappings = mappingsUsed(reviewed.lines, reviewed.mappings);
    const review = { corrections: [], updatedAt: null, ...job.review, appliedMappings };
    const applied = nextVersion(job, { status: 'APPLIED', appliedAt: now.toISOString(), review }, now);
    const applySequence = previous ? (previous.applySequence ?? 1) + 1 : 1;
    try {
      const ledger: LedgerRecord = {
        jobId,
        attempt: job.attempt,
        reviewRevision: job.reviewRevision,
        appliedAt: now.toISOString(),
        deltas,
        applySequence,
        ...(options.allowDuplicate ? { allowDuplicate: true as const } : {}),
      };
      const outcome = await deps.ledger.applyOnce({
        ledger,
        ...(options.auditOf ? { audit: options.auditOf(ledger) } : {}),
        ...(supplierName ? { supplierName } : {}),
        job: applied,
        expectedJobVersion: job.version,
        claims: options.allowDuplicate ? [] : invoiceClaimsOf(reviewed.result, reviewed.header, reviewed.supplierKey),
      });
      if (outcome.outcome === 'APPLIED') {
        reportApplied(deps, stockLines.length, outcome.ledger.deltas.length);
        await rememberSupplier(deps, reviewed.supplier);
        await markMappingsUsed(deps, reviewed.supplierKey, appliedMappings, now);
        return { outcome: 'APPLIED', ledger: outcome.ledger, job: toPublicJob(applied) };
      }
      return { outcome: 'ALREADY_APPLIED', ledger: outcome.ledger, job: toPublicJob(await getJobOrThrow(deps.jobs, jobId)) };
    } catch (error) {
      // The duplicate check is the claims' transaction: its refusal is decided here, once per refused apply.
      if (isDomainError(error, 'DUPLICATE_INVOICE')) telemetryOf(deps).count('duplicateRefusals', {});
      if (!isDomainError(error, 'JOB_CONCURRENT_UPDATE')) throw error;
    }
  }
  throw new DomainError('JOB_CONCURRENT_UPDATE', `Job ${jobId} kept changing while applying; retry.`, { jobId });
}

function reportApplied(deps: Pick<InventoryPorts, 'telemetry'>, lines: number, skus: number): void {
  const telemetry = telemetryOf(deps);
  telemetry.count('applies', {});
  telemetry.count('appliedLines', {}, lines);
  telemetry.count('appliedSkus', {}, skus);
}

/**
 * Links the invoice's VAT ID, IBAN and name to its supplier, so its next invoices share its mappings: only
 * once the apply committed, so an apply that loses a race or is refused leaves nothing of itself in the
 * directory (the name it was seen under went in with the apply). This is idempotent memory, so after is the
 * safe order: a crash in between loses only what the next save or apply of the supplier writes again. A store
 * that does not answer here does not fail the apply either (the stock has moved); anything else is raised.
 */
async function rememberSupplier(deps: Pick<InventoryPorts, 'suppliers'>, supplier: SupplierIdentification): Promise<void> {
  try {
    await linkUnknownIdentities(deps.suppliers, supplier);
  } catch (error) {
    if (!isDomainError(error, 'STORAGE_UNAVAILABLE')) throw error;
  }
}

/**
 * Records when the supplier's mappings were last used, after the apply's transaction rather than inside it:
 * lastUsedAt only informs the Mappings screen and never decides what stock moves (the job froze the mappings
 * it applied), so a crash in between costs nothing but an older date. A store that does not answer here
 * does not fail the apply either: the stock has moved, and an error would invite a retry of something done
 * once. Anything else is a fault and is raised.
 */
async function markMappingsUsed(
  deps: Pick<InventoryPorts, 'skuMappings'>,
  supplierKey: string | null,
  used: readonly SkuPair[],
  at: Date,
): Promise<void> {
  if (supplierKey === null || used.length === 0) return;
  try {
    await deps.skuMappings.markUsed(
      used.map((pair) => ({ supplierKey, supplierSku: pair.supplierSku })),
      at.toISOString(),
    );
  } catch (error) {
    // Dropped, as said above; the next apply that uses these mappings records the date again.
    if (!isDomainError(error, 'STORAGE_UNAVAILABLE')) throw error;
  }
}
