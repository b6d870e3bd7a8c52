import { MAX_AUDIT_CHANGE_BYTES } from '../audit/audit-entry';

/** Names (SKUs) listed in full up to this many in one entry, like MAX_AUDITED_DELTAS for stock changes. */
export const MAX_AUDITED_NAMES = 200;

/** Whether a change fits in one entry (MAX_AUDIT_CHANGE_BYTES as JSON), so it can be recorded as sent. */
export function fitsInAuditEntry(change: Record<string, unknown>): boolean {
  return new TextEncoder().encode(JSON.stringify(change)).byteLength <= MAX_AUDIT_CHANGE_BYTES;
}

/** The values under `key`: all of them, or the first MAX_AUDITED_NAMES with the count and a truncation mark. */
export function boundedList(key: string, values: readonly string[]): Record<string, unknown> {
  if (values.length <= MAX_AUDITED_NAMES) return { [key]: values };
  return { [key]: values.slice(0, MAX_AUDITED_NAMES), [`${key}Truncated`]: true };
}
