import type { AuditEntry } from '@invoice/contracts';
import type { AccountPorts, AuditContext } from '@invoice/inventory';
import path from 'node:path';
import { NodeCryptoSecrets } from '../../src/adapters/local/node-crypto-secrets';
import { SqliteAccountStore } from '../../src/adapters/local/sqlite-account-store';
import { SqliteAuditTrail } from '../../src/adapters/local/sqlite-audit-trail';
import { openSqliteDatabase } from '../../src/adapters/local/sqlite-database';
import { makeDataDir } from '../support/test-server';

/** A clock the test moves by hand, to cross throttling waits and session expiry without sleeping. */
export class ManualClock {
  constructor(private current = new Date('2026-12-01T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export interface AccountsFixture {
  deps: AccountPorts;
  clock: ManualClock;
  /** Every trail entry, oldest first. */
  trail(): Promise<AuditEntry[]>;
  close(): void;
}

/** The account use cases over the real SQLite store, real scrypt and the real trail, in a fresh temporary file. */
export function accountsFixture(): AccountsFixture {
  const dir = makeDataDir('accounts-use-cases');
  const db = openSqliteDatabase(path.join(dir.dataDir, 'test.sqlite'));
  const clock = new ManualClock();
  const audit = new SqliteAuditTrail(db);
  const deps: AccountPorts = {
    accounts: new SqliteAccountStore(db),
    secrets: new NodeCryptoSecrets(),
    audit,
    clock,
    newId: () => globalThis.crypto.randomUUID(),
  };
  return {
    deps,
    clock,
    trail: async () => (await audit.query({ limit: 100 })).items.reverse(),
    close: () => {
      db.close();
      dir.remove();
    },
  };
}

export const ADMIN_CONTEXT: AuditContext = { actor: { user: 'root', role: 'admin' }, requestId: 'req-admin' };
export const ANONYMOUS: AuditContext = { actor: { user: null, role: null }, requestId: 'req-anonymous' };

export { codeOf } from '../support/domain-error-code';
