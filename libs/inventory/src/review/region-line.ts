import type { BoundingBox, LayoutPage, LayoutRow, PageRegion, RegionBox, RegionLine, RegionWord } from '@invoice/contracts';

/**
 * The line a box drawn on the page makes, composed from the parser's own readings of the rows it covers
 * (PageLayout, written by the parser): nothing here splits a row into fields again, so the SPA and the
 * parser cannot disagree on how a row is read.
 */
export function regionOf(page: LayoutPage, box: RegionBox): PageRegion {
  const covered = page.rows.map((row) => ({ row, inside: wordsInside(row, box) })).filter((entry) => entry.inside.size > 0);
  const words: RegionWord[] = covered.flatMap(({ row, inside }) =>
    row.words.filter((_, index) => inside.has(index)).map((word) => ({ text: word.text, bbox: regionBoxOf(word.bbox) })),
  );
  const line = covered.length === 0 ? null : composeLine(covered.map(({ row, inside }) => restrictedReading(row, inside)));
  return { page: page.page, bbox: box, words, line };
}

/** Indexes of the row's words whose centre lies in the box (edges included). */
export function wordsInside(row: LayoutRow, box: RegionBox): Set<number> {
  const inside = new Set<number>();
  row.words.forEach((word, index) => {
    const [x0, top, x1, bottom] = word.bbox;
    const cx = (x0 + x1) / 2;
    const cy = (top + bottom) / 2;
    if (cx >= box.x0 && cx <= box.x1 && cy >= box.y0 && cy <= box.y1) inside.add(index);
  });
  return inside;
}

/**
 * The parser's reading of a row, kept to the words inside the box: a figure, SKU or unit only when all of
 * its words are inside, the description as the words of it that are.
 */
export function restrictedReading(row: LayoutRow, inside: ReadonlySet<number>): RegionLine {
  const { reading } = row;
  const whole = <T extends { value: string; words: number[] } | null>(field: T): string | null =>
    field !== null && field.words.every((index) => inside.has(index)) ? field.value : null;
  const described = new Set(reading.description?.words ?? []);
  const description = row.words.filter((_, index) => described.has(index) && inside.has(index)).map((word) => word.text);
  return {
    sku: whole(reading.sku),
    description: description.length > 0 ? description.join(' ') : null,
    quantity: whole(reading.quantity),
    unit: whole(reading.unit),
    unitPrice: whole(reading.unitPrice),
    lineTotal: whole(reading.lineTotal),
  };
}

/**
 * One line from the readings of several rows, top to bottom (a description wrapped over them): the figures
 * of the row whose quantity times price makes its total, else of the first row with figures; the
 * descriptions joined in reading order; the SKU and unit of the figures' row, else the first ones printed.
 */
export function composeLine(readings: readonly RegionLine[]): RegionLine {
  const [only, ...others] = readings;
  if (only !== undefined && others.length === 0) return only;
  const figures = readings.find(closes) ?? readings.find(hasFigures) ?? null;
  const descriptions = readings.map((reading) => reading.description).filter((text): text is string => text !== null);
  return {
    sku: figures?.sku ?? firstOf(readings, 'sku'),
    description: descriptions.length > 0 ? descriptions.join(' ') : null,
    quantity: figures?.quantity ?? null,
    unit: figures?.unit ?? firstOf(readings, 'unit'),
    unitPrice: figures?.unitPrice ?? null,
    lineTotal: figures?.lineTotal ?? null,
  };
}

/** The parser sets a quantity only where quantity x unit price gives the total (line_figures.py). */
function closes(reading: RegionLine): boolean {
  return reading.quantity !== null && reading.unitPrice !== null && reading.lineTotal !== null;
}

function hasFigures(reading: RegionLine): boolean {
  return reading.quantity !== null || reading.unitPrice !== null || reading.lineTotal !== null;
}

function firstOf(readings: readonly RegionLine[], field: 'sku' | 'unit'): string | null {
  return readings.find((reading) => reading[field] !== null)?.[field] ?? null;
}

function regionBoxOf([x0, y0, x1, y1]: BoundingBox): RegionBox {
  return { x0, y0, x1, y1 };
}
