import type { AuditEntry, InventoryItem, LedgerRecord, ReversalRecord } from '@invoice/contracts';
import type { InvoiceClaim } from '../invoice-claims';
import type { JobRecord } from '../job-record';
import type { SupplierName } from './supplier-directory.port';

export interface ApplyCommand {
  /**
   * The ledger record to write, keyed by jobId and applySequence: its existence is what makes each apply of
   * a job happen at most once.
   */
  ledger: LedgerRecord;
  /** The job as it must become (APPLIED, version + 1). */
  job: JobRecord;
  /** The version the stored job must still have; a mismatch aborts the whole transaction. */
  expectedJobVersion: number;
  /**
   * What makes this invoice unique (its document, its supplier and number): each is claimed in the same
   * transaction, and one already held by another job's apply aborts it with DUPLICATE_INVOICE. Empty when
   * the operator allowed a duplicate.
   */
  claims?: readonly InvoiceClaim[];
  /**
   * Audit trail entries written in the same transaction, so an apply is never committed without them (the
   * trail and the ledger share one SQLite file; in DynamoDB each is one more Put of the first transaction).
   * Written only by the call that applies, not by one answering ALREADY_APPLIED. Each is checked as
   * AuditTrail.append checks it; one with the id and time of a stored entry aborts the apply (INTERNAL_ERROR).
   */
  audit?: readonly AuditEntry[];
  /**
   * The supplier's name as this invoice shows it, remembered with the apply exactly as
   * SupplierDirectory.nameSupplier remembers it (a name seen later and stored already is kept), in the same
   * transaction so it costs no commit of its own. A name kept out for being older never refuses the apply.
   */
  supplierName?: SupplierName;
}

export type ApplyOutcome = { outcome: 'APPLIED'; ledger: LedgerRecord } | { outcome: 'ALREADY_APPLIED'; ledger: LedgerRecord };

export interface ReverseCommand {
  /** The compensating entry: the reversed apply's deltas negated, keyed by jobId and applySequence. */
  reversal: ReversalRecord;
  /** The job as it must become (REVERSED, version + 1). */
  job: JobRecord;
  expectedJobVersion: number;
}

export type ReverseOutcome = { outcome: 'REVERSED'; reversal: ReversalRecord } | { outcome: 'ALREADY_REVERSED'; reversal: ReversalRecord };

/** What one ledger entry of a job did to one SKU: the SKU's delta in that apply's or reversal's record. */
export interface LedgerMovement {
  jobId: string;
  sku: string;
  /** Signed decimal string, exactly as in the entry's deltas. */
  quantity: string;
  /** When the entry was written: the apply's appliedAt, or the reversal's reversedAt. */
  appliedAt: string;
  /** The applied ledger record's reviewRevision (for a reversal, the one of the apply it reverses). */
  reviewRevision: number;
  entry: 'apply' | 'reversal';
  applySequence: number;
}

/** An applied job holding a claim: the job a duplicate would duplicate. */
export interface ClaimHolder {
  key: string;
  reason: InvoiceClaim['reason'];
  jobId: string;
}

/**
 * Stock on hand and the ledger of applied and reversed jobs. applyOnce and reverseOnce are each one atomic
 * transaction (SQLite transaction, DynamoDB TransactWriteItems; a chunked DynamoDB entry is committed by its
 * first transaction and finished by whoever reads it next).
 */
export interface InventoryLedger {
  /**
   * Applies all or nothing. A ledger record that already exists for the job and sequence yields
   * ALREADY_APPLIED with that record and changes nothing; a job version mismatch throws DomainError
   * JOB_CONCURRENT_UPDATE; a claim held by another job throws DUPLICATE_INVOICE naming it (details.jobId,
   * details.reason). The ledger record is stored whole.
   */
  applyOnce(command: ApplyCommand): Promise<ApplyOutcome>;
  /** The job's latest apply record (highest applySequence, read as 1 when absent), or null if never applied. */
  getLedgerRecord(jobId: string): Promise<LedgerRecord | null>;
  /**
   * Writes the compensating entry, adds its deltas to stock, releases the apply's claims and moves the job,
   * all or nothing. An entry that already exists for the job and sequence yields ALREADY_REVERSED with it;
   * a job version mismatch throws JOB_CONCURRENT_UPDATE; unless allowNegativeStock, a SKU that would go
   * below zero throws INSUFFICIENT_STOCK listing every such SKU (details.skus).
   */
  reverseOnce(command: ReverseCommand): Promise<ReverseOutcome>;
  /** The reversal of apply `applySequence` of the job, or null. */
  getReversal(jobId: string, applySequence: number): Promise<ReversalRecord | null>;
  /** The applied jobs holding any of these claim keys. */
  findClaimHolders(keys: readonly string[]): Promise<ClaimHolder[]>;
  /** Every SKU with its quantity, ordered by SKU. */
  listStock(): Promise<InventoryItem[]>;
  /** One SKU's stock, or null when no apply ever moved it. The SKU is matched exactly. */
  getStock(sku: string): Promise<InventoryItem | null>;
  /**
   * Every movement of one SKU (one per ledger entry whose deltas name it), newest first: appliedAt
   * descending, then jobId descending. Empty for a SKU never moved.
   */
  listMovements(sku: string): Promise<LedgerMovement[]>;
}
