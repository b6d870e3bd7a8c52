import type { ReviewedLine } from '@invoice/contracts';
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

/** The stock quantity a typed quantity and pack size would move, exactly; null when either is not a number. */
export function stockQuantityOf(quantity: string, packSize: string): string | null {
  const q = parseDecimal(quantity);
  const p = parseDecimal(packSize.trim() === '' ? '1' : packSize);
  if (!q || !p) return null;
  return plainDecimal(multiplyDecimal(q, p));
}
