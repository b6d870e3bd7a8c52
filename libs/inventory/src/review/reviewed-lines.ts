import type { AddedLine, InvoiceLine, LineCorrection, LineField, ReviewField, ReviewedLine } from '@invoice/contracts';
import { ExactDecimal } from '../decimal';
import { movesStock } from '../line-kind';
import { stockQuantityOf, UNIT_PACK_SIZE } from '../pack-size';

/** What a supplier SKU maps to: the inventory SKU, and how many of its units one supplier unit is. */
export interface MappedSku {
  inventorySku: string;
  packSize: string;
}

/**
 * A reviewed line before the item catalogue was asked which of its SKUs are new: what apply, the checks and
 * the stock changes work from. flagNewSkus completes it to the contract's ReviewedLine.
 */
export type LineUnderReview = Omit<ReviewedLine, 'newSku'>;

/** supplierSku -> the mapping, for the invoice's supplier; a bare inventory SKU is a mapping with pack size 1. */
export type SkuMap = ReadonlyMap<string, MappedSku | string>;

/**
 * The lines as apply will use them. Precedence per field: the operator's correction, else (SKU of an item
 * only) the supplier's remembered mapping of the parsed SKU, else what the parser read. `changed` lists the
 * fields the correction actually changes, so a correction that restates the value is not shown as one.
 * Deleted lines stay listed (deleted: true) so the operator can restore them; the operator's added lines
 * follow the parsed ones, numbered after the last parsed index.
 */
export function reviewLines(
  lines: readonly InvoiceLine[],
  corrections: readonly LineCorrection[],
  mappings: SkuMap,
  addedLines: readonly AddedLine[] = [],
): LineUnderReview[] {
  const byLine = new Map(corrections.map((correction) => [correction.lineIndex, correction]));
  const reviewed = lines.map((line) => reviewLine(line, byLine.get(line.index), mappings));
  const firstAdded = firstAddedIndex(lines);
  return [...reviewed, ...addedLines.map((line, position) => addedLine(line, firstAdded + position))];
}

/** The index of the first added line: one after the last parsed line. */
export function firstAddedIndex(lines: readonly Pick<InvoiceLine, 'index'>[]): number {
  return lines.reduce((next, line) => Math.max(next, line.index + 1), 0);
}

function reviewLine(line: InvoiceLine, correction: LineCorrection | undefined, mappings: SkuMap): LineUnderReview {
  const kind = correction?.kind ?? line.kind;
  // Charges and groups never move stock, so a mapping (which exists to move the right stock) is not applied to them.
  const mapping = movesStock({ kind }) && line.sku !== null ? mappings.get(line.sku.trim()) : undefined;
  const mapped = typeof mapping === 'string' ? mapping : mapping?.inventorySku;
  const skuWithoutCorrection = mapped ?? line.sku;
  const changed: ReviewField[] = [];
  if (kind !== line.kind) changed.push('kind');

  let sku = skuWithoutCorrection;
  if (correction && correction.sku !== undefined) {
    sku = correction.sku === null ? null : correction.sku.trim();
    if (sku !== (skuWithoutCorrection?.trim() ?? null)) changed.push('sku');
  }

  let description = line.description;
  if (correction?.description !== undefined) {
    description = correction.description;
    if (description !== line.description) changed.push('description');
  }

  let quantity = line.quantity;
  if (correction?.quantity !== undefined) {
    quantity = correction.quantity;
    if (!sameDecimal(line.quantity, correction.quantity)) changed.push('quantity');
  }

  let unit = line.unit;
  if (correction?.unit !== undefined) {
    unit = correction.unit;
    if (unit !== line.unit) changed.push('unit');
  }

  let unitPrice = line.unitPrice;
  if (correction?.unitPrice !== undefined) {
    unitPrice = correction.unitPrice;
    if (!sameDecimal(line.unitPrice, unitPrice)) changed.push('unitPrice');
  }

  let lineTotal = line.lineTotal;
  if (correction?.lineTotal !== undefined) {
    lineTotal = correction.lineTotal;
    if (!sameDecimal(line.lineTotal, lineTotal)) changed.push('lineTotal');
  }

  const notStock = correction?.notStock ?? false;
  if (notStock) changed.push('notStock');
  const deleted = correction?.deleted ?? false;
  if (deleted) changed.push('deleted');

  const mappedFrom = mapped !== undefined && sku === mapped ? line.sku : null;
  // A mapping's pack size belongs to its inventory SKU: a line whose SKU was corrected away from it counts units of 1.
  const mappedPackSize = mappedFrom !== null && typeof mapping === 'object' ? mapping.packSize : UNIT_PACK_SIZE;
  const packSize = correction?.packSize ?? mappedPackSize;
  // Listed so a client resends a pack size the operator gave; one that restates the mapping's is no correction.
  if (!sameDecimal(packSize, mappedPackSize)) changed.push('packSize');
  const unsureFields = stillUnsure(line.unsureFields ?? [], correction, mappedFrom !== null);

  return {
    index: line.index,
    kind,
    description,
    unit,
    unitPrice,
    lineTotal,
    page: line.page,
    bbox: line.bbox,
    parsed: { sku: line.sku, quantity: line.quantity },
    sku,
    quantity,
    notStock,
    changed,
    mappedFrom,
    packSize,
    stockQuantity: quantity === null ? null : stockQuantityOf(quantity, packSize),
    added: false,
    deleted,
    ...(line.confidence === undefined ? {} : { confidence: line.confidence }),
    ...(unsureFields.length === 0 ? {} : { unsureFields }),
  };
}

/**
 * The parsed line's unsure fields whose shown value is still OCR's reading. A field the correction sets shows the
 * operator's value, even one that restates the printed figure, and a SKU from a remembered mapping shows the
 * mapping's: the doubtful word is no longer what the operator is asked to check. An unsure field the operator
 * has looked at and left as printed stays listed, since nothing records that it was looked at; the parser's
 * confidence is the parser's and is not raised by the review.
 */
function stillUnsure(fields: readonly LineField[], correction: LineCorrection | undefined, skuMapped: boolean): LineField[] {
  return fields.filter((field) => correction?.[field] === undefined && !(field === 'sku' && skuMapped));
}

function addedLine(line: AddedLine, index: number): LineUnderReview {
  const packSize = line.packSize ?? UNIT_PACK_SIZE;
  const quantity = line.quantity ?? null;
  return {
    index,
    kind: line.kind ?? 'item',
    description: line.description ?? '',
    unit: line.unit ?? null,
    unitPrice: line.unitPrice ?? null,
    lineTotal: line.lineTotal ?? null,
    page: null,
    bbox: null,
    parsed: { sku: null, quantity: null },
    sku: typeof line.sku === 'string' ? line.sku.trim() : null,
    quantity,
    notStock: line.notStock ?? false,
    changed: [],
    mappedFrom: null,
    packSize,
    stockQuantity: quantity === null ? null : stockQuantityOf(quantity, packSize),
    added: true,
    deleted: false,
  };
}

function sameDecimal(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new ExactDecimal(a).equals(b);
}

/** The lines that exist after the review: deleted ones left out. */
export function effectiveLinesOf<Line extends LineUnderReview>(lines: readonly Line[]): Line[] {
  return lines.filter((line) => !line.deleted);
}

/** The lines that take part in an apply: everything not deleted and not marked as not stock. */
export function stockLinesOf<Line extends LineUnderReview>(lines: readonly Line[]): Line[] {
  return lines.filter((line) => !line.notStock && !line.deleted);
}
