import type { Role } from '@invoice/contracts';
import { DomainError, setupAlreadyDone, type AccountStore, type StoredSession, type StoredToken, type StoredUser, type UserChanges } from '@invoice/inventory';
import { isSqliteConstraint, type SqliteDatabase } from './sqlite-database';
import { translateSqliteErrors } from './sqlite-errors';

interface UserRow {
  username: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  failed_logins: number;
  blocked_until: string | null;
}

interface SessionRow {
  id_digest: string;
  username: string;
  created_at: string;
  expires_at: string;
}

interface TokenRow {
  name: string;
  token_digest: string;
  role: string;
  username: string;
  created_at: string;
  last_used_at: string | null;
}

const USER_COLUMNS = 'username, role, password_hash, disabled, created_at, updated_at, failed_logins, blocked_until';
const SESSION_COLUMNS = 'id_digest, username, created_at, expires_at';
const TOKEN_COLUMNS = 'name, token_digest, role, username, created_at, last_used_at';

/**
 * Users, sessions and API tokens in the tables `users`, `sessions` and `api_tokens` (sqlite-database.ts).
 * It keeps no rule of its own beyond uniqueness: names are unique (USER_EXISTS, TOKEN_EXISTS), and the first
 * user's insert checks that no user exists in the same transaction (SETUP_ALREADY_DONE).
 */
export class SqliteAccountStore implements AccountStore {
  private readonly statements;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = {
      insertUser: db.prepare(`INSERT INTO users (${USER_COLUMNS}) VALUES (@username, @role, @password_hash, @disabled, @created_at, @updated_at, @failed_logins, @blocked_until)`),
      getUser: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`),
      listUsers: db.prepare<[], UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`),
      countUsers: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),
      insertSession: db.prepare(`INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (@id_digest, @username, @created_at, @expires_at)`),
      getSession: db.prepare<[string], SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id_digest = ?`),
      deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE id_digest = ?'),
      deleteSessionsOf: db.prepare<[string]>('DELETE FROM sessions WHERE username = ?'),
      deleteExpiredSessions: db.prepare<[string]>('DELETE FROM sessions WHERE expires_at < ?'),
      insertToken: db.prepare(`INSERT INTO api_tokens (${TOKEN_COLUMNS}) VALUES (@name, @token_digest, @role, @username, @created_at, @last_used_at)`),
      getTokenByDigest: db.prepare<[string], TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_digest = ?`),
      listTokens: db.prepare<[], TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY name`),
      deleteToken: db.prepare<[string]>('DELETE FROM api_tokens WHERE name = ?'),
      touchToken: db.prepare<[string, string]>('UPDATE api_tokens SET last_used_at = ? WHERE name = ?'),
    };
  }

  async createUser(user: StoredUser, options: { onlyIfFirst?: boolean } = {}): Promise<void> {
    const insert = this.db.transaction(() => {
      if (options.onlyIfFirst && this.statements.countUsers.get()!.n > 0) throw setupAlreadyDone();
      this.statements.insertUser.run(userRow(user));
    });
    translateSqliteErrors(() => {
      try {
        // IMMEDIATE: the count and the insert hold the write lock together, against another process's setup too.
        insert.immediate();
      } catch (error) {
        if (isSqliteConstraint(error, 'PRIMARYKEY')) {
          throw new DomainError('USER_EXISTS', `A user named ${user.username} exists already.`, { username: user.username }, { cause: error });
        }
        throw error;
      }
    });
  }

  async getUser(username: string): Promise<StoredUser | null> {
    const row = translateSqliteErrors(() => this.statements.getUser.get(username));
    return row === undefined ? null : fromUserRow(row);
  }

  async listUsers(): Promise<StoredUser[]> {
    return translateSqliteErrors(() => this.statements.listUsers.all()).map(fromUserRow);
  }

  async countUsers(): Promise<number> {
    return translateSqliteErrors(() => this.statements.countUsers.get()!.n);
  }

  async updateUser(username: string, changes: UserChanges): Promise<void> {
    // Column names come from this fixed list, values are always bound.
    const assignments: string[] = ['updated_at = @updated_at'];
    const values: Record<string, unknown> = { username, updated_at: changes.updatedAt };
    if (changes.role !== undefined) {
      assignments.push('role = @role');
      values.role = changes.role;
    }
    if (changes.passwordHash !== undefined) {
      assignments.push('password_hash = @password_hash');
      values.password_hash = changes.passwordHash;
    }
    if (changes.disabled !== undefined) {
      assignments.push('disabled = @disabled');
      values.disabled = changes.disabled ? 1 : 0;
    }
    if (changes.failures !== undefined) {
      assignments.push('failed_logins = @failed_logins', 'blocked_until = @blocked_until');
      values.failed_logins = changes.failures.count;
      values.blocked_until = changes.failures.blockedUntil;
    }
    const result = translateSqliteErrors(() => this.db.prepare(`UPDATE users SET ${assignments.join(', ')} WHERE username = @username`).run(values));
    if (result.changes === 0) throw new DomainError('USER_NOT_FOUND', `There is no user named ${username}.`, { username });
  }

  async createSession(session: StoredSession): Promise<void> {
    translateSqliteErrors(() =>
      this.statements.insertSession.run({ id_digest: session.idDigest, username: session.username, created_at: session.createdAt, expires_at: session.expiresAt }),
    );
  }

  async getSession(idDigest: string): Promise<StoredSession | null> {
    const row = translateSqliteErrors(() => this.statements.getSession.get(idDigest));
    return row === undefined ? null : { idDigest: row.id_digest, username: row.username, createdAt: row.created_at, expiresAt: row.expires_at };
  }

  async deleteSession(idDigest: string): Promise<void> {
    translateSqliteErrors(() => this.statements.deleteSession.run(idDigest));
  }

  async deleteSessionsOf(username: string): Promise<number> {
    return translateSqliteErrors(() => this.statements.deleteSessionsOf.run(username)).changes;
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return translateSqliteErrors(() => this.statements.deleteExpiredSessions.run(now)).changes;
  }

  async createToken(token: StoredToken): Promise<void> {
    translateSqliteErrors(() => {
      try {
        this.statements.insertToken.run({
          name: token.name,
          token_digest: token.tokenDigest,
          role: token.role,
          username: token.username,
          created_at: token.createdAt,
          last_used_at: token.lastUsedAt,
        });
      } catch (error) {
        // The name is the key; a digest collision of two random 256-bit tokens does not happen.
        if (isSqliteConstraint(error, 'PRIMARYKEY') || isSqliteConstraint(error, 'UNIQUE')) {
          throw new DomainError('TOKEN_EXISTS', `An API token named ${token.name} exists already.`, { name: token.name }, { cause: error });
        }
        throw error;
      }
    });
  }

  async getTokenByDigest(tokenDigest: string): Promise<StoredToken | null> {
    const row = translateSqliteErrors(() => this.statements.getTokenByDigest.get(tokenDigest));
    return row === undefined ? null : fromTokenRow(row);
  }

  async listTokens(): Promise<StoredToken[]> {
    return translateSqliteErrors(() => this.statements.listTokens.all()).map(fromTokenRow);
  }

  async deleteToken(name: string): Promise<boolean> {
    return translateSqliteErrors(() => this.statements.deleteToken.run(name)).changes > 0;
  }

  async touchToken(name: string, at: string): Promise<void> {
    translateSqliteErrors(() => this.statements.touchToken.run(at, name));
  }
}

function userRow(user: StoredUser): UserRow {
  return {
    username: user.username,
    role: user.role,
    password_hash: user.passwordHash,
    disabled: user.disabled ? 1 : 0,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    failed_logins: user.failures.count,
    blocked_until: user.failures.blockedUntil,
  };
}

function fromUserRow(row: UserRow): StoredUser {
  return {
    username: row.username,
    role: row.role as Role,
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    failures: { count: row.failed_logins, blockedUntil: row.blocked_until },
  };
}

function fromTokenRow(row: TokenRow): StoredToken {
  return {
    name: row.name,
    tokenDigest: row.token_digest,
    role: row.role as Role,
    username: row.username,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
