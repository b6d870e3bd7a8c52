import type { ReverseResult } from '@invoice/contracts';
import type { InventoryPorts } from './deps';
import { deltasChange, recordAudit, type AuditContext } from './record-audit';
import { reverseApply, type ReverseOptions } from './reverse-apply';

/**
 * reverseApply, recorded in the audit trail: a `reverse` entry with the compensating stock changes, and
 * `override.negative-stock` when the operator allowed stock below zero. A repeat answering ALREADY_REVERSED
 * changed nothing and is not recorded. Written after the reversal's transaction, as applyInvoiceAndRecord says.
 */
export async function reverseApplyAndRecord(
  deps: Parameters<typeof reverseApply>[0] & Pick<InventoryPorts, 'audit' | 'newId'>,
  jobId: string,
  options: ReverseOptions,
  context: AuditContext,
): Promise<ReverseResult> {
  const result = await reverseApply(deps, jobId, options);
  if (result.outcome === 'REVERSED') {
    const { reversal } = result;
    await recordAudit(deps, context, {
      action: 'reverse',
      jobId,
      at: reversal.reversedAt,
      change: { applySequence: reversal.applySequence, allowNegativeStock: reversal.allowNegativeStock === true, ...deltasChange(reversal.deltas) },
    });
    if (reversal.allowNegativeStock) {
      await recordAudit(deps, context, { action: 'override.negative-stock', jobId, at: reversal.reversedAt, change: { applySequence: reversal.applySequence } });
    }
  }
  return result;
}
