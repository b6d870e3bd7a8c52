import type { ValidationIssue } from '@invoice/contracts';
import { DomainError } from '../errors';
import type { ItemChanges, ItemFields } from '../ports/item-catalogue.port';
import { isValidGtin } from './gtin';

/** The contracts' limits, checked again here because CSV rows reach the domain without a JSON Schema. */
export const ITEM_LIMITS = { sku: 128, name: 512, unit: 32 } as const;

/**
 * Control characters other than tab and line breaks (a name may wrap). They are invisible typos, and a NUL
 * makes the exported catalogue a file the Items screen refuses to import as not text.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface ItemInput {
  sku: string;
  name: string;
  unit: string;
  gtin?: string | null;
}

/**
 * The item as it will be stored: surrounding spaces dropped (as a review drops them from a SKU, so the
 * SKU typed here is the one a corrected line names), an empty GTIN read as none. Returns the problems
 * instead when there are any, each with its field's path below `at`.
 */
export function normaliseItem(input: ItemInput, at = ''): { item: ItemFields; issues: ValidationIssue[] } {
  const item: ItemFields = {
    sku: input.sku.trim(),
    name: input.name.trim(),
    unit: input.unit.trim(),
    gtin: input.gtin === undefined || input.gtin === null || input.gtin.trim() === '' ? null : input.gtin.trim(),
  };
  const issues: ValidationIssue[] = [];
  for (const field of ['sku', 'name', 'unit'] as const) {
    if (item[field] === '') issues.push({ path: `${at}/${field}`, message: 'must not be empty' });
    else if (item[field].length > ITEM_LIMITS[field]) issues.push({ path: `${at}/${field}`, message: `must have at most ${ITEM_LIMITS[field]} characters` });
    else if (CONTROL_CHARACTER.test(item[field])) issues.push({ path: `${at}/${field}`, message: 'must not hold control characters' });
  }
  if (item.gtin !== null && !isValidGtin(item.gtin)) {
    issues.push({ path: `${at}/gtin`, message: 'must be a GTIN of 8, 12, 13 or 14 digits whose last digit is its GS1 check digit' });
  }
  return { item, issues };
}

/** The normalised item, or VALIDATION_FAILED listing its problems. */
export function checkedItem(input: ItemInput): ItemFields {
  const { item, issues } = normaliseItem(input);
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', 'The item is not valid.', { issues });
  return item;
}

/**
 * The normalised changes of an edit, or VALIDATION_FAILED; the SKU comes from the path and is not re-checked,
 * so an item migrated from a stock row whose SKU predates these rules can still be edited.
 */
export function checkedChanges(sku: string, changes: Omit<ItemInput, 'sku'>): ItemChanges {
  const { item, issues } = normaliseItem({ ...changes, sku });
  const own = issues.filter((issue) => issue.path !== '/sku');
  if (own.length > 0) throw new DomainError('VALIDATION_FAILED', 'The item is not valid.', { issues: own });
  const { sku: _sku, ...rest } = item;
  return rest;
}
