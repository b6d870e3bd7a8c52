import type { ApplyResult, AuditEntry, LedgerRecord } from '@invoice/contracts';
import { DomainError, isDomainError } from '../errors';
import { applyInvoice, type ApplyOptions } from './apply-invoice';
import type { InventoryPorts } from './deps';
import { auditEntryOf, deltasChange, recordAudit, type AuditContext } from './record-audit';

/** Refusal details above this size are left out of the entry (an unknown-SKU refusal can list thousands). */
const MAX_REFUSAL_DETAILS_BYTES = 16 * 1024;

/** Failures that are not a refusal of this apply: no such job, or a race to retry. */
const NOT_REFUSALS = new Set(['JOB_NOT_FOUND', 'JOB_CONCURRENT_UPDATE']);

/** What the operator confirmed, and whether four eyes are required (REQUIRE_SECOND_APPROVER). */
export interface RecordedApplyOptions extends Omit<ApplyOptions, 'secondApprover' | 'auditOf'> {
  /** The context's user may not apply a revision they saved themselves (SECOND_APPROVER_REQUIRED). */
  requireSecondApprover?: boolean;
}

/**
 * applyInvoice, recorded in the audit trail: an `apply` entry with the ledger's stock changes when stock
 * moved (and `override.duplicate` when the operator allowed a duplicate), or `apply.refused` with the code
 * and details when the apply was refused (a duplicate, an unknown SKU, a stale review, a job not ready).
 * A repeat that answers ALREADY_APPLIED changed nothing and is not recorded.
 *
 * The `apply` entries are written in the apply's own transaction (ApplyCommand.audit): an apply is never
 * committed without its entry, crash or not, and an entry the trail refuses refuses the apply with it. A
 * refusal's entry is written after the refusal, as nothing was committed it could go missing from.
 * With four eyes required, the applying user is the context's actor, the same user the entry names.
 */
export async function applyInvoiceAndRecord(
  deps: Parameters<typeof applyInvoice>[0] & Pick<InventoryPorts, 'audit' | 'newId'>,
  jobId: string,
  recordedOptions: RecordedApplyOptions,
  context: AuditContext,
): Promise<ApplyResult> {
  const { requireSecondApprover, ...options } = recordedOptions;
  const auditOf = (ledger: LedgerRecord): AuditEntry[] => {
    const applySequence = ledger.applySequence ?? 1;
    const entries = [
      auditEntryOf(deps, context, {
        action: 'apply',
        jobId,
        at: ledger.appliedAt,
        change: { applySequence, reviewRevision: ledger.reviewRevision, attempt: ledger.attempt, allowDuplicate: ledger.allowDuplicate === true, ...deltasChange(ledger.deltas) },
      }),
    ];
    if (ledger.allowDuplicate) {
      entries.push(auditEntryOf(deps, context, { action: 'override.duplicate', jobId, at: ledger.appliedAt, change: { applySequence } }));
    }
    return entries;
  };
  try {
    const applyOptions: ApplyOptions = { ...options, auditOf, ...(requireSecondApprover ? { secondApprover: { appliedBy: context.actor.user } } : {}) };
    return await applyInvoice(deps, jobId, applyOptions);
  } catch (error) {
    if (isRefusal(error)) {
      await recordAudit(deps, context, { action: 'apply.refused', jobId, change: refusalChange(error, options) });
    }
    throw error;
  }
}

function isRefusal(error: unknown): error is DomainError {
  return isDomainError(error) && error.httpStatus >= 400 && error.httpStatus < 500 && !NOT_REFUSALS.has(error.code);
}

function refusalChange(error: DomainError, options: ApplyOptions): Record<string, unknown> {
  const details = error.details ?? {};
  const small = new TextEncoder().encode(JSON.stringify(details)).byteLength <= MAX_REFUSAL_DETAILS_BYTES;
  return {
    code: error.code,
    message: error.message,
    ...(small ? { details } : { detailsTruncated: true }),
    ...(options.reviewRevision === undefined ? {} : { reviewRevision: options.reviewRevision }),
    allowDuplicate: options.allowDuplicate === true,
  };
}
