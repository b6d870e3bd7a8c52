import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type SqliteDatabase = Database.Database;

/** Waits this long for another connection's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** A schema change: SQL, or a function for a change that must look at the schema it finds first. */
type Migration = string | ((db: SqliteDatabase) => void);

/**
 * Schema changes in order; each runs once, in its own transaction, recorded in schema_migrations.
 * Quantities are TEXT decimal strings: SQLite's REAL would round them. A database written by an earlier
 * release (DATA_DIR kept across an upgrade) is brought forward by the migrations it has not seen.
 */
const MIGRATIONS: readonly Migration[] = [
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
  addReviewsMappingsAndMovements,
  addReversalsAndClaims,
  addMappingPackSizesAndLastUse,
  addItemCatalogue,
  addSupplierIdentities,
  addSupplierNames,
  addAuditTrail,
  addAccounts,
  addParseQueue,
  addParseAttempts,
];

/** The schema version a file has once opened: one per migration. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Review revisions on jobs and ledger records, remembered SKU mappings, and one movement row per SKU and
 * applied job (back-filled from the ledger records already written), so that a SKU's history is an index
 * lookup rather than a scan of every ledger record. Every step checks what exists, so a half-upgraded file
 * is finished rather than refused.
 */
function addReviewsMappingsAndMovements(db: SqliteDatabase): void {
  addColumnIfMissing(db, 'jobs', 'review_revision', 'INTEGER NOT NULL DEFAULT 0');
  addColumnIfMissing(db, 'jobs', 'review_json', 'TEXT');
  // Records applied before reviews existed applied the parsed lines as they were: revision 0.
  addColumnIfMissing(db, 'ledger', 'review_revision', 'INTEGER NOT NULL DEFAULT 0');
  db.exec(`
    CREATE TABLE IF NOT EXISTS sku_mappings (
      supplier_key   TEXT NOT NULL,
      supplier_sku   TEXT NOT NULL,
      inventory_sku  TEXT NOT NULL,
      updated_at     TEXT NOT NULL,
      PRIMARY KEY (supplier_key, supplier_sku)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS stock_movements (
      sku              TEXT NOT NULL,
      job_id           TEXT NOT NULL,
      quantity         TEXT NOT NULL,
      applied_at       TEXT NOT NULL,
      review_revision  INTEGER NOT NULL,
      PRIMARY KEY (sku, job_id)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS stock_movements_newest_first ON stock_movements (sku, applied_at DESC, job_id DESC);
    INSERT OR IGNORE INTO stock_movements (sku, job_id, quantity, applied_at, review_revision)
      SELECT json_extract(delta.value, '$.sku'), ledger.job_id, json_extract(delta.value, '$.quantity'), ledger.applied_at, ledger.review_revision
      FROM ledger, json_each(ledger.deltas_json) AS delta;
  `);
}

/**
 * Reversals and duplicate claims. A job may now be applied, reversed and applied again, so the ledger and the
 * movements are keyed by (job, apply sequence) and movements also by entry (apply or reversal); the tables
 * are rebuilt with their rows kept as apply 1. Reversals get their own table (one compensating entry per
 * apply); invoice_claims holds, per document and per supplier invoice number, the applied job that claimed it,
 * its primary key making the duplicate check and the apply one transaction. Claims of jobs applied before
 * this release are not back-filled: their sha256 was never stored outside the parse output.
 */
function addReversalsAndClaims(db: SqliteDatabase): void {
  const ledgerColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('ledger')").all();
  if (!ledgerColumns.some((column) => column.name === 'apply_sequence')) {
    db.exec(`
      CREATE TABLE ledger_v3 (
        job_id           TEXT NOT NULL,
        apply_sequence   INTEGER NOT NULL,
        attempt          INTEGER NOT NULL,
        review_revision  INTEGER NOT NULL,
        applied_at       TEXT NOT NULL,
        deltas_json      TEXT NOT NULL,
        allow_duplicate  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (job_id, apply_sequence)
      ) STRICT;
      INSERT INTO ledger_v3 (job_id, apply_sequence, attempt, review_revision, applied_at, deltas_json)
        SELECT job_id, 1, attempt, review_revision, applied_at, deltas_json FROM ledger;
      DROP TABLE ledger;
      ALTER TABLE ledger_v3 RENAME TO ledger;
    `);
  }
  const movementColumns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('stock_movements')").all();
  if (!movementColumns.some((column) => column.name === 'entry')) {
    db.exec(`
      CREATE TABLE stock_movements_v3 (
        sku              TEXT NOT NULL,
        job_id           TEXT NOT NULL,
        entry            TEXT NOT NULL CHECK (entry IN ('apply', 'reversal')),
        apply_sequence   INTEGER NOT NULL,
        quantity         TEXT NOT NULL,
        applied_at       TEXT NOT NULL,
        review_revision  INTEGER NOT NULL,
        PRIMARY KEY (sku, job_id, apply_sequence, entry)
      ) STRICT;
      INSERT INTO stock_movements_v3 (sku, job_id, entry, apply_sequence, quantity, applied_at, review_revision)
        SELECT sku, job_id, 'apply', 1, quantity, applied_at, review_revision FROM stock_movements;
      DROP TABLE stock_movements;
      ALTER TABLE stock_movements_v3 RENAME TO stock_movements;
    `);
  }
  db.exec(`
    CREATE INDEX IF NOT EXISTS stock_movements_newest_first ON stock_movements (sku, applied_at DESC, job_id DESC);
    CREATE TABLE IF NOT EXISTS reversals (
      job_id                TEXT NOT NULL,
      apply_sequence        INTEGER NOT NULL,
      reversed_at           TEXT NOT NULL,
      deltas_json           TEXT NOT NULL,
      allow_negative_stock  INTEGER NOT NULL,
      PRIMARY KEY (job_id, apply_sequence)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS invoice_claims (
      claim_key       TEXT PRIMARY KEY,
      reason          TEXT NOT NULL,
      job_id          TEXT NOT NULL,
      apply_sequence  INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS invoice_claims_by_job ON invoice_claims (job_id);
  `);
}

/**
 * A mapping's pack size (how many inventory units one supplier unit is; rows saved before read as 1) and
 * when an apply last used it (null: never, or before this was recorded).
 */
function addMappingPackSizesAndLastUse(db: SqliteDatabase): void {
  addColumnIfMissing(db, 'sku_mappings', 'pack_size', "TEXT NOT NULL DEFAULT '1'");
  addColumnIfMissing(db, 'sku_mappings', 'last_used_at', 'TEXT');
}

/**
 * The item catalogue: the SKUs stock may be applied to. Every SKU that already has stock becomes an item
 * named after itself, counted in "pcs", created when its stock last moved, so that nothing applied before
 * the catalogue existed is refused or lost. INSERT OR IGNORE keeps an item that is already there.
 */
function addItemCatalogue(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS items (
      sku         TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      unit        TEXT NOT NULL,
      gtin        TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      version     INTEGER NOT NULL
    ) STRICT;
    INSERT OR IGNORE INTO items (sku, name, unit, gtin, created_at, updated_at, version)
      SELECT sku, sku, 'pcs', NULL, updated_at, updated_at, 1 FROM stock;
  `);
}

/**
 * Which supplier each identity on an invoice (`vat:…`, `iban:…`, `name:…`) belongs to. Empty at first: an
 * unknown supplier is keyed by its normalised name, as before, so existing mappings and claims keep working.
 */
function addSupplierIdentities(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS supplier_identities (
      identity      TEXT PRIMARY KEY,
      supplier_key  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS supplier_identities_by_supplier ON supplier_identities (supplier_key, identity);
  `);
}

/** The latest name each supplier was seen under, shown instead of its folded key. */
function addSupplierNames(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS supplier_names (
      supplier_key  TEXT PRIMARY KEY,
      display_name  TEXT NOT NULL,
      seen_at       TEXT NOT NULL
    ) STRICT;
  `);
}

/**
 * The append-only audit trail. One index per filter of GET /api/audit, each ending in (at, id) so that a
 * filtered page is read newest first straight from its index. The triggers make the table append-only for
 * every connection, this process's or a hand-opened sqlite3 shell's: UPDATE and DELETE abort, and so does an
 * INSERT over an existing id, which INSERT OR REPLACE would otherwise carry out as a delete that fires no
 * trigger. (DROP TABLE is beyond any trigger; the file's backups are what guard against it.)
 */
function addAuditTrail(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS audit (
      id           TEXT PRIMARY KEY,
      at           TEXT NOT NULL,
      actor_user   TEXT,
      actor_role   TEXT,
      request_id   TEXT NOT NULL,
      job_id       TEXT,
      action       TEXT NOT NULL,
      change_json  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS audit_newest_first ON audit (at DESC, id DESC);
    CREATE INDEX IF NOT EXISTS audit_by_job ON audit (job_id, at DESC, id DESC);
    CREATE INDEX IF NOT EXISTS audit_by_user ON audit (actor_user, at DESC, id DESC);
    CREATE INDEX IF NOT EXISTS audit_by_action ON audit (action, at DESC, id DESC);
    CREATE TRIGGER IF NOT EXISTS audit_refuses_update BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE of an entry is refused'); END;
    CREATE TRIGGER IF NOT EXISTS audit_refuses_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE of an entry is refused'); END;
    CREATE TRIGGER IF NOT EXISTS audit_refuses_overwrite BEFORE INSERT ON audit
      WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: an entry with this id exists'); END;
  `);
}

/**
 * Local accounts (issue 15): users, login sessions and API tokens. Names are compared without case, so 'Anna'
 * cannot be added beside 'anna' even by a hand-written insert. Sessions and tokens are stored by the SHA-256
 * of their secret only, so a copy of this file opens no session and carries no usable token.
 */
function addAccounts(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      username       TEXT PRIMARY KEY COLLATE NOCASE,
      role           TEXT NOT NULL,
      password_hash  TEXT NOT NULL,
      disabled       INTEGER NOT NULL CHECK (disabled IN (0, 1)),
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL,
      failed_logins  INTEGER NOT NULL DEFAULT 0,
      blocked_until  TEXT
    ) STRICT;
    CREATE TABLE IF NOT EXISTS sessions (
      id_digest   TEXT PRIMARY KEY,
      username    TEXT NOT NULL COLLATE NOCASE,
      created_at  TEXT NOT NULL,
      expires_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (username);
    CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);
    CREATE TABLE IF NOT EXISTS api_tokens (
      name          TEXT PRIMARY KEY,
      token_digest  TEXT NOT NULL UNIQUE,
      role          TEXT NOT NULL,
      username      TEXT NOT NULL COLLATE NOCASE,
      created_at    TEXT NOT NULL,
      last_used_at  TEXT
    ) STRICT;
  `);
}

/**
 * The local parse queue (issue 16, sqlite-parse-queue.ts): one row per parser run, claimed under a lease by a
 * warm worker. It lives in the same file as the jobs, so a queued run survives a restart with its job.
 */
function addParseQueue(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS parse_queue (
      seq               INTEGER PRIMARY KEY AUTOINCREMENT,
      run_id            TEXT NOT NULL UNIQUE,
      job_id            TEXT NOT NULL,
      attempt           INTEGER NOT NULL,
      input_uri         TEXT NOT NULL,
      output_uri        TEXT NOT NULL,
      error_output_uri  TEXT NOT NULL,
      state             TEXT NOT NULL CHECK (state IN ('queued', 'claimed', 'done')),
      enqueued_at       INTEGER NOT NULL,
      worker_id         TEXT,
      lease_until       INTEGER,
      receive_count     INTEGER NOT NULL DEFAULT 0,
      last_failure      TEXT,
      stop_reason       TEXT,
      stop_code         TEXT,
      finished_at       INTEGER
    ) STRICT;
    CREATE INDEX IF NOT EXISTS parse_queue_claimable ON parse_queue (state, seq);
    CREATE INDEX IF NOT EXISTS parse_queue_finished ON parse_queue (finished_at) WHERE state = 'done';
  `);
}

/**
 * Parse retries and the deadline (issue 16): each job's attempt history, its parse request (when it was made,
 * its first attempt) and a waiting retry's time, as one JSON column (nothing queries inside it). Jobs from
 * before read as an empty history. The partial index holds only jobs in flight, so the sweeper's listing costs
 * what is in flight, not every job ever made.
 */
function addParseAttempts(db: SqliteDatabase): void {
  addColumnIfMissing(db, 'jobs', 'parse_json', 'TEXT');
  db.exec(`CREATE INDEX IF NOT EXISTS jobs_in_flight ON jobs (created_at, job_id) WHERE status IN ('QUEUED', 'PARSING')`);
}

function addColumnIfMissing(db: SqliteDatabase, table: string, column: string, definition: string): void {
  const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table);
  if (!columns.some((existing) => existing.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}

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
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  MIGRATIONS.forEach((migration, index) => {
    const version = index + 1;
    // Checked inside the IMMEDIATE transaction: a second process opening the same file at the same moment
    // waits for the first one's migration and then skips it.
    db.transaction(() => {
      if (isApplied.get(version)) return;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
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
