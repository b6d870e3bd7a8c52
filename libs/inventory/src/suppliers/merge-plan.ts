import type { SkuMapping } from '@invoice/contracts';
import type { SupplierMergeWrite } from '../ports/supplier-directory.port';
import { identityOf } from './supplier-identity';

export interface SupplierState {
  identities: readonly string[];
  mappings: readonly SkuMapping[];
}

/**
 * What merging `from` into `into` writes: every identity of `from` points to `into`, and so does from's own
 * name (a supplier never seen with a directory entry is still known by its key); from's mappings move,
 * except those `into` has for the same supplier SKU, which win. `nameOwner` is the supplier from's name
 * identity points to now, if any.
 */
export function mergePlanOf(from: string, into: string, fromState: SupplierState, intoState: SupplierState, nameOwner: string | undefined): SupplierMergeWrite {
  const ownName = identityOf('name', from);
  const intoSkus = new Set(intoState.mappings.map((mapping) => mapping.supplierSku));
  const fromSkus = fromState.mappings.map((mapping) => mapping.supplierSku);
  return {
    from,
    into,
    repoint: [...fromState.identities],
    link: nameOwner === undefined ? [ownName] : [],
    moveMappings: fromSkus.filter((sku) => !intoSkus.has(sku)),
    dropMappings: fromSkus.filter((sku) => intoSkus.has(sku)),
  };
}
