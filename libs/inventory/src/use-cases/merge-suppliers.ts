import type { MergeSuppliersResponse } from '@invoice/contracts';
import { DomainError } from '../errors';
import { mergePlanOf, type SupplierState } from '../suppliers/merge-plan';
import { identityOf } from '../suppliers/supplier-identity';
import { supplierKeyOf } from '../supplier-key';
import type { InventoryPorts } from './deps';

type SupplierPorts = Pick<InventoryPorts, 'suppliers' | 'skuMappings'>;

/**
 * Makes two suppliers one: every identity of `from` (its VAT IDs, IBANs, names) points to `into`, and its
 * SKU mappings move there, `into`'s own mapping winning for the same supplier SKU. Repeating a merge that
 * already happened answers the same supplier with nothing moved, so a retried request is harmless.
 */
export async function mergeSuppliers(deps: SupplierPorts, from: string, into: string): Promise<MergeSuppliersResponse> {
  for (const key of [from, into]) if (!isSupplierKey(key)) throw supplierNotFound(key);
  if (from === into) {
    throw new DomainError('SUPPLIER_MERGE_SELF', `Supplier ${from} cannot be merged into itself.`, { supplierKey: from });
  }
  const [fromState, intoState] = await Promise.all([supplierState(deps, from), supplierState(deps, into)]);
  if (isUnknown(intoState)) throw supplierNotFound(into);
  const ownName = identityOf('name', from);
  const nameOwner = (await deps.suppliers.findAll([ownName])).get(ownName);
  if (isUnknown(fromState)) {
    if (nameOwner === into) return { supplierKey: into, moved: { identities: 0, mappings: 0 } };
    throw supplierNotFound(from);
  }
  const plan = mergePlanOf(from, into, fromState, intoState, nameOwner);
  await deps.suppliers.writeMerge(plan);
  return { supplierKey: into, moved: { identities: plan.repoint.length + plan.link.length, mappings: plan.moveMappings.length } };
}

/** A supplier exists while an identity points to it or a mapping is remembered under its key. */
export async function supplierState(deps: SupplierPorts, supplierKey: string): Promise<SupplierState> {
  const [identities, mappings] = await Promise.all([deps.suppliers.listIdentities(supplierKey), deps.skuMappings.listBySupplier(supplierKey)]);
  return { identities, mappings };
}

export function isUnknown(state: SupplierState): boolean {
  return state.identities.length === 0 && state.mappings.length === 0;
}

/**
 * Whether the text can be a supplier key: a name folded as supplierKeyOf folds it. Anything else names no
 * supplier and never reaches a store (whose own entries use keys no folded name can have).
 */
export function isSupplierKey(value: string): boolean {
  return supplierKeyOf(value) === value;
}

export function supplierNotFound(supplierKey: string): DomainError {
  return new DomainError('SUPPLIER_NOT_FOUND', `No supplier has the key ${supplierKey}.`, { supplierKey });
}
