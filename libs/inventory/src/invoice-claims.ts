import type { DuplicateReason, ParseResult } from '@invoice/contracts';
import { DomainError } from './errors';
import { supplierKeyOf } from './supplier-key';

/** Longest invoice number kept in a claim key; longer ones are cut (store keys have byte limits). */
const MAX_NUMBER_LENGTH = 200;

/** One thing that makes an invoice unique among applied ones. */
export interface InvoiceClaim {
  /** `DOC#{sha256}` or `INV#{supplierKey}#{number}`, the number folded like the supplier key. */
  key: string;
  reason: DuplicateReason;
}

/**
 * The claims an apply of this parse makes: the document's sha256 always, and the supplier with the invoice
 * number when both were read. Case, spaces and punctuation are folded, so "INV-2024/001" and "inv 2024 001"
 * of "ACME GmbH" and "Acme GmbH." are the same invoice.
 */
export function invoiceClaimsOf(
  result: Pick<ParseResult, 'source' | 'invoice'>,
  reviewed?: { supplierName: string | null; invoiceNumber: string | null },
  identifiedSupplierKey?: string | null,
): InvoiceClaim[] {
  const claims: InvoiceClaim[] = [
    {
      key: `DOC#${result.source.sha256.toLowerCase()}`,
      reason: 'same-document',
    },
  ];
  // The operator's corrected supplier and number, when the review has them, are what identify the invoice;
  // the supplier directory's key (by VAT ID, IBAN or name), when given, names the supplier across spellings.
  const supplierKey =
    identifiedSupplierKey !== undefined ? identifiedSupplierKey : supplierKeyOf(reviewed ? reviewed.supplierName : result.invoice.supplier.name);
  const number = invoiceNumberKeyOf(reviewed ? reviewed.invoiceNumber : result.invoice.number);
  if (supplierKey !== null && number !== null)
    claims.push({
      key: `INV#${supplierKey}#${number}`,
      reason: 'same-invoice-number',
    });
  return claims;
}

/** The invoice number with case, accents, spaces and punctuation folded away; null when nothing is left. */
export function invoiceNumberKeyOf(number: string | null | undefined): string | null {
  if (!number) return null;
  const key = number
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .slice(0, MAX_NUMBER_LENGTH);
  return key === '' ? null : key;
}

/** The refusal of an apply whose claim another applied job holds. */
export function duplicateInvoice(jobId: string, holder: { jobId: string; reason: DuplicateReason }, cause?: unknown): DomainError {
  const what = holder.reason === 'same-document' ? 'the same document' : 'the same supplier and invoice number';
  return new DomainError(
    'DUPLICATE_INVOICE',
    `Job ${holder.jobId} was already applied with ${what}; apply with allowDuplicate to apply job ${jobId} anyway.`,
    { jobId: holder.jobId, reason: holder.reason, duplicateJobId: jobId },
    { cause },
  );
}
