import type { ReviewedLine } from '@invoice/contracts';
import { isDecimalText } from '../shared/decimal-text';
import { multiplyDecimal, parseDecimal, plainDecimal } from './decimal-math';

/**
 * The catalogue fields a reviewed line carries since issue 13 (pack size, the stock quantity it moves, whether
 * its SKU is new to the catalogue), read optionally: a review from an older API leaves them out.
 */
export interface LineExtras {
  packSize?: string | null;
  stockQuantity?: string | null;
  newSku?: boolean;
}

function extras(line: ReviewedLine): LineExtras {
  return line as ReviewedLine & LineExtras;
}

/** The saved pack size, or null when the line uses the default (1, or its mapping's). */
export function savedPackSize(line: ReviewedLine): string | null {
  return extras(line).packSize ?? null;
}

export function isNewSku(line: ReviewedLine): boolean {
  return extras(line).newSku === true;
}

/** What an apply moves for the line as saved: the server's stock quantity, else the invoice quantity. */
export function savedStockQuantity(line: ReviewedLine): string | null {
  return extras(line).stockQuantity ?? line.quantity;
}

/** A typed pack size as a contract decimal above zero, '' for "the default", or the problem in words. */
export function readPackSize(typed: string): { ok: true; value: string } | { ok: false; problem: string } {
  const trimmed = typed.trim().replace(',', '.');
  if (trimmed === '') return { ok: true, value: '' };
  const normalised = trimmed.replace(/^0+(?=\d)/, '');
  const parsed = parseDecimal(normalised);
  if (!isDecimalText(normalised) || !parsed || parsed.units <= 0n) {
    return { ok: false, problem: `Pack size "${typed}" is not a number above 0 like 12 or 0.5 (leave it empty for the default).` };
  }
  return { ok: true, value: normalised };
}

/** The stock quantity a typed quantity and pack size would move, exactly; null when either is not a number. */
export function stockQuantityOf(quantity: string, packSize: string): string | null {
  const q = parseDecimal(quantity);
  const p = parseDecimal(packSize.trim() === '' ? '1' : packSize);
  if (!q || !p) return null;
  return plainDecimal(multiplyDecimal(q, p));
}
