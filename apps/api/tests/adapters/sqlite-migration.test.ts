import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteDatabase, SCHEMA_VERSION } from '../../src/adapters/local/sqlite-database';
import { SqliteInventoryLedger } from '../../src/adapters/local/sqlite-inventory-ledger';
import { SqliteItemCatalogue } from '../../src/adapters/local/sqlite-item-catalogue';
import { SqliteJobRepository } from '../../src/adapters/local/sqlite-job-repository';
import { makeDataDir } from '../support/test-server';

const JOB_A = '00000000-0000-4000-8000-00000000000a';
const JOB_B = '00000000-0000-4000-8000-00000000000b';

/**
 * The database file exactly as the first release wrote it (schema version 1, before reviews), with one
 * applied and one parsed job: what a DATA_DIR kept across the upgrade contains.
 */
function writeFirstReleaseDatabase(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;
    INSERT INTO schema_migrations VALUES (1, '2026-01-01T00:00:00.000Z');
    CREATE TABLE jobs (
      job_id TEXT PRIMARY KEY, status TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL,
      size_bytes INTEGER NOT NULL, attempt INTEGER NOT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL, error_json TEXT, summary_json TEXT, applied_at TEXT, object_key TEXT NOT NULL, run_id TEXT
    ) STRICT;
    CREATE INDEX jobs_newest_first ON jobs (created_at DESC, job_id DESC);
    CREATE TABLE ledger (job_id TEXT PRIMARY KEY, attempt INTEGER NOT NULL, applied_at TEXT NOT NULL, deltas_json TEXT NOT NULL) STRICT;
    CREATE TABLE stock (sku TEXT PRIMARY KEY, quantity TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
    INSERT INTO jobs VALUES ('${JOB_A}', 'APPLIED', 'a.pdf', 'application/pdf', 10, 1, 6, '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:05:00.000Z', NULL, NULL, '2026-01-01T10:05:00.000Z', 'raw/${JOB_A}/a.pdf', 'run-a');
    INSERT INTO jobs VALUES ('${JOB_B}', 'PARSED', 'b.pdf', 'application/pdf', 10, 1, 4, '2026-01-02T10:00:00.000Z',
      '2026-01-02T10:01:00.000Z', NULL, NULL, NULL, 'raw/${JOB_B}/b.pdf', 'run-b');
    INSERT INTO ledger VALUES ('${JOB_A}', 1, '2026-01-01T10:05:00.000Z', '[{"sku":"OLD-1","quantity":"2.5"},{"sku":"OLD-2","quantity":"-1"}]');
    INSERT INTO stock VALUES ('OLD-1', '2.5', '2026-01-01T10:05:00.000Z'), ('OLD-2', '-1', '2026-01-01T10:05:00.000Z');
  `);
  db.close();
}

describe('openSqliteDatabase on a database of the first release', () => {
  it('adds the review columns with revision 0, keeps every row, and back-fills the stock movements', async () => {
    // Arrange
    const dir = makeDataDir('migrate');
    const file = path.join(dir.dataDir, 'old.sqlite');
    writeFirstReleaseDatabase(file);

    // Act
    const db = openSqliteDatabase(file);

    // Assert
    try {
      const jobs = new SqliteJobRepository(db);
      const ledger = new SqliteInventoryLedger(db);
      expect(await jobs.get(JOB_B)).toMatchObject({ status: 'PARSED', version: 4, reviewRevision: 0, review: null });
      expect(await ledger.getLedgerRecord(JOB_A)).toEqual({
        jobId: JOB_A,
        attempt: 1,
        reviewRevision: 0,
        appliedAt: '2026-01-01T10:05:00.000Z',
        deltas: [
          { sku: 'OLD-1', quantity: '2.5' },
          { sku: 'OLD-2', quantity: '-1' },
        ],
        applySequence: 1,
      });
      expect(await ledger.listMovements('OLD-2')).toEqual([
        { jobId: JOB_A, sku: 'OLD-2', quantity: '-1', appliedAt: '2026-01-01T10:05:00.000Z', reviewRevision: 0, entry: 'apply', applySequence: 1 },
      ]);
      expect(await ledger.getStock('OLD-1')).toMatchObject({ quantity: '2.5' });
      // Every later migration ran once, in order (counted, so a new migration does not rewrite this test).
      const versions = Array.from({ length: SCHEMA_VERSION }, (_, index) => ({ version: index + 1 }));
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(versions);
    } finally {
      db.close();
      dir.remove();
    }
  });

  it('opens the upgraded file again without migrating twice or duplicating movements', async () => {
    // Arrange
    const dir = makeDataDir('migrate');
    const file = path.join(dir.dataDir, 'old.sqlite');
    writeFirstReleaseDatabase(file);
    openSqliteDatabase(file).close();

    // Act
    const db = openSqliteDatabase(file);

    // Assert
    try {
      expect(await new SqliteInventoryLedger(db).listMovements('OLD-1')).toHaveLength(1);
      expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: SCHEMA_VERSION });
    } finally {
      db.close();
      dir.remove();
    }
  });

  it('makes every SKU with stock a catalogue item named after it, in pcs, keeping its stock', async () => {
    // Arrange
    const dir = makeDataDir('migrate');
    const file = path.join(dir.dataDir, 'old.sqlite');
    writeFirstReleaseDatabase(file);

    // Act
    const db = openSqliteDatabase(file);

    // Assert
    try {
      const catalogue = new SqliteItemCatalogue(db);
      const at = '2026-01-01T10:05:00.000Z';
      expect(await catalogue.all()).toEqual([
        { sku: 'OLD-1', name: 'OLD-1', unit: 'pcs', gtin: null, createdAt: at, updatedAt: at, version: 1 },
        { sku: 'OLD-2', name: 'OLD-2', unit: 'pcs', gtin: null, createdAt: at, updatedAt: at, version: 1 },
      ]);
      expect(await catalogue.findMissing(['OLD-1', 'OLD-2'])).toEqual([]);
      expect((await new SqliteInventoryLedger(db).listStock()).map((item) => [item.sku, item.quantity])).toEqual([
        ['OLD-1', '2.5'],
        ['OLD-2', '-1'],
      ]);
    } finally {
      db.close();
      dir.remove();
    }
  });

  it('finishes a file where part of the upgrade already exists (a column added by hand) instead of failing', async () => {
    // Arrange
    const dir = makeDataDir('migrate');
    const file = path.join(dir.dataDir, 'old.sqlite');
    writeFirstReleaseDatabase(file);
    const raw = new Database(file);
    raw.exec('ALTER TABLE jobs ADD COLUMN review_json TEXT');
    raw.close();

    // Act
    const db = openSqliteDatabase(file);

    // Assert
    try {
      const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('jobs')").all().map((column) => column.name);
      expect(columns.filter((name) => name.startsWith('review_')).sort()).toEqual(['review_json', 'review_revision']);
    } finally {
      db.close();
      dir.remove();
    }
  });
});
