import type { HeaderCorrection, HeaderField, HeaderValues, ParseResult, ReviewedHeader } from '@invoice/contracts';
import { ExactDecimal } from '../decimal';

const MONEY_FIELDS: ReadonlySet<HeaderField> = new Set(['subtotal', 'tax', 'total']);

/** The header as the parser read it. */
export function parsedHeaderOf(result: Pick<ParseResult, 'invoice'>): HeaderValues {
  const { invoice } = result;
  return {
    supplierName: invoice.supplier.name,
    invoiceNumber: invoice.number,
    date: invoice.date,
    currency: invoice.currency,
    subtotal: invoice.totals.subtotal,
    tax: invoice.totals.tax,
    total: invoice.totals.total,
  };
}

/**
 * The one rule of a header correction, shared by the review and the job's summary: a field the correction
 * names (null included) replaces the parsed value; a field it leaves out keeps it.
 */
export function corrected<T>(value: T | undefined, parsed: T): T {
  return value === undefined ? parsed : value;
}

/**
 * The header with the operator's corrections (see `corrected`); `changed` lists the fields that differ from
 * what the parser read.
 */
export function reviewHeader(parsed: HeaderValues, correction: HeaderCorrection | undefined): ReviewedHeader {
  const effective: HeaderValues = { ...parsed };
  const changed: HeaderField[] = [];
  for (const field of Object.keys(parsed) as HeaderField[]) {
    const value = correction?.[field];
    effective[field] = corrected(value, parsed[field]) as never;
    if (value !== undefined && !sameValue(field, parsed[field], value)) changed.push(field);
  }
  return { ...effective, parsed, changed };
}

/**
 * The reviewed header of a parse, with the supplier's VAT ID and IBAN as parsed (they are not correctable;
 * shown only when read, so that the directory's choice of supplier can be explained).
 */
export function reviewedHeaderOf(result: Pick<ParseResult, 'invoice'>, correction: HeaderCorrection | undefined): ReviewedHeader {
  const { vatId, iban } = result.invoice.supplier;
  return {
    ...reviewHeader(parsedHeaderOf(result), correction),
    ...(vatId ? { supplierVatId: vatId } : {}),
    ...(iban ? { supplierIban: iban } : {}),
  };
}

function sameValue(field: HeaderField, a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return MONEY_FIELDS.has(field) ? new ExactDecimal(a).equals(b) : a === b;
}
