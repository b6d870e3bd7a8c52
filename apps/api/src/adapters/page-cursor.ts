import { DomainError } from '@invoice/inventory';

/**
 * The page cursor of every store and every list that pages by a sort key (the catalogue's SKUs, the audit
 * trail's positions): base64url of the last key of the page and the query it answered, so that a cursor is
 * never mistaken for one of another search. Opaque to clients.
 */
export function encodePageCursor(lastKey: string, query: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey, q: query }), 'utf8').toString('base64url');
}

/** The key the next page starts after; VALIDATION_FAILED for a cursor not issued here or for another query. */
export function decodePageCursor(cursor: string, query: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isPosition(parsed) && parsed.q === query) return parsed.after;
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw invalidCursor();
}

/** The answer to a cursor that is not one this service issued for this search. */
export function invalidCursor(): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The cursor is not one this service issued for this search.', {
    issues: [{ path: '/cursor', message: 'is not a valid cursor' }],
  });
}

function isPosition(value: unknown): value is { after: string; q: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { after, q } = value as Record<string, unknown>;
  return typeof after === 'string' && after.length > 0 && typeof q === 'string';
}
