import { ExactDecimal, formatDecimal } from './decimal';

/** The pack size of a line that names none: one invoice unit is one inventory unit. */
export const UNIT_PACK_SIZE = '1';

/**
 * The inventory units an invoice quantity stands for: quantity x packSize, exactly (a case of 12 bought
 * 2.5 times is 30 units). Both are decimal strings; so is the answer.
 */
export function stockQuantityOf(quantity: string, packSize: string = UNIT_PACK_SIZE): string {
  return formatDecimal(new ExactDecimal(quantity).times(packSize));
}
