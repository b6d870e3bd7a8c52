import type { AuditAction, AuditEntry } from '@invoice/contracts';

/** Which entries a query wants; every filter given must hold (AND). */
export interface AuditQuery {
  /** Only this job's entries. */
  jobId?: string;
  /** Only this user's entries (matched exactly). */
  user?: string;
  action?: AuditAction;
  /** Only entries at or after this instant (inclusive), an ISO timestamp. */
  from?: string;
  /** Only entries before this instant (exclusive), an ISO timestamp. */
  to?: string;
  /** From a previous page of the same query; a cursor of another query or another service throws VALIDATION_FAILED. */
  cursor?: string;
  limit: number;
}

export interface AuditPage {
  /** Newest first: `at` descending, then `id` descending. */
  items: AuditEntry[];
  /** Opaque; pass it back with the same filters to get the next page. null when there is none. */
  nextCursor: string | null;
}

/**
 * The append-only trail of who changed what. Nothing can change or remove an entry once written: the SQLite
 * table refuses UPDATE and DELETE by trigger, and the DynamoDB table is written with conditional PutItem only,
 * by a role that may not update or delete its items.
 */
export interface AuditTrail {
  /**
   * Stores the entry (checked by checkAuditEntry first: INTERNAL_ERROR for one off its schema,
   * PAYLOAD_TOO_LARGE for a change over MAX_AUDIT_CHANGE_BYTES). An entry with the id and time of one already
   * stored is refused with INTERNAL_ERROR and the stored one is kept: an entry is never overwritten. (Ids are
   * fresh UUIDs, so two entries never share one otherwise; SQLite refuses a reused id whatever its time.)
   */
  append(entry: AuditEntry): Promise<void>;
  /** The entries matching every filter given, newest first, `limit` at a time. */
  query(query: AuditQuery): Promise<AuditPage>;
}
