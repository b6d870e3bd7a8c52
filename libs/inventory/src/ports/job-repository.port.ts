import type { AuditEntry } from '@invoice/contracts';
import type { JobRecord } from '../job-record';

export interface JobPage {
  items: JobRecord[];
  /** Opaque; pass it back to get the next page. null when there is none. */
  nextCursor: string | null;
}

/**
 * Stores job records with optimistic concurrency. Shaped for a conditional-write store (DynamoDB
 * ConditionExpression on version) as much as for SQLite.
 */
export interface JobRepository {
  /**
   * Inserts a new record; throws if the id already exists (never overwrites). `audit` entries are written in
   * the same transaction (SQLite; DynamoDB TransactWriteItems), so a job is never stored without them; each is
   * checked as AuditTrail.append checks it, and one with the id of a stored entry stores nothing (INTERNAL_ERROR).
   */
  create(record: JobRecord, audit?: readonly AuditEntry[]): Promise<void>;
  get(jobId: string): Promise<JobRecord | null>;
  /**
   * Replaces the record only if the stored version is still `expectedVersion`; otherwise throws
   * DomainError JOB_CONCURRENT_UPDATE (the caller re-reads). `next.version` must be expectedVersion + 1.
   */
  update(next: JobRecord, expectedVersion: number): Promise<void>;
  /** Newest first. A cursor this repository did not issue throws DomainError VALIDATION_FAILED. */
  list(options: { limit: number; cursor?: string }): Promise<JobPage>;
  /**
   * Jobs QUEUED or PARSING, for the sweeper (sweep-in-flight-jobs.ts), oldest created first, in pages; read from
   * an index that holds only in-flight jobs, so a sweep costs what is in flight, not every job ever made. The
   * order and completeness may lag a moment (DynamoDB's index is eventually consistent): the sweeper re-reads
   * each job before deciding. A cursor this repository did not issue throws DomainError VALIDATION_FAILED.
   */
  listInFlight(options: { limit: number; cursor?: string }): Promise<JobPage>;
}
