import { isDecimalText, normaliseTypedDecimal } from './decimal-text';

/** A pack size read from a field: a contract decimal above zero, '' when left empty, or the problem in words. */
export type PackSizeRead = { ok: true; value: string } | { ok: false; problem: string };

/**
 * How many inventory units one supplier unit is, as typed into a review line or a mapping. Read as people
 * type decimals ("0,5", "012", ".5"). Empty is not a mistake: both contracts leave the pack size out for the
 * default (a mapping's "1"; a line's mapped pack size, else "1"), so '' comes back for the caller to omit.
 * Zero, negatives and words make no pack.
 */
export function readPackSize(typed: string): PackSizeRead {
  const normalised = normaliseTypedDecimal(typed);
  if (normalised === '') return { ok: true, value: '' };
  if (!isDecimalText(normalised) || normalised.startsWith('-') || /^0(\.0+)?$/.test(normalised)) {
    return { ok: false, problem: `Pack size "${typed.trim()}" is not a number above 0 like 12 or 0.5 (leave it empty for the default).` };
  }
  return { ok: true, value: normalised };
}
