import { concurrentUpdate, DomainError, type JobPage, type JobRecord, type JobRepository, type StoredReview } from '@invoice/inventory';
import type { AuditEntry, JobStatus } from '@invoice/contracts';
import { prepareAuditInsert } from './sqlite-audit-trail';
import { isSqliteConstraint, type SqliteDatabase } from './sqlite-database';
import { decodeCursor, encodeCursor } from './job-cursor';
import { translateSqliteErrors } from './sqlite-errors';

interface JobRow {
  job_id: string;
  status: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  attempt: number;
  version: number;
  created_at: string;
  updated_at: string;
  error_json: string | null;
  summary_json: string | null;
  applied_at: string | null;
  object_key: string;
  run_id: string | null;
  review_revision: number;
  review_json: string | null;
  /** attempts, parseRequest and retryAt as one JSON object, with the fields a record lacks left out. */
  parse_json: string | null;
}

type ParseState = Pick<JobRecord, 'attempts' | 'parseRequest' | 'retryAt'>;

/** Written once here; the SELECT, INSERT and UPDATE statements below are derived from it. */
const COLUMN_NAMES: readonly (keyof JobRow)[] = [
  'job_id', 'status', 'file_name', 'content_type', 'size_bytes', 'attempt', 'version',
  'created_at', 'updated_at', 'error_json', 'summary_json', 'applied_at', 'object_key', 'run_id',
  'review_revision', 'review_json', 'parse_json',
];
const COLUMNS = COLUMN_NAMES.join(', ');
const PARAMS = COLUMN_NAMES.map((column) => `@${column}`).join(', ');
const ASSIGNMENTS = COLUMN_NAMES.filter((column) => column !== 'job_id').map((column) => `${column} = @${column}`).join(', ');

export class SqliteJobRepository implements JobRepository {
  private readonly insertRow;
  private readonly createTransaction;
  private readonly selectRow;
  private readonly updateRow;
  private readonly firstPage;
  private readonly nextPage;
  private readonly firstInFlight;
  private readonly nextInFlight;

  constructor(private readonly db: SqliteDatabase) {
    this.insertRow = db.prepare(`INSERT INTO jobs (${COLUMNS}) VALUES (${PARAMS})`);
    const insertAuditEntry = prepareAuditInsert(db);
    // The trail's table is in this file: the job and its entries commit together (one fsync, not two).
    this.createTransaction = db.transaction((record: JobRecord, audit: readonly AuditEntry[]) => {
      this.insertRow.run(toRow(record));
      for (const entry of audit) insertAuditEntry(entry);
    });
    this.selectRow = db.prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE job_id = ?`);
    this.updateRow = prepareJobUpdate(db);
    this.firstPage = db.prepare<[number], JobRow>(`SELECT ${COLUMNS} FROM jobs ORDER BY created_at DESC, job_id DESC LIMIT ?`);
    this.nextPage = db.prepare<[string, string, string, number], JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE created_at < ? OR (created_at = ? AND job_id < ?)
       ORDER BY created_at DESC, job_id DESC LIMIT ?`,
    );
    // The status list repeats the partial index's WHERE word for word, so SQLite uses jobs_in_flight.
    const inFlight = `status IN ('QUEUED', 'PARSING')`;
    this.firstInFlight = db.prepare<[number], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE ${inFlight} ORDER BY created_at, job_id LIMIT ?`);
    this.nextInFlight = db.prepare<[string, string, string, number], JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE ${inFlight} AND (created_at > ? OR (created_at = ? AND job_id > ?))
       ORDER BY created_at, job_id LIMIT ?`,
    );
  }

  async create(record: JobRecord, audit: readonly AuditEntry[] = []): Promise<void> {
    translateSqliteErrors(() => {
      try {
        this.createTransaction(record, audit);
      } catch (error) {
        if (isSqliteConstraint(error, 'PRIMARYKEY')) throw new Error(`Job ${record.jobId} already exists`);
        throw error;
      }
    });
  }

  async get(jobId: string): Promise<JobRecord | null> {
    const row = translateSqliteErrors(() => this.selectRow.get(jobId));
    return row ? fromRow(row) : null;
  }

  async update(next: JobRecord, expectedVersion: number): Promise<void> {
    updateJobRow(this.updateRow, next, expectedVersion);
  }

  async list(options: { limit: number; cursor?: string }): Promise<JobPage> {
    const position = options.cursor === undefined ? null : decodeCursor(options.cursor);
    // One extra row tells whether another page exists without a second query.
    const rows = translateSqliteErrors(() =>
      position
        ? this.nextPage.all(position.createdAt, position.createdAt, position.jobId, options.limit + 1)
        : this.firstPage.all(options.limit + 1),
    );
    const items = rows.slice(0, options.limit).map(fromRow);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null };
  }

  async listInFlight(options: { limit: number; cursor?: string }): Promise<JobPage> {
    const position = options.cursor === undefined ? null : decodeCursor(options.cursor);
    const rows = translateSqliteErrors(() =>
      position
        ? this.nextInFlight.all(position.createdAt, position.createdAt, position.jobId, options.limit + 1)
        : this.firstInFlight.all(options.limit + 1),
    );
    const items = rows.slice(0, options.limit).map(fromRow);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null };
  }
}

type UpdateStatement = ReturnType<SqliteDatabase['prepare']>;

/** The version-guarded update, shared with the ledger's apply transaction. */
export function updateJobRow(statement: UpdateStatement, next: JobRecord, expectedVersion: number): void {
  if (next.version !== expectedVersion + 1) {
    throw new DomainError('INTERNAL_ERROR', `Job ${next.jobId}: version must grow by one (${expectedVersion} -> ${next.version}).`);
  }
  const result = translateSqliteErrors(() => statement.run({ ...toRow(next), expected_version: expectedVersion }));
  if (result.changes !== 1) throw concurrentUpdate(next.jobId, expectedVersion);
}

/** UPDATE … WHERE version = expected: the optimistic check and the write are one statement. */
export function prepareJobUpdate(db: SqliteDatabase): UpdateStatement {
  return db.prepare(`UPDATE jobs SET ${ASSIGNMENTS} WHERE job_id = @job_id AND version = @expected_version`);
}

function toRow(record: JobRecord): JobRow {
  return {
    job_id: record.jobId,
    status: record.status,
    file_name: record.fileName,
    content_type: record.contentType,
    size_bytes: record.sizeBytes,
    attempt: record.attempt,
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    error_json: record.error ? JSON.stringify(record.error) : null,
    summary_json: record.summary ? JSON.stringify(record.summary) : null,
    applied_at: record.appliedAt,
    object_key: record.objectKey,
    run_id: record.runId,
    review_revision: record.reviewRevision,
    review_json: record.review ? JSON.stringify(record.review) : null,
    parse_json: JSON.stringify({ attempts: record.attempts, parseRequest: record.parseRequest, retryAt: record.retryAt } satisfies ParseState),
  };
}

function fromRow(row: JobRow): JobRecord {
  return {
    jobId: row.job_id,
    status: row.status as JobStatus,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    attempt: row.attempt,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    error: row.error_json ? JSON.parse(row.error_json) : null,
    summary: row.summary_json ? JSON.parse(row.summary_json) : null,
    appliedAt: row.applied_at,
    objectKey: row.object_key,
    runId: row.run_id,
    reviewRevision: row.review_revision,
    review: row.review_json ? (JSON.parse(row.review_json) as StoredReview) : null,
    ...(row.parse_json ? (JSON.parse(row.parse_json) as ParseState) : {}),
  };
}
