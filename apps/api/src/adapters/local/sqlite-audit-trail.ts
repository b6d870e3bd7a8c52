import type { AuditAction, AuditEntry } from '@invoice/contracts';
import { checkAuditEntry, DomainError, type AuditPage, type AuditQuery, type AuditTrail } from '@invoice/inventory';
import { auditPageOf, auditRangeOf, isEmptyRange } from '../audit-position';
import type { SqliteDatabase } from './sqlite-database';
import { translateSqliteErrors } from './sqlite-errors';

interface AuditRow {
  id: string;
  at: string;
  actor_user: string | null;
  actor_role: string | null;
  request_id: string;
  job_id: string | null;
  action: string;
  change_json: string;
}

const COLUMNS = 'id, at, actor_user, actor_role, request_id, job_id, action, change_json';

/**
 * The audit trail in the `audit` table. The table's triggers refuse UPDATE, DELETE and an INSERT over an
 * existing id (which INSERT OR REPLACE would otherwise turn into a silent delete), so even a hand-written SQL
 * statement cannot rewrite history; this adapter only ever inserts.
 */
export class SqliteAuditTrail implements AuditTrail {
  private readonly insertEntry;

  constructor(private readonly db: SqliteDatabase) {
    this.insertEntry = prepareAuditInsert(db);
  }

  async append(entry: AuditEntry): Promise<void> {
    translateSqliteErrors(() => this.insertEntry(entry));
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const range = auditRangeOf(query);
    if (isEmptyRange(range)) return { items: [], nextCursor: null };
    // Conditions are built from a fixed set, values always bound; each filter has an index leading with its
    // column and ending in (at, id), so the newest-first walk stops after limit + 1 rows.
    const conditions: string[] = [];
    const values: string[] = [];
    const where = (condition: string, ...bound: string[]): void => {
      conditions.push(condition);
      values.push(...bound);
    };
    if (range.jobId !== null) where('job_id = ?', range.jobId);
    if (range.user !== null) where('actor_user = ?', range.user);
    if (range.action !== null) where('action = ?', range.action);
    if (range.lowest !== null) where('at >= ?', range.lowest);
    if (range.upper !== null) {
      // Below a position {at}#{id} (a cursor) means an earlier at, or the same at and a lower id: the text
      // order of positions, which DynamoDB uses, written so that the (at, id) indexes serve it.
      const [upperAt, upperId] = range.upper.split('#') as [string, string | undefined];
      if (upperId === undefined) where('at < ?', upperAt);
      else where('(at < ? OR (at = ? AND id < ?))', upperAt, upperAt, upperId);
    }
    const sql = `SELECT ${COLUMNS} FROM audit ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
    const rows = translateSqliteErrors(() => this.db.prepare<unknown[], AuditRow>(sql).all(...values, range.limit + 1));
    return auditPageOf(rows.map(fromRow), range);
  }
}

/**
 * Checks an entry (checkAuditEntry) and inserts it, on this connection and in whatever transaction is open:
 * the ledger's apply writes its entries with it inside its own transaction. An id already stored is refused
 * with INTERNAL_ERROR (the append-only triggers), never overwritten.
 */
export function prepareAuditInsert(db: SqliteDatabase): (entry: AuditEntry) => void {
  const insertRow = db.prepare(`INSERT INTO audit (${COLUMNS}) VALUES (@id, @at, @actor_user, @actor_role, @request_id, @job_id, @action, @change_json)`);
  return (entry) => {
    checkAuditEntry(entry);
    try {
      insertRow.run(toRow(entry));
    } catch (error) {
      if (isAppendOnlyRefusal(error)) {
        throw new DomainError('INTERNAL_ERROR', `Audit entry ${entry.id} already exists; entries are never overwritten.`, { id: entry.id }, { cause: error });
      }
      throw error;
    }
  };
}

function toRow(entry: AuditEntry): AuditRow {
  return {
    id: entry.id,
    at: entry.at,
    actor_user: entry.actor.user,
    actor_role: entry.actor.role,
    request_id: entry.requestId,
    job_id: entry.jobId,
    action: entry.action,
    change_json: JSON.stringify(entry.change),
  };
}

function fromRow(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: { user: row.actor_user, role: row.actor_role },
    requestId: row.request_id,
    jobId: row.job_id,
    action: row.action as AuditAction,
    change: JSON.parse(row.change_json) as AuditEntry['change'],
  };
}

/** The triggers' RAISE(ABORT) surfaces as a constraint error of kind TRIGGER. */
function isAppendOnlyRefusal(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return code === 'SQLITE_CONSTRAINT_TRIGGER' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
