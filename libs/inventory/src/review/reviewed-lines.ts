import type { InvoiceLine, LineCorrection, ReviewField, ReviewedLine } from '@invoice/contracts';
import { ExactDecimal } from '../decimal';
import { movesStock } from '../line-kind';

/** supplierSku -> inventorySku, for the invoice's supplier. */
export type SkuMap = ReadonlyMap<string, string>;

/**
 * The lines as apply will use them. Precedence per field: the operator's correction, else (SKU of an item
 * only) the supplier's remembered mapping of the parsed SKU, else what the parser read. `changed` lists the
 * fields the correction actually changes, so a correction that restates the value is not shown as one.
 */
export function reviewLines(lines: readonly InvoiceLine[], corrections: readonly LineCorrection[], mappings: SkuMap): ReviewedLine[] {
  const byLine = new Map(corrections.map((correction) => [correction.lineIndex, correction]));
  return lines.map((line) => reviewLine(line, byLine.get(line.index), mappings));
}

function reviewLine(line: InvoiceLine, correction: LineCorrection | undefined, mappings: SkuMap): ReviewedLine {
  // Charges and groups never move stock, so a mapping (which exists to move the right stock) is not applied to them.
  const mapped = movesStock(line) && line.sku !== null ? mappings.get(line.sku.trim()) : undefined;
  const skuWithoutCorrection = mapped ?? line.sku;
  const changed: ReviewField[] = [];

  let sku = skuWithoutCorrection;
  if (correction && correction.sku !== undefined) {
    sku = correction.sku === null ? null : correction.sku.trim();
    if (sku !== (skuWithoutCorrection?.trim() ?? null)) changed.push('sku');
  }

  let quantity = line.quantity;
  if (correction?.quantity !== undefined) {
    quantity = correction.quantity;
    if (line.quantity === null || !new ExactDecimal(line.quantity).equals(correction.quantity)) changed.push('quantity');
  }

  const notStock = correction?.notStock ?? false;
  if (notStock) changed.push('notStock');

  return {
    index: line.index,
    kind: line.kind,
    description: line.description,
    unit: line.unit,
    unitPrice: line.unitPrice,
    lineTotal: line.lineTotal,
    page: line.page,
    bbox: line.bbox,
    parsed: { sku: line.sku, quantity: line.quantity },
    sku,
    quantity,
    notStock,
    changed,
    mappedFrom: mapped !== undefined && sku === mapped ? line.sku : null,
  };
}

/** The lines that take part in an apply: everything the operator did not mark as not stock. */
export function stockLinesOf(lines: readonly ReviewedLine[]): ReviewedLine[] {
  return lines.filter((line) => !line.notStock);
}
