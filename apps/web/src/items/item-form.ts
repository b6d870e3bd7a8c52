import { isValidGtin } from '@invoice/inventory';
/** What the operator typed into the item form, untrimmed. */
export interface ItemDraft {
  sku: string;
  name: string;
  unit: string;
  gtin: string;
}

export type ItemField = keyof ItemDraft;
export type ItemProblems = Partial<Record<ItemField, string>>;

/** The checked, trimmed values; gtin null when the item has none. */
export interface ItemValues {
  sku: string;
  name: string;
  unit: string;
  gtin: string | null;
}

/** The contracts' Sku: 1 to 128 characters. */
const MAX_SKU_LENGTH = 128;
/** The contracts' ItemName and UnitOfMeasure. */
const MAX_NAME_LENGTH = 512;
const MAX_UNIT_LENGTH = 32;
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

export const EMPTY_ITEM_DRAFT: ItemDraft = { sku: '', name: '', unit: '', gtin: '' };

/**
 * A GTIN (EAN-8, UPC-A, EAN-13 or GTIN-14) whose last digit is its check digit: a typed GTIN that fails it
 * has a typo, and would never match a scanned or printed one.
 */
export function gtinProblem(gtin: string): string | null {
  if (!/^[0-9]+$/.test(gtin)) return 'A GTIN has digits only.';
  if (!GTIN_LENGTHS.has(gtin.length)) return 'A GTIN has 8, 12, 13 or 14 digits.';
  // The check itself is the domain's, so the form refuses exactly what the API refuses.
  return isValidGtin(gtin) ? null : 'This GTIN’s check digit does not match: look for a typo.';
}

/**
 * The item to send, or what is wrong with each field. Surrounding spaces are dropped (they never belong to
 * a code); an empty GTIN means the item has none. In an edit the SKU is the record's key and is not checked.
 */
export function checkItemDraft(
  draft: ItemDraft,
  mode: 'create' | 'edit',
): { ok: true; value: ItemValues } | { ok: false; problems: ItemProblems } {
  const sku = draft.sku.trim();
  const name = draft.name.trim();
  const unit = draft.unit.trim();
  const gtin = draft.gtin.replace(/\s+/g, '');
  const problems: ItemProblems = {};
  if (mode === 'create') {
    if (sku === '') problems.sku = 'Enter the SKU.';
    else if (sku.length > MAX_SKU_LENGTH) problems.sku = `A SKU has at most ${MAX_SKU_LENGTH} characters.`;
  }
  if (name === '') problems.name = 'Enter a name.';
  else if (name.length > MAX_NAME_LENGTH) problems.name = `A name has at most ${MAX_NAME_LENGTH} characters.`;
  if (unit === '') problems.unit = 'Enter the unit stock is counted in, such as pcs or kg.';
  else if (unit.length > MAX_UNIT_LENGTH) problems.unit = `A unit has at most ${MAX_UNIT_LENGTH} characters.`;
  const gtinWrong = gtin === '' ? null : gtinProblem(gtin);
  if (gtinWrong) problems.gtin = gtinWrong;
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { sku, name, unit, gtin: gtin === '' ? null : gtin } };
}
