import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteAuditTrail } from '../../src/adapters/local/sqlite-audit-trail';
import { openSqliteDatabase, SCHEMA_VERSION } from '../../src/adapters/local/sqlite-database';
import { SqliteInventoryLedger } from '../../src/adapters/local/sqlite-inventory-ledger';
import { SqliteJobRepository } from '../../src/adapters/local/sqlite-job-repository';
import { SqliteSupplierDirectory } from '../../src/adapters/local/sqlite-supplier-directory';
import { describeInventoryLedgerContract } from '../contracts/inventory-ledger.contract';
import { makeDataDir } from '../support/test-server';

describeInventoryLedgerContract('SqliteInventoryLedger', async () => {
  const dir = makeDataDir('ledger');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  return {
    ledger: new SqliteInventoryLedger(db),
    jobs: new SqliteJobRepository(db),
    audit: new SqliteAuditTrail(db),
    suppliers: new SqliteSupplierDirectory(db),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});

describe('openSqliteDatabase', () => {
  it('sets WAL, synchronous=FULL and a busy timeout, and migrates only once', () => {
    // Arrange
    const dir = makeDataDir('db');
    const file = path.join(dir.dataDir, 'nested', 'test.sqlite');

    // Act
    openSqliteDatabase(file).close();
    const db = openSqliteDatabase(file);

    // Assert
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      const versions = Array.from({ length: SCHEMA_VERSION }, (_, index) => ({ version: index + 1 }));
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(versions);
    } finally {
      db.close();
      dir.remove();
    }
  });

  it('stores quantities as TEXT, never REAL', () => {
    const dir = makeDataDir('db');
    const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
    try {
      const columns = db.prepare("SELECT name, type FROM pragma_table_info('stock')").all();
      expect(columns).toContainEqual({ name: 'quantity', type: 'TEXT' });
    } finally {
      db.close();
      dir.remove();
    }
  });
});
