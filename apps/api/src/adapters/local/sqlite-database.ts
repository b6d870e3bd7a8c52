import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type SqliteDatabase = Database.Database;

/** Waits this long for another connection's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Schema changes in order; each runs once, in its own transaction, recorded in schema_migrations.
 * Quantities are TEXT decimal strings: SQLite's REAL would round them.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE jobs (
     job_id        TEXT PRIMARY KEY,
     status        TEXT NOT NULL,
     file_name     TEXT NOT NULL,
     content_type  TEXT NOT NULL,
     size_bytes    INTEGER NOT NULL,
     attempt       INTEGER NOT NULL,
     version       INTEGER NOT NULL,
     created_at    TEXT NOT NULL,
     updated_at    TEXT NOT NULL,
     error_json    TEXT,
     summary_json  TEXT,
     applied_at    TEXT,
     object_key    TEXT NOT NULL,
     run_id        TEXT
   ) STRICT;
   CREATE INDEX jobs_newest_first ON jobs (created_at DESC, job_id DESC);
   CREATE TABLE ledger (
     job_id       TEXT PRIMARY KEY,
     attempt      INTEGER NOT NULL,
     applied_at   TEXT NOT NULL,
     deltas_json  TEXT NOT NULL
   ) STRICT;
   CREATE TABLE stock (
     sku         TEXT PRIMARY KEY,
     quantity    TEXT NOT NULL,
     updated_at  TEXT NOT NULL
   ) STRICT;`,
];

/** Opens (creating if needed) the database file with durable settings and an up-to-date schema. */
export function openSqliteDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL lets readers proceed during a write; FULL syncs the WAL on every commit so an applied invoice
  // survives a power cut; busy_timeout makes a second process wait instead of failing at once.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
  );
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (applied.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
    }).immediate();
  });
}

/** True for better-sqlite3's error of a violated constraint of the given kind (e.g. PRIMARYKEY). */
export function isSqliteConstraint(error: unknown, kind: 'PRIMARYKEY' | 'UNIQUE'): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === `SQLITE_CONSTRAINT_${kind}`;
}

/** True for errors meaning the database could not be reached or locked in time. */
export function isSqliteUnavailable(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_IOERR';
}
