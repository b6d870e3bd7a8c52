import type { SupplierDirectory } from '../ports/supplier-directory.port';
import { supplierKeyOf } from '../supplier-key';
import { identitiesOf, type InvoiceSupplier } from './supplier-identity';

export interface SupplierIdentification {
  /** What SKU mappings and duplicate claims key on; null when the invoice names no supplier at all. */
  supplierKey: string | null;
  /** The invoice's identities, strongest first. */
  identities: string[];
  /** Those the directory does not know yet: registering links them to supplierKey. */
  unknown: string[];
}

/**
 * The supplier of the first identity the directory knows, in the order VAT ID, IBAN, name. A supplier seen
 * for the first time is keyed by its normalised name, the key mappings and claims had before the directory
 * existed, so nothing remembered under a name is lost. Reads only.
 */
export async function identifySupplier(directory: Pick<SupplierDirectory, 'findAll'>, supplier: InvoiceSupplier): Promise<SupplierIdentification> {
  const identities = identitiesOf(supplier);
  const known = identities.length === 0 ? new Map<string, string>() : await directory.findAll(identities);
  const first = identities.find((identity) => known.has(identity));
  return {
    supplierKey: first !== undefined ? (known.get(first) ?? null) : supplierKeyOf(supplier.name),
    identities,
    unknown: identities.filter((identity) => !known.has(identity)),
  };
}

/** Links the invoice's unknown identities to its supplier, so the next invoice naming any of them finds it. */
export async function registerSupplier(directory: Pick<SupplierDirectory, 'linkNew'>, identification: SupplierIdentification): Promise<void> {
  const { supplierKey, unknown } = identification;
  if (supplierKey === null || unknown.length === 0) return;
  await directory.linkNew(unknown.map((identity) => ({ identity, supplierKey })));
}
