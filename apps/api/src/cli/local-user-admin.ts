import type { Role, UserAccount } from '@invoice/contracts';
import { createUser, listUsers, randomJobId, systemClock, updateUser, type AccountPorts, type AuditContext } from '@invoice/inventory';
import path from 'node:path';
import { LOCAL_DATABASE_FILE } from '../adapters/local/local-database-file';
import { NodeCryptoSecrets } from '../adapters/local/node-crypto-secrets';
import { SqliteAccountStore } from '../adapters/local/sqlite-account-store';
import { SqliteAuditTrail } from '../adapters/local/sqlite-audit-trail';
import { openSqliteDatabase } from '../adapters/local/sqlite-database';
import type { UserAdmin } from './user-admin';

/**
 * Local mode's users from the command line: the same use cases as the admin screens, on the server's own
 * database file (WAL mode and the busy timeout let it run beside a running server). Whoever can run this on
 * the machine can read DATA_DIR anyway, so it needs no login; the trail records the system user as an admin.
 */
export class LocalUserAdmin implements UserAdmin {
  constructor(
    private readonly deps: AccountPorts,
    private readonly context: AuditContext,
    private readonly onClose: () => void,
  ) {}

  add(username: string, role: Role, password: string): Promise<UserAccount> {
    return createUser(this.deps, this.context, { username, role, password });
  }

  list(): Promise<UserAccount[]> {
    return listUsers(this.deps);
  }

  setRole(username: string, role: Role): Promise<UserAccount> {
    return updateUser(this.deps, this.context, username, { role });
  }

  disable(username: string): Promise<UserAccount> {
    return updateUser(this.deps, this.context, username, { disabled: true });
  }

  enable(username: string): Promise<UserAccount> {
    return updateUser(this.deps, this.context, username, { disabled: false });
  }

  setPassword(username: string, password: string): Promise<UserAccount> {
    return updateUser(this.deps, this.context, username, { password });
  }

  async close(): Promise<void> {
    this.onClose();
  }
}

/** Opens DATA_DIR's database for the command line, acting as `actor` (the system user) in request `requestId`. */
export function openLocalUserAdmin(dataDir: string, context: AuditContext): LocalUserAdmin {
  const db = openSqliteDatabase(path.join(dataDir, LOCAL_DATABASE_FILE));
  const deps: AccountPorts = {
    accounts: new SqliteAccountStore(db),
    secrets: new NodeCryptoSecrets(),
    audit: new SqliteAuditTrail(db),
    clock: systemClock,
    newId: randomJobId,
  };
  return new LocalUserAdmin(deps, context, () => db.close());
}
