import type { AuditEntry, ListAuditResponse } from '@invoice/contracts';

/** At most this many entries go into one export: a bound on time and memory; the screen says when it was hit. */
export const EXPORT_BOUND = 10_000;

export const CSV_COLUMNS = ['at', 'user', 'role', 'action', 'jobId', 'requestId', 'change'] as const;

/** One field per RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The entries as CSV: a header row, then one row per entry, CRLF line ends, the change as JSON. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) =>
    [entry.at, entry.actor.user ?? '', entry.actor.role ?? '', entry.action, entry.jobId ?? '', entry.requestId, JSON.stringify(entry.change)]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/**
 * Walks the pages of a filtered listing from the first, up to `bound` entries. `truncated` says there were
 * more than the bound (a next page, or a page that went past it).
 */
export async function collectPages(
  fetchPage: (cursor: string | null) => Promise<ListAuditResponse>,
  bound = EXPORT_BOUND,
): Promise<{ entries: AuditEntry[]; truncated: boolean }> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    entries.push(...page.items);
    cursor = page.nextCursor;
    if (entries.length >= bound)
      return {
        entries: entries.slice(0, bound),
        truncated: entries.length > bound || cursor !== null,
      };
  } while (cursor !== null);
  return { entries, truncated: false };
}

/**
 * A day picked in a date field (YYYY-MM-DD, the reader's own calendar) as the ISO instant the API takes: its
 * first moment, or with `through` the first moment of the next day, since the API's `to` is exclusive and a
 * person means the whole day. null when empty or not a date.
 */
export function instantOfDay(value: string, through = false): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (through ? 1 : 0));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
