import type { SupplierMappings } from '@invoice/contracts';
import { supplierKeyOf } from '@invoice/inventory';

type NamedSupplier = Pick<SupplierMappings, 'supplierKey' | 'displayName'>;

/** What a supplier is called on screen: the latest name it was seen under on an invoice, else its key. */
export function supplierLabel(supplier: NamedSupplier): string {
  return supplier.displayName ?? supplier.supplierKey;
}

/**
 * The key beside a name that does not fold to it, or null when it does: a supplier known by its VAT ID keeps
 * the key of the name it was first seen under, and merging two needs to tell them apart by key.
 */
export function keyAside(supplier: NamedSupplier): string | null {
  if (supplier.displayName === null || supplierKeyOf(supplier.displayName) === supplier.supplierKey) return null;
  return supplier.supplierKey;
}

/** The supplier's label with its key when the name does not show it, as a list of suppliers offers them. */
export function supplierOptionLabel(supplier: NamedSupplier): string {
  const aside = keyAside(supplier);
  return aside === null ? supplierLabel(supplier) : `${supplierLabel(supplier)} (filed as ${aside})`;
}

/** The listed supplier with this key, else one without a name (not listed, or the API lists none). */
export function namedSupplier(suppliers: readonly SupplierMappings[] | 'typed' | null, supplierKey: string): NamedSupplier {
  const listed = Array.isArray(suppliers) ? suppliers.find((supplier) => supplier.supplierKey === supplierKey) : undefined;
  return listed ?? { supplierKey, displayName: null };
}
