import type { ReviewedLine } from '@invoice/contracts';
import { DomainError } from '../errors';
import { movesStock } from '../line-kind';
import type { ItemCatalogue } from '../ports/item-catalogue.port';
import { stockLinesOf, type LineUnderReview } from './reviewed-lines';

export interface UnknownSkuLine {
  lineIndex: number;
  sku: string;
}

/**
 * The lines that would move stock of a SKU the catalogue does not know: items, not deleted, not marked as
 * not stock, with a SKU. A line without a SKU is APPLY_MISSING_SKU's business, not this rule's.
 */
export async function unknownSkuLines(items: Pick<ItemCatalogue, 'findMissing'>, lines: readonly LineUnderReview[]): Promise<UnknownSkuLine[]> {
  const candidates = stockLinesOf(lines).filter((line): line is LineUnderReview & { sku: string } => movesStock(line) && line.sku !== null);
  if (candidates.length === 0) return [];
  const missing = new Set(await items.findMissing([...new Set(candidates.map((line) => line.sku))]));
  return candidates.filter((line) => missing.has(line.sku)).map((line) => ({ lineIndex: line.index, sku: line.sku }));
}

/**
 * Refuses an apply that would create stock of a SKU outside the catalogue, so that a typo cannot: the
 * operator creates the item or corrects the line to an existing SKU first. Checked before the transaction;
 * items are never deleted, so a SKU found here is still there when the apply commits.
 */
export async function assertKnownSkus(items: Pick<ItemCatalogue, 'findMissing'>, lines: readonly LineUnderReview[]): Promise<void> {
  const unknown = await unknownSkuLines(items, lines);
  if (unknown.length === 0) return;
  const named = [...new Set(unknown.map((line) => line.sku))].join(', ');
  throw new DomainError('UNKNOWN_SKU', `These SKUs are not in the item catalogue: ${named}. Create the items or correct the lines before applying.`, {
    lines: unknown,
  });
}

/** The lines with newSku set: true where unknownSkuLines names the line. */
export async function flagNewSkus(items: Pick<ItemCatalogue, 'findMissing'>, lines: readonly LineUnderReview[]): Promise<ReviewedLine[]> {
  const unknown = new Set((await unknownSkuLines(items, lines)).map((line) => line.lineIndex));
  return lines.map((line) => ({ ...line, newSku: unknown.has(line.index) }));
}
