import type { JobReview, LineField, ReviewedLine } from '@invoice/contracts';
import { cellState, draftLines, shownDeleted, type ReviewDraft } from './review-draft';

/**
 * The cells of a line to check first: fields the parser read from a word OCR was unsure of. A cell the
 * operator has typed into shows the operator's value, not OCR's, so it is no longer marked (the server drops
 * a field from unsureFields once a saved correction sets it); a deleted line asks for no check.
 */
export function unsureCells(line: ReviewedLine, draft: ReviewDraft): ReadonlySet<LineField> {
  if (shownDeleted(line, draft)) return new Set();
  return new Set((line.unsureFields ?? []).filter((field) => cellState(line, draft, field) !== 'edited'));
}

/** How many cells of the review, and on how many lines, are still marked as OCR-unsure. */
export function unsureCount(review: JobReview, draft: ReviewDraft): { cells: number; lines: number } {
  const sizes = draftLines(review, draft)
    .map((line) => unsureCells(line, draft).size)
    .filter((size) => size > 0);
  return { cells: sizes.reduce((sum, size) => sum + size, 0), lines: sizes.length };
}
