import type { BoundingBox } from '@invoice/contracts';

export interface CssBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where a parser bbox ([x0, top, x1, bottom] in PDF points, origin top-left) lands on the rendered page:
 * pdf.js renders one point as `scale` CSS pixels, so every coordinate scales by the same factor. A small
 * margin keeps the outline off the glyphs.
 */
export function bboxToCss(bbox: BoundingBox, scale: number, marginPx = 2): CssBox {
  const [x0, top, x1, bottom] = bbox;
  return {
    left: x0 * scale - marginPx,
    top: top * scale - marginPx,
    width: Math.max(0, (x1 - x0) * scale) + 2 * marginPx,
    height: Math.max(0, (bottom - top) * scale) + 2 * marginPx,
  };
}

/** The scale that makes a page of `pageWidthPt` points fill `availablePx`, within sane bounds. */
export function fitScale(pageWidthPt: number, availablePx: number): number {
  const MIN_SCALE = 0.4;
  const MAX_SCALE = 2.5;
  if (pageWidthPt <= 0 || availablePx <= 0) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, availablePx / pageWidthPt));
}
