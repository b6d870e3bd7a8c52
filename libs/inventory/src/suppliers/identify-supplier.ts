import type { SupplierDirectory, SupplierName } from '../ports/supplier-directory.port';
import { supplierKeyOf } from '../supplier-key';
import { identitiesOf, type InvoiceSupplier } from './supplier-identity';

export interface SupplierIdentification {
  /** What SKU mappings and duplicate claims key on; null when the invoice names no supplier at all. */
  supplierKey: string | null;
  /** The invoice's identities, strongest first. */
  identities: string[];
  /** Those the directory does not know yet: registering links them to supplierKey. */
  unknown: string[];
  /** The name as the invoice shows it after review (spacing collapsed): registering remembers it for display. */
  displayName: string | null;
}

/** The longest display name: a supplier name of the contracts. */
const MAX_DISPLAY_NAME_LENGTH = 512;

/** A printed name on one line, without surrounding spaces; null when nothing is left. */
export function displayNameOf(name: string | null | undefined): string | null {
  const shown = (name ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_DISPLAY_NAME_LENGTH).trim();
  return shown === '' ? null : shown;
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
    displayName: displayNameOf(supplier.name),
  };
}

/**
 * Links the invoice's unknown identities to its supplier, so the next invoice naming any of them finds it,
 * and remembers the name it was seen under at seenAt, which screens show instead of the folded key.
 */
export async function registerSupplier(
  directory: Pick<SupplierDirectory, 'linkNew' | 'nameSupplier'>,
  identification: SupplierIdentification,
  seenAt: string,
): Promise<void> {
  await linkUnknownIdentities(directory, identification);
  const name = supplierNameOf(identification, seenAt);
  if (name !== null) await directory.nameSupplier(name);
}

/** Links the invoice's identities the directory does not know yet to its supplier (registerSupplier's first half). */
export async function linkUnknownIdentities(directory: Pick<SupplierDirectory, 'linkNew'>, identification: SupplierIdentification): Promise<void> {
  const { supplierKey, unknown } = identification;
  if (supplierKey !== null && unknown.length > 0) await directory.linkNew(unknown.map((identity) => ({ identity, supplierKey })));
}

/** The name to remember for the supplier, seen at seenAt (registerSupplier's second half); null when there is none. */
export function supplierNameOf(identification: SupplierIdentification, seenAt: string): SupplierName | null {
  const { supplierKey, displayName } = identification;
  return supplierKey === null || displayName === null ? null : { supplierKey, displayName, seenAt };
}
