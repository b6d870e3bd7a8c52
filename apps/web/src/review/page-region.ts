import type { BoundingBox, PageRegion } from '@invoice/contracts';
import type { LineEdit } from './review-draft';

/** The query of the region route, rounded to a hundredth of a point (the drag is no finer than that). */
export function regionQuery(box: BoundingBox): string {
  const [x0, y0, x1, y1] = box.map((value) => Math.round(value * 100) / 100);
  return `x0=${x0}&y0=${y0}&x1=${x1}&y1=${y1}`;
}

/**
 * The added line the operator confirms: the proposed line's fields, or the words as its description when
 * the parser proposes no line, so nothing read is lost and everything stays editable.
 */
export function regionLineEdit(region: PageRegion): LineEdit {
  const line = region.line;
  const words = region.words.map((word) => word.text).join(' ');
  return {
    added: true,
    kind: 'item',
    sku: line?.sku ?? '',
    description: line?.description ?? (line ? '' : words),
    quantity: line?.quantity ?? '',
    unit: line?.unit ?? '',
    unitPrice: line?.unitPrice ?? '',
    lineTotal: line?.lineTotal ?? '',
  };
}
