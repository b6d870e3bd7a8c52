import type { DocumentType, InvoiceLine, StockDelta } from '@invoice/contracts';
import { ExactDecimal, formatDecimal } from './decimal';
import { DomainError } from './errors';

export interface RefusedLine {
  index: number;
  description: string;
}

/**
 * Turns the item lines of a parse result into one stock delta per SKU, summed exactly (decimal.js, never
 * binary floats), ordered by SKU so that the same invoice always yields the same ledger record.
 * Charges (shipping, fees, discounts) never touch inventory. Item lines without a SKU or a quantity are
 * refused as a whole, listing every such line, because applying part of an invoice cannot be undone cleanly.
 * A credit note sends goods back, so each of its items leaves stock whatever sign its page or XML prints.
 */
export function planApply(lines: readonly InvoiceLine[], documentType: DocumentType = 'invoice'): StockDelta[] {
  const items = lines.filter((line) => line.kind === 'item');

  const withoutSku = items.filter((line) => line.sku === null || line.sku.trim() === '');
  if (withoutSku.length > 0) {
    throw new DomainError('APPLY_MISSING_SKU', `${withoutSku.length} item line(s) have no SKU.`, {
      lines: withoutSku.map(refused),
    });
  }
  const withoutQuantity = items.filter((line) => line.quantity === null);
  if (withoutQuantity.length > 0) {
    throw new DomainError('APPLY_MISSING_QUANTITY', `${withoutQuantity.length} item line(s) have no quantity.`, {
      lines: withoutQuantity.map(refused),
    });
  }

  const totals = new Map<string, ExactDecimal>();
  for (const line of items) {
    // Whitespace around a SKU is layout, not identity (a blank SKU already counts as missing above), so
    // "A" and "A " must move the same stock row.
    const sku = (line.sku as string).trim();
    const quantity = new ExactDecimal(line.quantity as string);
    const movement = documentType === 'credit-note' ? quantity.abs().negated() : quantity;
    totals.set(sku, (totals.get(sku) ?? new ExactDecimal(0)).plus(movement));
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, quantity]) => ({ sku, quantity: formatDecimal(quantity) }));
}

function refused(line: InvoiceLine): RefusedLine {
  return { index: line.index, description: line.description };
}
