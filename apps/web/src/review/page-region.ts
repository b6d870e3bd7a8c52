import type { BoundingBox } from '@invoice/contracts';
import type { LineEdit } from './review-draft';

/**
 * The answer of GET /api/jobs/{id}/pages/{page}/region: the words printed inside a box the operator drew
 * (PDF points, top-left origin) and the line the parser reads from them, or null when they make no line.
 */
export interface RegionBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RegionLine {
  sku: string | null;
  description: string | null;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  lineTotal: string | null;
}

export interface PageRegion {
  page: number;
  bbox: RegionBox;
  words: { text: string; bbox: RegionBox }[];
  line: RegionLine | null;
}

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
