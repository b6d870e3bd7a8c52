import type { ReviewedLine } from '@invoice/contracts';
import { isDecimalText } from '../shared/decimal-text';
import { multiplyDecimal, parseDecimal, plainDecimal } from './decimal-math';

/** The saved pack size: the correction's, else the mapping's, else "1". */
export function savedPackSize(line: ReviewedLine): string {
  return line.packSize;
}

/** The line moves stock of a SKU the item catalogue does not know yet. */
export function isNewSku(line: ReviewedLine): boolean {
  return line.newSku;
}

/** What an apply moves for the line as saved: the server's stock quantity (quantity x pack size). */
export function savedStockQuantity(line: ReviewedLine): string | null {
  return line.stockQuantity;
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
