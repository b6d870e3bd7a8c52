import type { JobReview, ReviewCheck, ReviewedLine } from '@invoice/contracts';
import { ApiError } from '../api/api-error';
import { savedStockQuantity } from './line-extras';

/** One of the review's arithmetic checks in a sentence, as the apply confirmation lists it. */
export function checkWords(check: ReviewCheck): string {
  const verdict = check.pass ? 'agree' : 'differ';
  if (check.kind === 'line') {
    const n = (check.lineIndex ?? 0) + 1;
    return `Line ${n}: quantity × unit price ${check.expected} against line total ${check.actual}: ${verdict}`;
  }
  if (check.kind === 'subtotal') return `Sum of line totals ${check.expected} against subtotal ${check.actual}: ${verdict}`;
  return `Subtotal + tax ${check.expected} against total ${check.actual}: ${verdict}`;
}

export interface ChecksSummary {
  /** Every failed check, in order; these need the operator's explicit confirmation. */
  failed: ReviewCheck[];
  /** The sentence for the checks that agree, grouped so a long invoice does not list forty ticks. */
  passedWords: string | null;
}

export function summariseChecks(checks: readonly ReviewCheck[]): ChecksSummary {
  const failed = checks.filter((check) => !check.pass);
  const passed = checks.filter((check) => check.pass);
  const lines = passed.filter((check) => check.kind === 'line').length;
  const parts = [
    lines > 0 ? `${lines} line check${lines === 1 ? '' : 's'}` : null,
    passed.some((check) => check.kind === 'subtotal') ? 'the subtotal' : null,
    passed.some((check) => check.kind === 'total') ? 'the total' : null,
  ].filter((part): part is string => part !== null);
  return { failed, passedWords: parts.length > 0 ? `Agree: ${parts.join(', ')}.` : null };
}

/** A line that moves stock, with what the invoice says and what the stock gets (quantity × pack size). */
export interface StockLine {
  index: number;
  sku: string;
  invoiceQuantity: string;
  unit: string | null;
  packSize: string;
  stockQuantity: string;
}

export function stockLines(review: Pick<JobReview, 'lines'>): StockLine[] {
  return review.lines
    .filter((line: ReviewedLine) => line.kind === 'item' && !line.deleted && !line.notStock && line.sku !== null && line.quantity !== null)
    .map((line) => ({
      index: line.index,
      sku: line.sku as string,
      invoiceQuantity: line.quantity as string,
      unit: line.unit,
      packSize: line.packSize ?? '1',
      stockQuantity: savedStockQuantity(line) ?? (line.quantity as string),
    }));
}

/** Apply refused for SKUs missing from the catalogue: the lines named, and what to do. null for other errors. */
export function unknownSkuWords(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'UNKNOWN_SKU') return null;
  const listed = Array.isArray(error.details?.lines) ? (error.details.lines as { lineIndex?: unknown; sku?: unknown }[]) : [];
  const named = listed
    .filter((entry) => typeof entry.lineIndex === 'number')
    .map((entry) => `line ${(entry.lineIndex as number) + 1}${typeof entry.sku === 'string' ? ` (${entry.sku})` : ''}`);
  const which = named.length > 0 ? named.join(', ') : 'some lines';
  return `These SKUs are not in the item catalogue: ${which}. Create each item (Create item on the line) or correct its SKU, then apply again.`;
}
