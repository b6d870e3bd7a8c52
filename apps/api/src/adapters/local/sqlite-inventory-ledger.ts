import type { InventoryItem, LedgerRecord, ReversalRecord, StockDelta } from '@invoice/contracts';
import {
  addDecimals,
  duplicateInvoice,
  ExactDecimal,
  insufficientStock,
  type ApplyCommand,
  type ApplyOutcome,
  type ClaimHolder,
  type InventoryLedger,
  type InvoiceClaim,
  type LedgerMovement,
  type ReverseCommand,
  type ReverseOutcome,
} from '@invoice/inventory';
import { prepareAuditInsert } from './sqlite-audit-trail';
import { prepareNameUpsert } from './sqlite-supplier-directory';
import { isSqliteConstraint, type SqliteDatabase } from './sqlite-database';
import { IN_LIST, listParam } from './sqlite-in-list';
import { translateSqliteErrors } from './sqlite-errors';
import { prepareJobUpdate, updateJobRow } from './sqlite-job-repository';

interface LedgerRow {
  job_id: string;
  apply_sequence: number;
  attempt: number;
  review_revision: number;
  applied_at: string;
  deltas_json: string;
  allow_duplicate: number;
}

interface ReversalRow {
  job_id: string;
  apply_sequence: number;
  reversed_at: string;
  deltas_json: string;
  allow_negative_stock: number;
}

interface StockRow {
  sku: string;
  quantity: string;
  updated_at: string;
}

interface MovementRow {
  job_id: string;
  sku: string;
  entry: 'apply' | 'reversal';
  apply_sequence: number;
  quantity: string;
  applied_at: string;
  review_revision: number;
}

interface ClaimRow {
  claim_key: string;
  reason: InvoiceClaim['reason'];
  job_id: string;
}

/** Signals, inside the transaction, that the entry already existed; never leaves this module. */
class AlreadyWritten extends Error {}

/**
 * Stock and ledger in the same SQLite file as the jobs, so that apply and reversal are each ONE transaction:
 * the entry's insert (PRIMARY KEY on job and apply sequence detects a repeat), for an apply the invoice's
 * claims (PRIMARY KEY on the claim detects a duplicate), stock upserts added with decimal.js on TEXT
 * quantities, one movement row per delta for the SKU's history, the version-checked job update, and for an
 * apply its audit trail entries and the supplier's name. Any failure rolls all of them back.
 */
export class SqliteInventoryLedger implements InventoryLedger {
  private readonly insertLedger;
  private readonly selectLatestLedger;
  private readonly selectLedger;
  private readonly insertReversal;
  private readonly selectReversal;
  private readonly insertClaim;
  private readonly selectClaim;
  private readonly selectClaims;
  private readonly deleteClaims;
  private readonly selectStock;
  private readonly upsertStock;
  private readonly insertMovement;
  private readonly listAllStock;
  private readonly selectStockItem;
  private readonly selectMovements;
  private readonly updateJob;
  private readonly insertAuditEntry;
  private readonly upsertSupplierName;
  private readonly applyTransaction;
  private readonly reverseTransaction;
  private readonly db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.db = db;
    this.insertLedger = db.prepare(
      'INSERT INTO ledger (job_id, apply_sequence, attempt, review_revision, applied_at, deltas_json, allow_duplicate) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectLatestLedger = db.prepare<[string], LedgerRow>(
      `SELECT job_id, apply_sequence, attempt, review_revision, applied_at, deltas_json, allow_duplicate FROM ledger
       WHERE job_id = ? ORDER BY apply_sequence DESC LIMIT 1`,
    );
    this.selectLedger = db.prepare<[string, number], LedgerRow>(
      `SELECT job_id, apply_sequence, attempt, review_revision, applied_at, deltas_json, allow_duplicate FROM ledger
       WHERE job_id = ? AND apply_sequence = ?`,
    );
    this.insertReversal = db.prepare(
      'INSERT INTO reversals (job_id, apply_sequence, reversed_at, deltas_json, allow_negative_stock) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectReversal = db.prepare<[string, number], ReversalRow>(
      'SELECT job_id, apply_sequence, reversed_at, deltas_json, allow_negative_stock FROM reversals WHERE job_id = ? AND apply_sequence = ?',
    );
    this.insertClaim = db.prepare('INSERT INTO invoice_claims (claim_key, reason, job_id, apply_sequence) VALUES (?, ?, ?, ?)');
    this.selectClaim = db.prepare<[string], ClaimRow>('SELECT claim_key, reason, job_id FROM invoice_claims WHERE claim_key = ?');
    this.selectClaims = db.prepare<[string], ClaimRow>(`SELECT claim_key, reason, job_id FROM invoice_claims WHERE claim_key ${IN_LIST}`);
    this.deleteClaims = db.prepare('DELETE FROM invoice_claims WHERE job_id = ?');
    this.selectStock = db.prepare<[string], { quantity: string }>('SELECT quantity FROM stock WHERE sku = ?');
    this.upsertStock = db.prepare(
      'INSERT INTO stock (sku, quantity, updated_at) VALUES (?, ?, ?) ON CONFLICT (sku) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at',
    );
    this.insertMovement = db.prepare(
      'INSERT INTO stock_movements (sku, job_id, entry, apply_sequence, quantity, applied_at, review_revision) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.listAllStock = db.prepare<[], StockRow>('SELECT sku, quantity, updated_at FROM stock ORDER BY sku');
    this.selectStockItem = db.prepare<[string], StockRow>('SELECT sku, quantity, updated_at FROM stock WHERE sku = ?');
    this.selectMovements = db.prepare<[string], MovementRow>(
      `SELECT job_id, sku, entry, apply_sequence, quantity, applied_at, review_revision FROM stock_movements
       WHERE sku = ? ORDER BY applied_at DESC, job_id DESC, apply_sequence DESC, entry DESC`,
    );
    this.updateJob = prepareJobUpdate(db);
    this.insertAuditEntry = prepareAuditInsert(db);
    this.upsertSupplierName = prepareNameUpsert(db);

    this.applyTransaction = db.transaction((command: ApplyCommand) => {
      const { ledger } = command;
      const sequence = ledger.applySequence ?? 1;
      try {
        this.insertLedger.run(
          ledger.jobId,
          sequence,
          ledger.attempt,
          ledger.reviewRevision,
          ledger.appliedAt,
          JSON.stringify(ledger.deltas),
          ledger.allowDuplicate ? 1 : 0,
        );
      } catch (error) {
        if (isSqliteConstraint(error, 'PRIMARYKEY')) throw new AlreadyWritten();
        throw error;
      }
      for (const claim of command.claims ?? []) {
        try {
          this.insertClaim.run(claim.key, claim.reason, ledger.jobId, sequence);
        } catch (error) {
          if (!isSqliteConstraint(error, 'PRIMARYKEY')) throw error;
          const holder = this.selectClaim.get(claim.key);
          throw Object.assign(
            duplicateInvoice(ledger.jobId, {
              jobId: holder?.job_id ?? '?',
              reason: claim.reason,
            }),
            { cause: error },
          );
        }
      }
      for (const delta of ledger.deltas) {
        this.addToStock(delta, ledger.appliedAt);
        this.insertMovement.run(delta.sku, ledger.jobId, 'apply', sequence, delta.quantity, ledger.appliedAt, ledger.reviewRevision);
      }
      updateJobRow(this.updateJob, command.job, command.expectedJobVersion);
      // The trail's table is in this file: the apply and its entries commit together (one fsync, not two).
      for (const entry of command.audit ?? []) this.insertAuditEntry(entry);
      // So is the supplier directory's: the name goes in with the apply rather than in a commit of its own.
      if (command.supplierName) this.upsertSupplierName(command.supplierName);
    });

    this.reverseTransaction = db.transaction((command: ReverseCommand) => {
      const { reversal } = command;
      // The entry first: a stale repeat of a reversal done meanwhile (even if the job was applied again since)
      // is ALREADY_REVERSED, not an error.
      try {
        this.insertReversal.run(
          reversal.jobId,
          reversal.applySequence,
          reversal.reversedAt,
          JSON.stringify(reversal.deltas),
          reversal.allowNegativeStock ? 1 : 0,
        );
      } catch (error) {
        if (isSqliteConstraint(error, 'PRIMARYKEY')) throw new AlreadyWritten();
        throw error;
      }
      const applied = this.selectLedger.get(reversal.jobId, reversal.applySequence);
      if (!applied) throw new Error(`Job ${reversal.jobId} has no apply ${reversal.applySequence} to reverse`);
      if (!reversal.allowNegativeStock) {
        const short = reversal.deltas
          .map((delta) => ({
            sku: delta.sku,
            quantity: this.selectStock.get(delta.sku)?.quantity ?? '0',
            delta: delta.quantity,
          }))
          .filter((item) => new ExactDecimal(item.quantity).plus(item.delta).lt(0));
        if (short.length > 0) throw insufficientStock(reversal.jobId, short);
      }
      for (const delta of reversal.deltas) {
        this.addToStock(delta, reversal.reversedAt);
        this.insertMovement.run(
          delta.sku,
          reversal.jobId,
          'reversal',
          reversal.applySequence,
          delta.quantity,
          reversal.reversedAt,
          applied.review_revision,
        );
      }
      this.deleteClaims.run(reversal.jobId);
      updateJobRow(this.updateJob, command.job, command.expectedJobVersion);
    });
  }

  async applyOnce(command: ApplyCommand): Promise<ApplyOutcome> {
    try {
      // IMMEDIATE takes the write lock before the first read, so a stock quantity cannot change between
      // being read and being written, even with another process on the same file.
      translateSqliteErrors(() => this.applyTransaction.immediate(command));
      return { outcome: 'APPLIED', ledger: command.ledger };
    } catch (error) {
      if (!(error instanceof AlreadyWritten)) throw error;
      const existing = await this.getLedgerRecord(command.ledger.jobId);
      if (!existing) throw new Error(`Ledger record of job ${command.ledger.jobId} vanished`, { cause: error });
      return { outcome: 'ALREADY_APPLIED', ledger: existing };
    }
  }

  async getLedgerRecord(jobId: string): Promise<LedgerRecord | null> {
    const row = translateSqliteErrors(() => this.selectLatestLedger.get(jobId));
    if (!row) return null;
    return {
      jobId: row.job_id,
      attempt: row.attempt,
      reviewRevision: row.review_revision,
      appliedAt: row.applied_at,
      deltas: JSON.parse(row.deltas_json) as StockDelta[],
      applySequence: row.apply_sequence,
      ...(row.allow_duplicate ? { allowDuplicate: true as const } : {}),
    };
  }

  async reverseOnce(command: ReverseCommand): Promise<ReverseOutcome> {
    try {
      translateSqliteErrors(() => this.reverseTransaction.immediate(command));
      return { outcome: 'REVERSED', reversal: command.reversal };
    } catch (error) {
      if (!(error instanceof AlreadyWritten)) throw error;
      const existing = await this.getReversal(command.reversal.jobId, command.reversal.applySequence);
      if (!existing)
        throw new Error(`Reversal of job ${command.reversal.jobId} vanished`, {
          cause: error,
        });
      return { outcome: 'ALREADY_REVERSED', reversal: existing };
    }
  }

  async getReversal(jobId: string, applySequence: number): Promise<ReversalRecord | null> {
    const row = translateSqliteErrors(() => this.selectReversal.get(jobId, applySequence));
    if (!row) return null;
    return {
      jobId: row.job_id,
      applySequence: row.apply_sequence,
      reversedAt: row.reversed_at,
      deltas: JSON.parse(row.deltas_json) as StockDelta[],
      allowNegativeStock: row.allow_negative_stock === 1,
    };
  }

  async findClaimHolders(keys: readonly string[]): Promise<ClaimHolder[]> {
    const rows = translateSqliteErrors(() => this.selectClaims.all(listParam(keys)));
    return rows.map((row) => ({ key: row.claim_key, reason: row.reason, jobId: row.job_id }));
  }

  async listStock(): Promise<InventoryItem[]> {
    return translateSqliteErrors(() => this.listAllStock.all()).map(toItem);
  }

  async getStock(sku: string): Promise<InventoryItem | null> {
    const row = translateSqliteErrors(() => this.selectStockItem.get(sku));
    return row ? toItem(row) : null;
  }

  async listMovements(sku: string): Promise<LedgerMovement[]> {
    return translateSqliteErrors(() => this.selectMovements.all(sku)).map((row) => ({
      jobId: row.job_id,
      sku: row.sku,
      quantity: row.quantity,
      appliedAt: row.applied_at,
      reviewRevision: row.review_revision,
      entry: row.entry,
      applySequence: row.apply_sequence,
    }));
  }

  private addToStock(delta: StockDelta, at: string): void {
    const current = this.selectStock.get(delta.sku)?.quantity ?? '0';
    this.upsertStock.run(delta.sku, addDecimals(current, delta.quantity), at);
  }
}

function toItem(row: StockRow): InventoryItem {
  return { sku: row.sku, quantity: row.quantity, updatedAt: row.updated_at };
}
