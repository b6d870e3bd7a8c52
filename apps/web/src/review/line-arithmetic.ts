/**
 * The review's live arithmetic on decimal strings, exactly (scaled bigints, never floats): a line's
 * quantity x unit price against its total, the sum of the totals against the subtotal, subtotal + tax
 * against the total. Half a cent of difference is rounding of printed figures.
 */
import { addDecimal as add, formatDecimal as format, multiplyDecimal, parseDecimal as parse, rescale, type Scaled } from './decimal-math';

export interface ArithmeticCheck {
  pass: boolean;
  expected: string;
  actual: string;
}

function compare(expected: Scaled, actualText: string, actual: Scaled): ArithmeticCheck {
  const scale = Math.max(expected.scale, actual.scale, 3);
  const difference = rescale(expected, scale) - rescale(actual, scale);
  const tolerance = 5n * 10n ** BigInt(scale - 3); // 0.005
  const places = Math.max(actual.scale, 2);
  return {
    pass: (difference < 0n ? -difference : difference) < tolerance,
    expected: format(expected, places),
    actual: actualText.trim(),
  };
}

/** quantity x unit price against the line total; null when one of them is missing or not a number. */
export function lineCheck(quantity: string | null, unitPrice: string | null, lineTotal: string | null): ArithmeticCheck | null {
  const q = parse(quantity);
  const p = parse(unitPrice);
  const t = parse(lineTotal);
  if (!q || !p || !t || lineTotal === null) return null;
  return compare(multiplyDecimal(q, p), lineTotal, t);
}

/** The sum of the line totals against the subtotal; null when a total or the subtotal is missing. */
export function subtotalCheck(lineTotals: readonly (string | null)[], subtotal: string | null): ArithmeticCheck | null {
  const s = parse(subtotal);
  if (!s || subtotal === null || lineTotals.length === 0) return null;
  let sum: Scaled = { units: 0n, scale: 0 };
  for (const total of lineTotals) {
    const parsed = parse(total);
    if (!parsed) return null;
    sum = add(sum, parsed);
  }
  return compare(sum, subtotal, s);
}

/** subtotal + tax against the total; null when one of them is missing. */
export function totalCheck(subtotal: string | null, tax: string | null, total: string | null): ArithmeticCheck | null {
  const s = parse(subtotal);
  const x = parse(tax);
  const t = parse(total);
  if (!s || !x || !t || total === null) return null;
  return compare(add(s, x), total, t);
}
