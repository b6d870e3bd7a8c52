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

/** A point on the rendered page (CSS pixels from its top-left corner) in PDF points, top-left origin. */
export function cssToPoints(x: number, y: number, scale: number): { x: number; y: number } {
  return { x: x / scale, y: y / scale };
}

/** The box two corners of a drag span, in PDF points, whichever way the pointer went. */
export function boxBetween(a: { x: number; y: number }, b: { x: number; y: number }): BoundingBox {
  return [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y)];
}

/**
 * The line printed under a point: the smallest box holding it, allowing `slackPt` around each box so a click
 * between two baselines or just beside a glyph still lands on its line. null when no box is near.
 */
export function lineAt(boxes: readonly { index: number; bbox: BoundingBox }[], point: { x: number; y: number }, slackPt = 2): number | null {
  let best: { index: number; area: number } | null = null;
  for (const { index, bbox } of boxes) {
    const [x0, top, x1, bottom] = bbox;
    if (point.x < x0 - slackPt || point.x > x1 + slackPt || point.y < top - slackPt || point.y > bottom + slackPt) continue;
    const area = (x1 - x0) * (bottom - top);
    if (!best || area < best.area) best = { index, area };
  }
  return best?.index ?? null;
}
