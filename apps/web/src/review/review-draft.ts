import type {
  ApplyBlocker,
  JobReview,
  LineCorrection,
  ParseResult,
  ReviewedLine,
  ReviewField,
  ReviewUpdateRequest,
  SkuMappingInput,
} from '@invoice/contracts';
import { readQuantity } from '../shared/decimal-text';

/** What the operator has typed on one line and not saved yet; a field absent here shows the saved value. */
export interface LineEdit {
  sku?: string;
  quantity?: string;
  notStock?: boolean;
  /** Remember "supplier SKU -> this SKU" for the supplier's next invoices. */
  rememberMapping?: boolean;
}

/** Unsaved edits by line index. */
export type ReviewDraft = Readonly<Record<number, LineEdit>>;

export const EMPTY_DRAFT: ReviewDraft = {};

export function editLine(draft: ReviewDraft, lineIndex: number, edit: LineEdit): ReviewDraft {
  return { ...draft, [lineIndex]: { ...draft[lineIndex], ...edit } };
}

export function shownSku(line: ReviewedLine, draft: ReviewDraft): string {
  return draft[line.index]?.sku ?? line.sku ?? '';
}

export function shownQuantity(line: ReviewedLine, draft: ReviewDraft): string {
  return draft[line.index]?.quantity ?? line.quantity ?? '';
}

export function shownNotStock(line: ReviewedLine, draft: ReviewDraft): boolean {
  return draft[line.index]?.notStock ?? line.notStock;
}

function typedSku(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** Fields whose typed value differs from what the server has at this revision. */
export function editedFields(line: ReviewedLine, draft: ReviewDraft): ReviewField[] {
  const edit = draft[line.index];
  if (!edit) return [];
  const fields: ReviewField[] = [];
  if (edit.sku !== undefined && typedSku(edit.sku) !== line.sku) fields.push('sku');
  if (edit.quantity !== undefined && edit.quantity.trim() !== (line.quantity ?? '')) fields.push('quantity');
  if (edit.notStock !== undefined && edit.notStock !== line.notStock) fields.push('notStock');
  return fields;
}

export function isDirty(review: JobReview, draft: ReviewDraft): boolean {
  return review.lines.some((line) => editedFields(line, draft).length > 0 || mappingFor(line, draft) !== null);
}

/** How a cell should look: typed but unsaved, corrected in the saved revision, filled from a SKU mapping, or as parsed. */
export type CellState = 'edited' | 'changed' | 'mapped' | 'parsed';

export function cellState(line: ReviewedLine, draft: ReviewDraft, field: ReviewField): CellState {
  if (editedFields(line, draft).includes(field)) return 'edited';
  if (line.changed.includes(field)) return 'changed';
  if (field === 'sku' && line.mappedFrom !== null) return 'mapped';
  return 'parsed';
}

/** A mapping is offered where the printed SKU exists and the operator gives the line a different one. */
export function canRememberMapping(line: ReviewedLine, draft: ReviewDraft): boolean {
  const sku = typedSku(shownSku(line, draft));
  const alreadyRemembered = line.mappedFrom !== null && sku === line.sku;
  return line.parsed.sku !== null && sku !== null && sku !== line.parsed.sku && !alreadyRemembered;
}

function mappingFor(line: ReviewedLine, draft: ReviewDraft): SkuMappingInput | null {
  if (!draft[line.index]?.rememberMapping || !canRememberMapping(line, draft)) return null;
  return { supplierSku: line.parsed.sku as string, inventorySku: typedSku(shownSku(line, draft)) as string };
}

export type UpdateOutcome = { ok: true; update: ReviewUpdateRequest } | { ok: false; problems: Readonly<Record<number, string>> };

/**
 * The PUT body for the next revision. A revision replaces the previous one's corrections, so every field
 * already corrected is sent again together with the new edits; a field typed back to its printed value
 * stops being a correction.
 */
export function buildReviewUpdate(review: JobReview, draft: ReviewDraft): UpdateOutcome {
  const corrections: LineCorrection[] = [];
  const problems: Record<number, string> = {};
  for (const line of review.lines) {
    const edited = editedFields(line, draft);
    const correction: LineCorrection = { lineIndex: line.index };
    if (edited.includes('sku') || line.changed.includes('sku')) {
      const sku = typedSku(shownSku(line, draft));
      if (sku !== line.parsed.sku || line.mappedFrom !== null) correction.sku = sku;
    }
    if (edited.includes('quantity') || line.changed.includes('quantity')) {
      const read = readQuantity(shownQuantity(line, draft));
      if (!read.ok) problems[line.index] = read.problem;
      else if (read.value !== line.parsed.quantity) correction.quantity = read.value;
    }
    if (edited.includes('notStock') || line.changed.includes('notStock')) {
      const notStock = shownNotStock(line, draft);
      if (notStock) correction.notStock = true;
    }
    if (Object.keys(correction).length > 1) corrections.push(correction);
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  // Mappings are remembered per supplier; without a supplier name there is nobody to remember them for.
  const skuMappings = (review.supplierKey === null ? [] : review.lines)
    .map((line) => mappingFor(line, draft))
    .filter((m): m is SkuMappingInput => m !== null);
  return {
    ok: true,
    update: { baseRevision: review.revision, corrections, ...(skuMappings.length > 0 ? { skuMappings } : {}) },
  };
}

/** The parser's warnings and failed checks that point at one line, by line index, in words. */
export function lineWarnings(result: ParseResult | null): ReadonlyMap<number, string[]> {
  const byLine = new Map<number, string[]>();
  const add = (index: number, text: string) => byLine.set(index, [...(byLine.get(index) ?? []), text]);
  for (const warning of result?.warnings ?? []) {
    if (warning.lineIndex !== undefined) add(warning.lineIndex, warning.message);
  }
  for (const check of result?.checks ?? []) {
    if (check.status !== 'fail' || check.lineIndex === undefined) continue;
    if (byLine.has(check.lineIndex)) continue;
    add(check.lineIndex, `Arithmetic check failed: expected ${check.expected ?? '?'}, read ${check.actual ?? '?'}.`);
  }
  return byLine;
}

/** Warnings about the document as a whole (header fields, totals), shown above the lines. */
export function documentWarnings(result: ParseResult | null): string[] {
  return (result?.warnings ?? []).filter((w) => w.lineIndex === undefined).map((w) => w.message);
}

function blockerWords(blocker: ApplyBlocker): string {
  return `line ${blocker.lineIndex + 1} has no ${blocker.code === 'APPLY_MISSING_SKU' ? 'SKU' : 'quantity'}`;
}

/** Why Apply cannot be pressed now, in words, or null when it can. */
export function applyBlockedReason(review: JobReview, draft: ReviewDraft): string | null {
  // Unsaved edits may fix a blocker; they are saved first when Apply is pressed, and checked then.
  if (review.status !== 'PARSED' || isDirty(review, draft)) return null;
  if (review.applyBlockers.length > 0) {
    return `Apply is blocked: ${review.applyBlockers.map(blockerWords).join('; ')}. Correct it or mark it not stock, then save.`;
  }
  return null;
}
