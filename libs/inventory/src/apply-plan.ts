import type { ApplyBlocker, DocumentType, InvoiceLine, StockDelta } from '@invoice/contracts';
import { ExactDecimal, formatDecimal } from './decimal';
import { DomainError } from './errors';
import { movesStock } from './line-kind';
import { stockQuantityOf } from './pack-size';
import { compareText } from './text-compare';

export interface RefusedLine {
  index: number;
  description: string;
}

/**
 * The fields of a line that apply reads: a parsed InvoiceLine, or a reviewed line with its effective values.
 * packSize (inventory units per invoice unit, from the line's SKU mapping) is 1 when left out.
 */
export type ApplicableLine = Pick<InvoiceLine, 'index' | 'kind' | 'sku' | 'quantity' | 'description'> & { packSize?: string };

export interface ApplyAssessment {
  /** One delta per SKU, summed exactly, ordered by SKU, from the item lines that can be applied. */
  deltas: StockDelta[];
  /** Item lines that stop the apply, one entry per missing field. */
  blockers: ApplyBlocker[];
}

/**
 * What an apply of these lines would do, without refusing anything: the review screen shows the stock
 * changes and the lines still in the way side by side. Charges (shipping, fees, discounts) and groups
 * (printed subtotals of detail lines) never touch inventory, so they block nothing either. A credit note sends goods back, so each of its items leaves stock whatever sign is printed.
 */
export function assessApply(lines: readonly ApplicableLine[], documentType: DocumentType = 'invoice'): ApplyAssessment {
  const blockers: ApplyBlocker[] = [];
  const totals = new Map<string, ExactDecimal>();
  for (const line of lines) {
    if (!movesStock(line)) continue;
    // Whitespace around a SKU is layout, not identity, so "A" and "A " move the same stock row.
    const sku = line.sku?.trim() ?? '';
    if (sku === '') blockers.push({ lineIndex: line.index, code: 'APPLY_MISSING_SKU' });
    if (line.quantity === null) blockers.push({ lineIndex: line.index, code: 'APPLY_MISSING_QUANTITY' });
    if (sku === '' || line.quantity === null) continue;
    // Stock is counted in inventory units: 2 cases of 12 on the invoice are 24 in stock.
    const quantity = new ExactDecimal(stockQuantityOf(line.quantity, line.packSize));
    const movement = documentType === 'credit-note' ? quantity.abs().negated() : quantity;
    totals.set(sku, (totals.get(sku) ?? new ExactDecimal(0)).plus(movement));
  }
  const deltas = [...totals.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([sku, quantity]) => ({ sku, quantity: formatDecimal(quantity) }));
  return { deltas, blockers };
}

/**
 * The stock deltas of an apply, so that the same lines always yield the same ledger record. Item lines
 * without a SKU or a quantity are refused as a whole, listing every such line, because applying part of
 * an invoice cannot be undone cleanly.
 */
export function planApply(lines: readonly ApplicableLine[], documentType: DocumentType = 'invoice'): StockDelta[] {
  const { deltas, blockers } = assessApply(lines, documentType);
  if (blockers.length === 0) return deltas;
  const descriptions = new Map(lines.map((line) => [line.index, line.description]));
  for (const code of ['APPLY_MISSING_SKU', 'APPLY_MISSING_QUANTITY'] as const) {
    const refused: RefusedLine[] = blockers
      .filter((blocker) => blocker.code === code)
      .map((blocker) => ({ index: blocker.lineIndex, description: descriptions.get(blocker.lineIndex) ?? '' }));
    if (refused.length === 0) continue;
    const what = code === 'APPLY_MISSING_SKU' ? 'SKU' : 'quantity';
    throw new DomainError(code, `${refused.length} item line(s) have no ${what}.`, { lines: refused });
  }
  return deltas;
}
