/** The lengths of a GTIN: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14. */
const GTIN = /^(\d{8}|\d{12,14})$/;

/**
 * True for a GS1 GTIN whose last digit is its check digit: the other digits, from the right, weighted 3, 1,
 * 3, ..., summed, and the check digit brings the sum to a multiple of ten. A mistyped digit (and most swaps
 * of two neighbours) fails it, which a digits-only pattern cannot tell.
 */
export function isValidGtin(value: string): boolean {
  if (!GTIN.test(value)) return false;
  const digits = [...value].map(Number);
  const check = digits.pop() ?? 0;
  const sum = digits.reverse().reduce((total, digit, position) => total + digit * (position % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
