import type { ReviewedHeader, SupplierIdentity } from '@invoice/contracts';
import { supplierKeyOf } from '../supplier-key';

export type IdentityKind = 'vat' | 'iban' | 'name';

/** The priority in which identities name a supplier: the tax number is the strongest evidence. */
export const IDENTITY_KINDS: readonly IdentityKind[] = ['vat', 'iban', 'name'];

/** The longest identity: the kind prefix and a supplier key (512) or an IBAN (34). */
export const MAX_IDENTITY_LENGTH = 5 + 512;

/**
 * A VAT ID as compared: uppercase, spaces and punctuation gone; null unless a country prefix and 2–13 more
 * characters remain, digits among them (every EU format has some; a word never is a VAT ID).
 */
export function vatIdKeyOf(vatId: string | null | undefined): string | null {
  if (!vatId) return null;
  const key = vatId.toUpperCase().replace(/[^A-Z0-9+*]/g, '');
  return /^[A-Z]{2}[0-9A-Z+*]{2,13}$/.test(key) && /[0-9]/.test(key.slice(2)) ? key : null;
}

/** An IBAN as compared: uppercase without spaces; null unless the ISO 7064 mod-97 check holds. */
export function ibanKeyOf(iban: string | null | undefined): string | null {
  if (!iban) return null;
  const key = iban.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}$/.test(key)) return null;
  const rearranged = key.slice(4) + key.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? key : null;
}

export function identityOf(kind: IdentityKind, value: string): string {
  return `${kind}:${value}`;
}

/** `vat:DE123` -> { kind: 'vat', value: 'DE123' }. */
export function parseIdentity(identity: string): SupplierIdentity {
  const colon = identity.indexOf(':');
  return { kind: identity.slice(0, colon) as IdentityKind, value: identity.slice(colon + 1) };
}

export interface InvoiceSupplier {
  /** The supplier name as reviewed (the operator's correction, else the parse). */
  name: string | null;
  /** Whether the operator corrected the supplier name. */
  nameCorrected: boolean;
  vatId?: string | null;
  iban?: string | null;
}

/** The supplier a reviewed header names: whether its name was corrected decides whether its VAT ID and IBAN count. */
export function invoiceSupplierOf(header: ReviewedHeader): InvoiceSupplier {
  return {
    name: header.supplierName,
    nameCorrected: header.changed.includes('supplierName'),
    vatId: header.supplierVatId ?? null,
    iban: header.supplierIban ?? null,
  };
}

/**
 * The identities an invoice names its supplier by, strongest first. A corrected supplier name drops the
 * parsed VAT ID and IBAN: the operator corrects the name mostly when the parser took the buyer (or the
 * invoicing platform) for the supplier, and then the VAT ID and IBAN it read are the buyer's, which would
 * file this invoice, its mappings and its duplicate check under the wrong supplier.
 */
export function identitiesOf(supplier: InvoiceSupplier): string[] {
  const identities: string[] = [];
  if (!supplier.nameCorrected) {
    const vat = vatIdKeyOf(supplier.vatId);
    if (vat !== null) identities.push(identityOf('vat', vat));
    const iban = ibanKeyOf(supplier.iban);
    if (iban !== null) identities.push(identityOf('iban', iban));
  }
  const name = supplierKeyOf(supplier.name);
  if (name !== null) identities.push(identityOf('name', name));
  return identities;
}
