/**
 * The contracts' decimal string (common.schema.json Decimal, behind Quantity and Money): no exponent, no
 * thousands separators, no leading zeros. The one pattern the SPA checks decimals against.
 */
export const DECIMAL_PATTERN = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export function isDecimalText(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/**
 * Typed text as a decimal is written: a decimal comma read as a point, leading zeros dropped and a bare
 * leading point given its zero ("007,5" -> "7.5", ".5" -> "0.5").
 */
export function normaliseTypedDecimal(typed: string): string {
  return typed
    .trim()
    .replace(',', '.')
    .replace(/^(-?)0+(?=\d)/, '$1')
    .replace(/^(-?)\./, '$10.');
}

/**
 * What the operator typed, as a contract decimal, or why not. Accepts a decimal comma and surrounding
 * spaces, since people type "2,5"; refuses negatives, because a correction states how many arrived.
 */
export function readQuantity(typed: string): { ok: true; value: string } | { ok: false; problem: string } {
  const normalised = normaliseTypedDecimal(typed);
  if (normalised === '') return { ok: false, problem: 'Enter a quantity, or mark the line as not stock.' };
  if (!isDecimalText(normalised)) return { ok: false, problem: `"${typed}" is not a number like 2 or 2.5.` };
  if (normalised.startsWith('-')) return { ok: false, problem: 'A quantity cannot be negative.' };
  return { ok: true, value: normalised };
}

/** "+2", "-1.5": a stock change with its direction spelled out. */
export function signed(quantity: string): string {
  return quantity.startsWith('-') ? quantity.replace('-', '−') : `+${quantity}`;
}

/** The opposite change of a contract decimal, as text ("2" -> "-2", "-1.5" -> "1.5", "0" stays "0"). */
export function negated(quantity: string): string {
  if (quantity.startsWith('-')) return quantity.slice(1);
  return /^0(\.0+)?$/.test(quantity) ? quantity : `-${quantity}`;
}
