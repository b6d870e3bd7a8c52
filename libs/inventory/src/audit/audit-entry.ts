import { validate, type AuditEntry } from '@invoice/contracts';
import { DomainError } from '../errors';

/**
 * The most an entry's change may take as JSON. It keeps an entry well inside DynamoDB's 400 KB item (the change
 * is stored as one string beside a few short attributes); an apply of many lines records its deltas, not its review.
 */
export const MAX_AUDIT_CHANGE_BYTES = 64 * 1024;

/**
 * What every store checks before it writes: the entry matches its schema, and its change fits. A malformed
 * entry is the caller's bug (INTERNAL_ERROR); an oversized change is PAYLOAD_TOO_LARGE, since it grows with
 * the request that caused it.
 */
export function checkAuditEntry(entry: AuditEntry): void {
  const outcome = validate<AuditEntry>('audit-entry', entry);
  if (!outcome.ok) {
    throw new DomainError('INTERNAL_ERROR', `Audit entry ${String(entry.id)} does not match its schema.`, { issues: outcome.issues });
  }
  const bytes = new TextEncoder().encode(JSON.stringify(entry.change)).byteLength;
  if (bytes > MAX_AUDIT_CHANGE_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `The audit entry's change takes ${bytes} bytes; at most ${MAX_AUDIT_CHANGE_BYTES} are kept.`, {
      action: entry.action,
      sizeBytes: bytes,
    });
  }
}
