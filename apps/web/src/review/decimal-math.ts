import { isDecimalText, normaliseTypedDecimal } from '../shared/decimal-text';

/**
 * Exact arithmetic on the contracts' decimal strings (scaled bigints, never floats), for the review's checks
 * and for splitting and merging lines. A value is units / 10^scale.
 */
export interface Scaled {
  units: bigint;
  scale: number;
}

/** A typed or stored decimal (a decimal comma and leading zeros are accepted), or null when it is not one. */
export function parseDecimal(text: string | null | undefined): Scaled | null {
  const trimmed = normaliseTypedDecimal(text ?? '');
  if (!isDecimalText(trimmed)) return null;
  const [whole, fraction = ''] = trimmed.replace('-', '').split('.');
  const units = BigInt(`${whole}${fraction}`);
  return {
    units: trimmed.startsWith('-') ? -units : units,
    scale: fraction.length,
  };
}

export function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

export function addDecimal(a: Scaled, b: Scaled): Scaled {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtractDecimal(a: Scaled, b: Scaled): Scaled {
  return addDecimal(a, { units: -b.units, scale: b.scale });
}

export function multiplyDecimal(a: Scaled, b: Scaled): Scaled {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Half of a value, exactly: one more decimal place holds it (3 -> 1.5, 0.5 -> 0.25). */
export function halveDecimal(a: Scaled): Scaled {
  return { units: a.units * 5n, scale: a.scale + 1 };
}

export function compareDecimal(a: Scaled, b: Scaled): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = rescale(a, scale) - rescale(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** Rounded half away from zero to exactly `places` decimals ("1.5" at 2 places is "1.50"). */
export function formatDecimal(value: Scaled, places: number): string {
  let units = value.units;
  if (value.scale > places) {
    const divisor = 10n ** BigInt(value.scale - places);
    const half = divisor / 2n;
    units = (units < 0n ? units - half : units + half) / divisor;
  } else {
    units = rescale(value, places);
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative && units !== 0n ? `-${text}` : text;
}

/** The shortest exact text: trailing zeros of the fraction dropped ("1.50" -> "1.5", "2.0" -> "2"). */
export function plainDecimal(value: Scaled): string {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return formatDecimal({ units, scale }, scale);
}
