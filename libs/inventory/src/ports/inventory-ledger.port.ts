import type { InventoryItem, LedgerRecord } from '@invoice/contracts';
import type { JobRecord } from '../job-record';

export interface ApplyCommand {
  /** The ledger record to write, keyed by jobId: its existence is what makes apply happen at most once. */
  ledger: LedgerRecord;
  /** The job as it must become (APPLIED, version + 1). */
  job: JobRecord;
  /** The version the stored job must still have; a mismatch aborts the whole transaction. */
  expectedJobVersion: number;
}

export type ApplyOutcome = { outcome: 'APPLIED'; ledger: LedgerRecord } | { outcome: 'ALREADY_APPLIED'; ledger: LedgerRecord };

/** What one applied job did to one SKU: the SKU's delta in that job's ledger record. */
export interface LedgerMovement {
  jobId: string;
  sku: string;
  /** Signed decimal string, exactly as in the ledger record's deltas. */
  quantity: string;
  appliedAt: string;
  /** The ledger record's reviewRevision. */
  reviewRevision: number;
}

/**
 * Stock on hand and the ledger of applied jobs. applyOnce is one atomic transaction (SQLite transaction,
 * DynamoDB TransactWriteItems): ledger record (insert-if-absent) + stock deltas + job status update.
 */
export interface InventoryLedger {
  /**
   * Applies all or nothing. A ledger record that already exists for the job yields ALREADY_APPLIED with
   * that record and changes nothing; a job version mismatch throws DomainError JOB_CONCURRENT_UPDATE.
   * The ledger record is stored whole, reviewRevision included.
   */
  applyOnce(command: ApplyCommand): Promise<ApplyOutcome>;
  getLedgerRecord(jobId: string): Promise<LedgerRecord | null>;
  /** Every SKU with its quantity, ordered by SKU. */
  listStock(): Promise<InventoryItem[]>;
  /** One SKU's stock, or null when no apply ever moved it. The SKU is matched exactly. */
  getStock(sku: string): Promise<InventoryItem | null>;
  /**
   * Every movement of one SKU (one per applied job whose deltas name it), newest first: appliedAt
   * descending, then jobId descending. Empty for a SKU never moved.
   */
  listMovements(sku: string): Promise<LedgerMovement[]>;
}
