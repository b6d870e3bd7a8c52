import type { LineKind } from '@invoice/contracts';

/**
 * Only items are goods. Charges (shipping, fees, discounts) are money without stock, and a group is a
 * printed subtotal of its detail lines: counting it would add its goods a second time.
 */
export function movesStock(line: { kind: LineKind }): boolean {
  return line.kind === 'item';
}
