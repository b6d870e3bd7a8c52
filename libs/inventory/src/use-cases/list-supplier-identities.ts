import type { SupplierIdentitiesResponse } from '@invoice/contracts';
import { IDENTITY_KINDS, parseIdentity } from '../suppliers/supplier-identity';
import type { InventoryPorts } from './deps';
import { isSupplierKey, isUnknown, supplierNotFound, supplierState } from './merge-suppliers';
import { compareText } from '../text-compare';

/** What identifies a supplier on an invoice, VAT IDs first; SUPPLIER_NOT_FOUND for a key nothing is filed under. */
export async function listSupplierIdentities(
  deps: Pick<InventoryPorts, 'suppliers' | 'skuMappings'>,
  supplierKey: string,
): Promise<SupplierIdentitiesResponse> {
  if (!isSupplierKey(supplierKey)) throw supplierNotFound(supplierKey);
  const state = await supplierState(deps, supplierKey);
  if (isUnknown(state)) throw supplierNotFound(supplierKey);
  const identities = state.identities.map(parseIdentity);
  identities.sort((a, b) => IDENTITY_KINDS.indexOf(a.kind) - IDENTITY_KINDS.indexOf(b.kind) || compareText(a.value, b.value));
  return { supplierKey, identities };
}
