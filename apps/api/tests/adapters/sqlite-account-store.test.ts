import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteAccountStore } from '../../src/adapters/local/sqlite-account-store';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { describeAccountStoreContract } from '../contracts/account-store.contract';
import { makeDataDir } from '../support/test-server';

describeAccountStoreContract('SqliteAccountStore', async () => {
  const dir = makeDataDir('accounts');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  return {
    store: new SqliteAccountStore(db),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});

describe('the accounts tables in SQLite', () => {
  it('keep secrets only as digests: no column can hold a session id or token in clear', () => {
    const dir = makeDataDir('accounts-schema');
    const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
    try {
      const columns = (table: string): string[] => db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((column) => column.name);

      expect(columns('sessions')).toEqual(['id_digest', 'username', 'created_at', 'expires_at']);
      expect(columns('api_tokens')).toEqual(['name', 'token_digest', 'role', 'username', 'created_at', 'last_used_at']);
      expect(columns('users')).toContain('password_hash');
    } finally {
      db.close();
      dir.remove();
    }
  });
});
