import type { AuditEntry } from '@invoice/contracts';
import { DomainError, type AuditPage, type AuditQuery } from '@invoice/inventory';
import { decodePageCursor, encodePageCursor, invalidCursor } from './page-cursor';

/**
 * Where an entry sits in the trail, the same text in every store: `{at}#{id}`. `at` always has three fraction
 * digits, so the text order of positions is (at, id) order: SQLite sorts by the two columns, DynamoDB by this
 * string as a sort key, and both agree.
 */
export function auditPositionOf(entry: Pick<AuditEntry, 'at' | 'id'>): string {
  return `${entry.at}#${entry.id}`;
}

const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A query as both stores run it: bounds normalised to positions' text, the cursor decoded. */
export interface AuditRange {
  jobId: string | null;
  user: string | null;
  action: string | null;
  /** Inclusive lower bound: every position of an entry at or after `from` sorts at or above it. */
  lowest: string | null;
  /**
   * Exclusive upper bound: `to`, or the last position of the previous page, whichever is lower. A position
   * never equals a bare `to` (it has `#id` after it), and is above it when at = to, so `< upper` is right for both.
   */
  upper: string | null;
  limit: number;
  /** What the cursor is bound to: the filters, so that a cursor never pages another query. */
  scope: string;
}

export function auditRangeOf(query: AuditQuery): AuditRange {
  const from = query.from === undefined ? null : instant(query.from, 'from');
  const to = query.to === undefined ? null : instant(query.to, 'to');
  const scope = JSON.stringify([query.jobId ?? null, query.user ?? null, query.action ?? null, from, to]);
  const after = query.cursor === undefined ? null : decodePageCursor(query.cursor, scope);
  if (after !== null && !POSITION.test(after)) throw invalidCursor();
  const upper = after !== null && (to === null || after < to) ? after : to;
  return { jobId: query.jobId ?? null, user: query.user ?? null, action: query.action ?? null, lowest: from, upper, limit: query.limit, scope };
}

/** True when no entry can match: the lower bound is at or above the upper one. */
export function isEmptyRange(range: AuditRange): boolean {
  return range.lowest !== null && range.upper !== null && range.lowest >= range.upper;
}

/** The page of `entries` (newest first, up to limit + 1 read to tell whether another page exists). */
export function auditPageOf(entries: readonly AuditEntry[], range: AuditRange): AuditPage {
  const items = entries.slice(0, range.limit);
  const last = items.at(-1);
  return { items, nextCursor: entries.length > range.limit && last ? encodePageCursor(auditPositionOf(last), range.scope) : null };
}

/** A bound given as any ISO instant, written as Date.toISOString() writes the entries' `at`. */
function instant(value: string, name: 'from' | 'to'): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
    throw new DomainError('VALIDATION_FAILED', `${name} is not an ISO timestamp.`, { issues: [{ path: `/${name}`, message: 'is not an ISO timestamp' }] });
  }
  return new Date(time).toISOString();
}
