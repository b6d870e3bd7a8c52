import type { MergeSuppliersResponse } from '@invoice/contracts';
import type { InventoryPorts } from './deps';
import { mergeSuppliers } from './merge-suppliers';
import { recordAudit, type AuditContext } from './record-audit';

/**
 * mergeSuppliers, recorded as `supplier.merge` with the two suppliers and how many identities and mappings
 * moved. A repeat of a merge already done moves nothing and is not recorded, as a repeated apply is not.
 */
export async function mergeSuppliersAndRecord(
  deps: Parameters<typeof mergeSuppliers>[0] & Pick<InventoryPorts, 'audit' | 'clock' | 'newId'>,
  from: string,
  into: string,
  context: AuditContext,
): Promise<MergeSuppliersResponse> {
  const merged = await mergeSuppliers(deps, from, into);
  if (merged.moved.identities + merged.moved.mappings > 0) {
    await recordAudit(deps, context, { action: 'supplier.merge', jobId: null, change: { from, into: merged.supplierKey, moved: merged.moved } });
  }
  return merged;
}
