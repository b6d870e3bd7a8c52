import type { JobReview, ReviewedLine } from '@invoice/contracts';
import { readQuantity } from '../shared/decimal-text';
import {
  addDecimal,
  compareDecimal,
  formatDecimal,
  halveDecimal,
  multiplyDecimal,
  parseDecimal,
  plainDecimal,
  subtractDecimal,
  type Scaled,
} from './decimal-math';
import { draftLines, editLine, nextLineIndex, shownDeleted, shownKind, shownNotStock, shownText, type ReviewDraft } from './review-draft';

/**
 * Splitting and merging lines, composed from the corrections the review already sends (a changed quantity
 * and total, an added line, a deleted line): the server needs no operation of its own for them.
 */
export type LineOperation = { ok: true; draft: ReviewDraft; focusLine: number } | { ok: false; reason: string };

const MONEY_PLACES = 2;

/** A line total recomputed as quantity x unit price, to the cents (or to the printed total's places when finer). */
function totalOf(quantity: Scaled, unitPrice: Scaled, printedTotal: string): string {
  const printed = parseDecimal(printedTotal);
  return formatDecimal(multiplyDecimal(quantity, unitPrice), Math.max(MONEY_PLACES, printed?.scale ?? 0));
}

function figures(line: ReviewedLine, draft: ReviewDraft) {
  return {
    quantity: parseDecimal(shownText(line, draft, 'quantity')),
    unitPrice: parseDecimal(shownText(line, draft, 'unitPrice')),
    lineTotal: shownText(line, draft, 'lineTotal'),
  };
}

function isLiveItem(line: ReviewedLine, draft: ReviewDraft): boolean {
  return shownKind(line, draft) === 'item' && !shownDeleted(line, draft);
}

/** Why the line cannot be split, or null; the quantity kept must be checked separately (splitLine). */
export function splitBlockedReason(line: ReviewedLine, draft: ReviewDraft): string | null {
  if (!isLiveItem(line, draft)) return 'Only an item line that is not deleted can be split.';
  const { quantity, unitPrice } = figures(line, draft);
  if (!quantity || quantity.units <= 0n) return 'Split needs a quantity above zero on this line.';
  if (!unitPrice) return 'Split needs a unit price on this line, to work out both line totals.';
  return null;
}

/** The quantity the split keeps on the line by default: half of it. */
export function defaultSplitQuantity(line: ReviewedLine, draft: ReviewDraft): string {
  const quantity = parseDecimal(shownText(line, draft, 'quantity'));
  return quantity ? plainDecimal(halveDecimal(quantity)) : '';
}

/**
 * The line keeps `keptText` of its quantity; a new added line gets the rest with the same SKU, description,
 * unit and unit price. Both totals become quantity x unit price.
 */
export function splitLine(review: JobReview, draft: ReviewDraft, lineIndex: number, keptText: string): LineOperation {
  const line = draftLines(review, draft).find((candidate) => candidate.index === lineIndex);
  if (!line) return { ok: false, reason: `There is no line ${lineIndex + 1}.` };
  const blocked = splitBlockedReason(line, draft);
  if (blocked) return { ok: false, reason: blocked };
  const { quantity, unitPrice, lineTotal } = figures(line, draft) as {
    quantity: Scaled;
    unitPrice: Scaled;
    lineTotal: string;
  };
  const read = readQuantity(keptText);
  if (!read.ok) return { ok: false, reason: read.problem };
  const kept = parseDecimal(read.value) as Scaled;
  if (kept.units <= 0n || compareDecimal(kept, quantity) >= 0) {
    return {
      ok: false,
      reason: `The quantity kept must be above 0 and below ${shownText(line, draft, 'quantity').trim()}.`,
    };
  }
  const rest = subtractDecimal(quantity, kept);
  const newIndex = nextLineIndex(review, draft);
  let next = editLine(draft, line.index, {
    quantity: read.value,
    lineTotal: totalOf(kept, unitPrice, lineTotal),
  });
  next = editLine(next, newIndex, {
    added: true,
    kind: 'item',
    sku: shownText(line, draft, 'sku'),
    description: shownText(line, draft, 'description'),
    quantity: plainDecimal(rest),
    unit: shownText(line, draft, 'unit'),
    unitPrice: shownText(line, draft, 'unitPrice'),
    lineTotal: totalOf(rest, unitPrice, lineTotal),
    ...(shownNotStock(line, draft) ? { notStock: true } : {}),
  });
  return { ok: true, draft: next, focusLine: newIndex };
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function samePrice(a: string, b: string): boolean {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return a.trim() === b.trim();
  return compareDecimal(x, y) === 0;
}

/** The next item line after this one that is not deleted, as the table lists them, or null. */
export function nextItemLine(review: JobReview, draft: ReviewDraft, lineIndex: number): ReviewedLine | null {
  const lines = draftLines(review, draft);
  const at = lines.findIndex((line) => line.index === lineIndex);
  if (at < 0) return null;
  return lines.slice(at + 1).find((line) => isLiveItem(line, draft)) ?? null;
}

/** Why this line cannot be merged with the next item line, or null. */
export function mergeBlockedReason(review: JobReview, draft: ReviewDraft, lineIndex: number): string | null {
  const line = draftLines(review, draft).find((candidate) => candidate.index === lineIndex);
  if (!line || !isLiveItem(line, draft)) return 'Only an item line that is not deleted can be merged.';
  const next = nextItemLine(review, draft, lineIndex);
  if (!next) return 'There is no item line after this one to merge with.';
  const n = next.index + 1;
  if (!sameText(shownText(line, draft, 'sku'), shownText(next, draft, 'sku')) || shownText(line, draft, 'sku').trim() === '') {
    return `The next item line (line ${n}) has a different SKU.`;
  }
  if (!samePrice(shownText(line, draft, 'unitPrice'), shownText(next, draft, 'unitPrice'))) {
    return `The next item line (line ${n}) has a different unit price.`;
  }
  const units = [shownText(line, draft, 'unit'), shownText(next, draft, 'unit')];
  if (units.every((unit) => unit.trim() !== '') && !sameText(units[0] ?? '', units[1] ?? '')) return `The next item line (line ${n}) counts in another unit.`;
  if (!figures(line, draft).quantity || !figures(next, draft).quantity)
    return `Both lines need a quantity to be merged (lines ${lineIndex + 1} and ${n}).`;
  return null;
}

function joinedDescription(first: string, second: string): string {
  if (sameText(first, second) || second.trim() === '') return first;
  if (first.trim() === '') return second;
  return `${first.trimEnd()} / ${second.trim()}`;
}

/** This line takes the next item line's quantity and total (descriptions joined); that line is deleted. */
export function mergeWithNext(review: JobReview, draft: ReviewDraft, lineIndex: number): LineOperation {
  const reason = mergeBlockedReason(review, draft, lineIndex);
  if (reason) return { ok: false, reason };
  const line = draftLines(review, draft).find((candidate) => candidate.index === lineIndex) as ReviewedLine;
  const next = nextItemLine(review, draft, lineIndex) as ReviewedLine;
  const a = figures(line, draft);
  const b = figures(next, draft);
  const quantity = addDecimal(a.quantity as Scaled, b.quantity as Scaled);
  const totalA = parseDecimal(a.lineTotal);
  const totalB = parseDecimal(b.lineTotal);
  // Summed as printed when both totals are there; otherwise worked out from the summed quantity.
  const lineTotal =
    totalA && totalB
      ? formatDecimal(addDecimal(totalA, totalB), Math.max(totalA.scale, totalB.scale))
      : a.unitPrice
        ? totalOf(quantity, a.unitPrice, a.lineTotal)
        : '';
  let merged = editLine(draft, line.index, {
    quantity: plainDecimal(quantity),
    lineTotal,
    description: joinedDescription(shownText(line, draft, 'description'), shownText(next, draft, 'description')),
  });
  merged = editLine(merged, next.index, { deleted: true });
  return { ok: true, draft: merged, focusLine: line.index };
}
