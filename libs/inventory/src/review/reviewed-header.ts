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
 * The header with the operator's corrections: a field the correction names (null included) replaces the
 * parsed value; `changed` lists those that differ from it.
 */
export function reviewHeader(parsed: HeaderValues, correction: HeaderCorrection | undefined): ReviewedHeader {
  const effective: HeaderValues = { ...parsed };
  const changed: HeaderField[] = [];
  for (const field of Object.keys(parsed) as HeaderField[]) {
    const value = correction?.[field];
    if (value === undefined) continue;
    effective[field] = value as never;
    if (!sameValue(field, parsed[field], value)) changed.push(field);
  }
  return { ...effective, parsed, changed };
}

function sameValue(field: HeaderField, a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return MONEY_FIELDS.has(field) ? new ExactDecimal(a).equals(b) : a === b;
}
