/**
 * The review's live arithmetic on decimal strings, exactly (scaled bigints, never floats): a line's
 * quantity x unit price against its total, the sum of the totals against the subtotal, subtotal + tax
 * against the total. Half a cent of difference is rounding of printed figures.
 */
interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^-?(0|[1-9][0-9]*|[0-9]+)(\.[0-9]+)?$/;

function parse(text: string | null | undefined): Scaled | null {
  const trimmed = (text ?? '').trim().replace(',', '.');
  if (!DECIMAL.test(trimmed)) return null;
  const [whole, fraction = ''] = trimmed.replace('-', '').split('.');
  const units = BigInt(`${whole}${fraction}`);
  return { units: trimmed.startsWith('-') ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function add(a: Scaled, b: Scaled): Scaled {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

function format(value: Scaled, places: number): string {
  // Rounded half away from zero to `places`, for display only; the comparison uses the exact value.
  let units = value.units;
  let scale = value.scale;
  if (scale > places) {
    const divisor = 10n ** BigInt(scale - places);
    const half = divisor / 2n;
    units = (units < 0n ? units - half : units + half) / divisor;
    scale = places;
  } else {
    units = rescale(value, places);
    scale = places;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && units !== 0n ? `-${text}` : text;
}

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
  return { pass: (difference < 0n ? -difference : difference) < tolerance, expected: format(expected, places), actual: actualText.trim() };
}

/** quantity x unit price against the line total; null when one of them is missing or not a number. */
export function lineCheck(quantity: string | null, unitPrice: string | null, lineTotal: string | null): ArithmeticCheck | null {
  const q = parse(quantity);
  const p = parse(unitPrice);
  const t = parse(lineTotal);
  if (!q || !p || !t || lineTotal === null) return null;
  return compare({ units: q.units * p.units, scale: q.scale + p.scale }, lineTotal, t);
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
