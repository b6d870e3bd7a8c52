import type {
  AddedLine,
  ApplyBlocker,
  HeaderCorrection,
  HeaderField,
  JobReview,
  LineCorrection,
  ParseResult,
  ReviewedLine,
  ReviewField,
  ReviewUpdateRequest,
  SkuMappingInput,
} from '@invoice/contracts';
import { isDecimalText, readQuantity } from '../shared/decimal-text';
import { readPackSize } from '../shared/pack-size';
import { savedPackSize } from './line-extras';

/** What the operator has typed on one line and not saved yet; a field absent here shows the saved value. */
export interface LineEdit {
  kind?: 'item' | 'charge';
  sku?: string;
  description?: string;
  quantity?: string;
  unit?: string;
  unitPrice?: string;
  lineTotal?: string;
  notStock?: boolean;
  deleted?: boolean;
  /** A line the operator added and has not saved yet (its index follows every line of the review). */
  added?: boolean;
  /** Remember "supplier SKU -> this SKU" for the supplier's next invoices. */
  rememberMapping?: boolean;
  /** Inventory units per invoice unit, as typed; '' asks for the default (the mapping's, else 1). */
  packSize?: string;
}

/** Unsaved edits by line index. */
export type ReviewDraft = Readonly<Record<number, LineEdit>>;

export const EMPTY_DRAFT: ReviewDraft = {};

/** Header fields typed and not saved yet. */
export type HeaderDraft = Readonly<Partial<Record<HeaderField, string>>>;

export const HEADER_FIELDS: readonly HeaderField[] = ['supplierName', 'invoiceNumber', 'date', 'currency', 'subtotal', 'tax', 'total'];

/** The text fields of a line the editor offers, in the order it shows them. */
export type TextField = 'sku' | 'description' | 'quantity' | 'unit' | 'unitPrice' | 'lineTotal';

/** The index the next added line gets: after every line of the review and of the draft. */
export function nextLineIndex(review: JobReview, draft: ReviewDraft): number {
  const indexes = [...review.lines.map((line) => line.index), ...Object.keys(draft).map(Number)];
  return indexes.reduce((next, index) => Math.max(next, index + 1), 0);
}

/** The review's lines followed by the lines added in the draft, as the table shows them. */
export function draftLines(review: JobReview, draft: ReviewDraft): ReviewedLine[] {
  const known = new Set(review.lines.map((line) => line.index));
  const added = Object.entries(draft)
    .filter(([index, edit]) => edit.added && !known.has(Number(index)))
    .map(([index]) => newLine(Number(index)));
  return [...review.lines, ...added.sort((a, b) => a.index - b.index)];
}

function newLine(index: number): ReviewedLine {
  return {
    index,
    kind: 'item',
    description: '',
    unit: null,
    unitPrice: null,
    lineTotal: null,
    page: null,
    bbox: null,
    parsed: { sku: null, quantity: null },
    sku: null,
    quantity: null,
    notStock: false,
    changed: [],
    mappedFrom: null,
    packSize: '1',
    stockQuantity: null,
    added: true,
    deleted: false,
    // The server tells after the save whether its SKU is new to the catalogue.
    newSku: false,
  };
}

/** The text a field shows: what was typed, else the saved value. */
export function shownText(line: ReviewedLine, draft: ReviewDraft, field: TextField): string {
  return draft[line.index]?.[field] ?? line[field] ?? '';
}

export function shownKind(line: ReviewedLine, draft: ReviewDraft): ReviewedLine['kind'] {
  return draft[line.index]?.kind ?? line.kind;
}

export function shownDeleted(line: ReviewedLine, draft: ReviewDraft): boolean {
  return draft[line.index]?.deleted ?? line.deleted ?? false;
}

export function shownHeader(review: JobReview, headerDraft: HeaderDraft, field: HeaderField): string {
  return headerDraft[field] ?? review.header?.[field] ?? '';
}

function headerDirty(review: JobReview, headerDraft: HeaderDraft): boolean {
  return HEADER_FIELDS.some((field) => headerDraft[field] !== undefined && optional(headerDraft[field]) !== (review.header?.[field] ?? null));
}

function optional(text: string | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

function moneyOf(text: string): { ok: true; value: string | null } | { ok: false } {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: true, value: null };
  const normalised = trimmed.replace(/^(-?)0+(?=\d)/, '$1');
  return isDecimalText(normalised) ? { ok: true, value: normalised } : { ok: false };
}

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
  if (edit.kind !== undefined && edit.kind !== line.kind) fields.push('kind');
  if (edit.description !== undefined && edit.description !== line.description) fields.push('description');
  if (edit.unit !== undefined && optional(edit.unit) !== line.unit) fields.push('unit');
  if (edit.unitPrice !== undefined && edit.unitPrice.trim() !== (line.unitPrice ?? '')) fields.push('unitPrice');
  if (edit.lineTotal !== undefined && edit.lineTotal.trim() !== (line.lineTotal ?? '')) fields.push('lineTotal');
  if (edit.deleted !== undefined && edit.deleted !== (line.deleted ?? false)) fields.push('deleted');
  if (edit.added && !line.added) fields.push('description');
  return fields;
}

export function isDirty(review: JobReview, draft: ReviewDraft, headerDraft: HeaderDraft = {}): boolean {
  return (
    headerDirty(review, headerDraft) ||
    draftLines(review, draft).some((line) => editedFields(line, draft).length > 0 || mappingFor(line, draft) !== null || packSizeEdited(line, draft))
  );
}

/** The pack size field shows what was typed, else the saved pack size ('' when the default of 1 applies). */
export function shownPackSize(line: ReviewedLine, draft: ReviewDraft): string {
  const typed = draft[line.index]?.packSize;
  if (typed !== undefined) return typed;
  const saved = savedPackSize(line);
  return saved === '1' ? '' : saved;
}

function packSizeEdited(line: ReviewedLine, draft: ReviewDraft): boolean {
  const typed = draft[line.index]?.packSize;
  if (typed === undefined) return false;
  const saved = savedPackSize(line);
  const read = readPackSize(typed);
  return !read.ok || read.value !== (saved === '1' ? '' : saved);
}

/**
 * The pack size a correction sends again: typed, or saved when the review lists it as changed (a revision
 * replaces the previous one's corrections); a pack size the mapping gives is left to the mapping.
 */
function packSizeToSend(line: ReviewedLine, draft: ReviewDraft): { ok: true; value: string | null } | { ok: false; problem: string } {
  const typed = draft[line.index]?.packSize;
  if (typed !== undefined) {
    const read = readPackSize(typed);
    return read.ok ? { ok: true, value: read.value === '' ? null : read.value } : read;
  }
  return { ok: true, value: line.changed.includes('packSize') ? savedPackSize(line) : null };
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
export function buildReviewUpdate(review: JobReview, draft: ReviewDraft, headerDraft: HeaderDraft = {}): UpdateOutcome {
  const corrections: LineCorrection[] = [];
  const addedLines: AddedLine[] = [];
  const problems: Record<number, string> = {};
  const touched = (line: ReviewedLine, field: ReviewField) => editedFields(line, draft).includes(field) || line.changed.includes(field);
  for (const line of draftLines(review, draft)) {
    const prices: Partial<Record<'unitPrice' | 'lineTotal', string | null>> = {};
    for (const field of ['unitPrice', 'lineTotal'] as const) {
      const read = moneyOf(shownText(line, draft, field));
      if (!read.ok) problems[line.index] = `"${shownText(line, draft, field)}" is not an amount like 12.50.`;
      else prices[field] = read.value;
    }
    if (line.added) {
      // An added line deleted before or after saving is simply no longer sent.
      if (shownDeleted(line, draft)) continue;
      const typedQuantity = shownText(line, draft, 'quantity');
      const read = typedQuantity.trim() === '' ? ({ ok: true, value: null } as const) : readQuantity(typedQuantity);
      if (!read.ok) problems[line.index] = read.problem;
      const added: AddedLine = {
        kind: shownKind(line, draft) === 'charge' ? 'charge' : 'item',
        sku: typedSku(shownText(line, draft, 'sku')),
        description: shownText(line, draft, 'description'),
        quantity: read.ok ? read.value : null,
        unit: optional(shownText(line, draft, 'unit')),
        unitPrice: prices.unitPrice ?? null,
        lineTotal: prices.lineTotal ?? null,
      };
      if (shownNotStock(line, draft)) added.notStock = true;
      const packSize = readPackSize(shownPackSize(line, draft));
      if (!packSize.ok) problems[line.index] = packSize.problem;
      else if (packSize.value !== '') added.packSize = packSize.value;
      addedLines.push(added);
      continue;
    }
    const correction: LineCorrection = { lineIndex: line.index };
    if (touched(line, 'sku')) {
      const sku = typedSku(shownSku(line, draft));
      if (sku !== line.parsed.sku || line.mappedFrom !== null) correction.sku = sku;
    }
    if (touched(line, 'quantity')) {
      const read = readQuantity(shownQuantity(line, draft));
      if (!read.ok) problems[line.index] = read.problem;
      else if (read.value !== line.parsed.quantity) correction.quantity = read.value;
    }
    if (touched(line, 'notStock') && shownNotStock(line, draft)) correction.notStock = true;
    if (touched(line, 'deleted') && shownDeleted(line, draft)) correction.deleted = true;
    const kind = shownKind(line, draft);
    if (touched(line, 'kind') && (kind === 'item' || kind === 'charge')) correction.kind = kind;
    if (touched(line, 'description')) correction.description = shownText(line, draft, 'description');
    if (touched(line, 'unit')) correction.unit = optional(shownText(line, draft, 'unit'));
    for (const field of ['unitPrice', 'lineTotal'] as const) {
      if (touched(line, field) && prices[field] !== undefined) correction[field] = prices[field];
    }
    const packSize = packSizeToSend(line, draft);
    if (!packSize.ok) problems[line.index] = packSize.problem;
    else if (packSize.value !== null) (correction as LineCorrection & { packSize?: string }).packSize = packSize.value;
    if (Object.keys(correction).length > 1) corrections.push(correction);
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const header: HeaderCorrection = {};
  for (const field of HEADER_FIELDS) {
    const typed = headerDraft[field];
    if (typed === undefined && !review.header?.changed.includes(field)) continue;
    const value = optional(typed ?? review.header?.[field] ?? '');
    if (field === 'subtotal' || field === 'tax' || field === 'total') {
      const read = moneyOf(value ?? '');
      if (!read.ok) return { ok: false, problems: { [-1]: `The ${field} "${value}" is not an amount like 12.50.` } };
      header[field] = read.value;
    } else header[field] = value;
  }
  // Mappings are remembered per supplier; without a supplier name there is nobody to remember them for.
  const skuMappings = (review.supplierKey === null ? [] : review.lines)
    .map((line) => mappingFor(line, draft))
    .filter((m): m is SkuMappingInput => m !== null);
  return {
    ok: true,
    update: {
      baseRevision: review.revision,
      corrections,
      ...(addedLines.length > 0 ? { addedLines } : {}),
      ...(Object.keys(header).length > 0 ? { header } : {}),
      ...(skuMappings.length > 0 ? { skuMappings } : {}),
    },
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
export function applyBlockedReason(review: JobReview, draft: ReviewDraft, headerDraft: HeaderDraft = {}): string | null {
  // Unsaved edits may fix a blocker; they are saved first when Apply is pressed, and checked then.
  if (review.status !== 'PARSED' || isDirty(review, draft, headerDraft)) return null;
  if (review.applyBlockers.length > 0) {
    return `Apply is blocked: ${review.applyBlockers.map(blockerWords).join('; ')}. Correct it or mark it not stock, then save.`;
  }
  return null;
}
