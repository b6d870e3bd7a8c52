import type { AuditEntry } from '@invoice/contracts';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { SqliteAuditTrail } from '../../src/adapters/local/sqlite-audit-trail';
import { describeAuditTrailContract } from '../contracts/audit-trail.contract';
import { makeDataDir } from '../support/test-server';

describeAuditTrailContract('SqliteAuditTrail', async () => {
  const dir = makeDataDir('audit');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  return {
    trail: new SqliteAuditTrail(db),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});

const ENTRY: AuditEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  at: '2026-12-01T10:00:00.000Z',
  actor: { user: 'ana', role: 'approver' },
  requestId: 'req-1',
  jobId: '00000000-0000-4000-8000-00000000000a',
  action: 'apply',
  change: { deltas: [{ sku: 'BOLT-M6', quantity: '2' }] },
};

describe('the audit table in SQLite', () => {
  let dir: ReturnType<typeof makeDataDir>;
  let db: SqliteDatabase;

  beforeEach(async () => {
    dir = makeDataDir('audit-triggers');
    db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
    await new SqliteAuditTrail(db).append(ENTRY);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  const storedRows = (): unknown[] => db.prepare('SELECT id, action, change_json FROM audit').all();
  const original = [{ id: ENTRY.id, action: 'apply', change_json: JSON.stringify(ENTRY.change) }];

  it('refuses UPDATE of an entry by trigger, whatever connection asks', () => {
    expect(() => db.prepare("UPDATE audit SET action = 'reverse' WHERE id = ?").run(ENTRY.id)).toThrow(/append-only: UPDATE of an entry is refused/);
    expect(storedRows()).toEqual(original);
  });

  it('refuses DELETE of an entry by trigger, one row or all', () => {
    expect(() => db.prepare('DELETE FROM audit WHERE id = ?').run(ENTRY.id)).toThrow(/append-only: DELETE of an entry is refused/);
    expect(() => db.exec('DELETE FROM audit')).toThrow(/append-only: DELETE of an entry is refused/);
    expect(storedRows()).toEqual(original);
  });

  it('refuses INSERT OR REPLACE over an entry, which would delete it without firing the DELETE trigger', () => {
    const replace = db.prepare(
      "INSERT OR REPLACE INTO audit (id, at, actor_user, actor_role, request_id, job_id, action, change_json) VALUES (?, ?, NULL, NULL, 'forged', NULL, 'reverse', '{}')",
    );

    expect(() => replace.run(ENTRY.id, ENTRY.at)).toThrow(/append-only: an entry with this id exists/);
    expect(storedRows()).toEqual(original);
  });
});
