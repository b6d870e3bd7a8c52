import type { InventoryItem, LedgerRecord, StockDelta } from '@invoice/contracts';
import { addDecimals, type ApplyCommand, type ApplyOutcome, type InventoryLedger, type LedgerMovement } from '@invoice/inventory';
import { isSqliteConstraint, type SqliteDatabase } from './sqlite-database';
import { translateSqliteErrors } from './sqlite-errors';
import { prepareJobUpdate, updateJobRow } from './sqlite-job-repository';

interface LedgerRow {
  job_id: string;
  attempt: number;
  review_revision: number;
  applied_at: string;
  deltas_json: string;
}

interface StockRow {
  sku: string;
  quantity: string;
  updated_at: string;
}

interface MovementRow {
  job_id: string;
  sku: string;
  quantity: string;
  applied_at: string;
  review_revision: number;
}

/** Signals, inside the transaction, that the ledger record already existed; never leaves this module. */
class AlreadyApplied extends Error {}

/**
 * Stock and ledger in the same SQLite file as the jobs, so that apply is ONE transaction: ledger insert
 * (PRIMARY KEY on job_id detects a repeat), stock upserts added with decimal.js on TEXT quantities, one
 * movement row per delta for the SKU's history, and the version-checked job update. Any failure rolls all
 * of them back.
 */
export class SqliteInventoryLedger implements InventoryLedger {
  private readonly insertLedger;
  private readonly selectLedger;
  private readonly selectStock;
  private readonly upsertStock;
  private readonly insertMovement;
  private readonly listAllStock;
  private readonly selectStockItem;
  private readonly selectMovements;
  private readonly updateJob;
  private readonly applyTransaction;

  constructor(db: SqliteDatabase) {
    this.insertLedger = db.prepare('INSERT INTO ledger (job_id, attempt, review_revision, applied_at, deltas_json) VALUES (?, ?, ?, ?, ?)');
    this.selectLedger = db.prepare<[string], LedgerRow>(
      'SELECT job_id, attempt, review_revision, applied_at, deltas_json FROM ledger WHERE job_id = ?',
    );
    this.selectStock = db.prepare<[string], { quantity: string }>('SELECT quantity FROM stock WHERE sku = ?');
    this.upsertStock = db.prepare(
      'INSERT INTO stock (sku, quantity, updated_at) VALUES (?, ?, ?) ON CONFLICT (sku) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at',
    );
    this.insertMovement = db.prepare(
      'INSERT INTO stock_movements (sku, job_id, quantity, applied_at, review_revision) VALUES (?, ?, ?, ?, ?)',
    );
    this.listAllStock = db.prepare<[], StockRow>('SELECT sku, quantity, updated_at FROM stock ORDER BY sku');
    this.selectStockItem = db.prepare<[string], StockRow>('SELECT sku, quantity, updated_at FROM stock WHERE sku = ?');
    this.selectMovements = db.prepare<[string], MovementRow>(
      `SELECT job_id, sku, quantity, applied_at, review_revision FROM stock_movements
       WHERE sku = ? ORDER BY applied_at DESC, job_id DESC`,
    );
    this.updateJob = prepareJobUpdate(db);
    this.applyTransaction = db.transaction((command: ApplyCommand) => {
      const { ledger } = command;
      try {
        this.insertLedger.run(ledger.jobId, ledger.attempt, ledger.reviewRevision, ledger.appliedAt, JSON.stringify(ledger.deltas));
      } catch (error) {
        if (isSqliteConstraint(error, 'PRIMARYKEY')) throw new AlreadyApplied();
        throw error;
      }
      for (const delta of ledger.deltas) {
        this.addToStock(delta, ledger.appliedAt);
        this.insertMovement.run(delta.sku, ledger.jobId, delta.quantity, ledger.appliedAt, ledger.reviewRevision);
      }
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
      if (!(error instanceof AlreadyApplied)) throw error;
      const existing = await this.getLedgerRecord(command.ledger.jobId);
      if (!existing) throw new Error(`Ledger record of job ${command.ledger.jobId} vanished`);
      return { outcome: 'ALREADY_APPLIED', ledger: existing };
    }
  }

  async getLedgerRecord(jobId: string): Promise<LedgerRecord | null> {
    const row = translateSqliteErrors(() => this.selectLedger.get(jobId));
    if (!row) return null;
    return {
      jobId: row.job_id,
      attempt: row.attempt,
      reviewRevision: row.review_revision,
      appliedAt: row.applied_at,
      deltas: JSON.parse(row.deltas_json) as StockDelta[],
    };
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
