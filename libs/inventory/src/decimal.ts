import Decimal from 'decimal.js';

/**
 * decimal.js rounds to 20 significant digits by default, which a long quantity string (up to 40 characters
 * in the contracts) could exceed; this clone keeps every digit that the contracts can carry.
 */
export const ExactDecimal = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_EVEN });
export type ExactDecimal = InstanceType<typeof ExactDecimal>;

/** Adds two decimal strings exactly. */
export function addDecimals(a: string, b: string): string {
  return formatDecimal(new ExactDecimal(a).plus(b));
}

/** A plain decimal string (no exponent, no negative zero), as the contracts' Decimal pattern requires. */
export function formatDecimal(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}
