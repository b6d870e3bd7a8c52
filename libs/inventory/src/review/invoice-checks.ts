import type { HeaderValues, ReviewCheck } from '@invoice/contracts';
import { ExactDecimal } from '../decimal';
import type { LineUnderReview } from './reviewed-lines';

/** Differences below half a cent are rounding of the printed figures, not a wrong figure. */
const TOLERANCE = new ExactDecimal('0.005');

/**
 * The arithmetic of the reviewed invoice, on the lines that are not deleted: each line's quantity x unit
 * price against its line total; the sum of the line totals of items and charges (groups repeat their
 * detail lines) against the subtotal; subtotal + tax against the total. A check whose figures are missing
 * is left out rather than failed, since there is nothing to compare.
 */
export function invoiceChecks(
  lines: readonly LineUnderReview[],
  header: Pick<HeaderValues, 'subtotal' | 'tax' | 'total'>,
): ReviewCheck[] {
  const checks: ReviewCheck[] = [];
  const counted = lines.filter((line) => !line.deleted && line.kind !== 'group');
  for (const line of counted) {
    if (line.quantity === null || line.unitPrice === null || line.lineTotal === null) continue;
    const expected = new ExactDecimal(line.quantity).times(line.unitPrice);
    checks.push(check('line', line.index, expected, line.lineTotal));
  }
  const totals = counted.map((line) => line.lineTotal);
  if (header.subtotal !== null && totals.length > 0 && totals.every((total) => total !== null)) {
    const sum = totals.reduce((acc: ExactDecimal, total) => acc.plus(total as string), new ExactDecimal(0));
    checks.push(check('subtotal', null, sum, header.subtotal));
  }
  if (header.subtotal !== null && header.tax !== null && header.total !== null) {
    checks.push(check('total', null, new ExactDecimal(header.subtotal).plus(header.tax), header.total));
  }
  return checks;
}

function check(kind: ReviewCheck['kind'], lineIndex: number | null, expected: ExactDecimal, actual: string): ReviewCheck {
  // Shown to the places the compared figure is printed with (at least cents), so 3 x 0.333 reads 1.00 next to 1.00.
  const places = Math.max(actual.split('.')[1]?.length ?? 0, 2);
  const shown = expected.toDecimalPlaces(places);
  return {
    kind,
    lineIndex,
    pass: expected.minus(actual).abs().lessThan(TOLERANCE),
    expected: (shown.isZero() ? new ExactDecimal(0) : shown).toFixed(places),
    actual,
  };
}
