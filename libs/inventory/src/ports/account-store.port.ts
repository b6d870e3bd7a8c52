import type { Role } from '@invoice/contracts';
import type { LoginFailures } from '../accounts/login-throttle';

/** A local user as stored. The name is kept lower-cased, so 'Anna' and 'anna' are one user. */
export interface StoredUser {
  username: string;
  role: Role;
  /** Self-describing hash from Secrets.hashPassword (algorithm, cost, salt, hash); never the password. */
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  failures: LoginFailures;
}

/** A login session. Only the digest of its id is stored, so a copy of the database opens no session. */
export interface StoredSession {
  idDigest: string;
  username: string;
  createdAt: string;
  expiresAt: string;
}

/** An API token. Only its digest is stored; the token itself is shown once, when created. */
export interface StoredToken {
  name: string;
  tokenDigest: string;
  role: Role;
  /** The user who created it; the token acts as this user and stops when they are disabled. */
  username: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export type UserChanges = Partial<Pick<StoredUser, 'role' | 'passwordHash' | 'disabled' | 'failures'>> & { updatedAt: string };

/**
 * Where local mode keeps users, sessions and API tokens (AWS mode has Cognito instead). It only reads and
 * writes: every rule (password strength, throttling, who may create what, the last admin) is in the use cases
 * of libs/inventory/src/accounts, as Powertools keeps its rules in the persistence layer's public methods.
 */
export interface AccountStore {
  /**
   * Stores a new user: USER_EXISTS if the name is taken. With `onlyIfFirst`, the check that no user exists
   * and the insert are one transaction, SETUP_ALREADY_DONE otherwise: two first-start setups cannot both win.
   */
  createUser(user: StoredUser, options?: { onlyIfFirst?: boolean }): Promise<void>;
  getUser(username: string): Promise<StoredUser | null>;
  /** Every user, by name. */
  listUsers(): Promise<StoredUser[]>;
  countUsers(): Promise<number>;
  /** Writes the given fields: USER_NOT_FOUND if there is no such user. */
  updateUser(username: string, changes: UserChanges): Promise<void>;

  createSession(session: StoredSession): Promise<void>;
  getSession(idDigest: string): Promise<StoredSession | null>;
  deleteSession(idDigest: string): Promise<void>;
  /** Ends every session of the user (disabled, new role or password); returns how many there were. */
  deleteSessionsOf(username: string): Promise<number>;
  /** Housekeeping: drops sessions that expired before `now`. */
  deleteExpiredSessions(now: string): Promise<number>;

  /** Stores a token: TOKEN_EXISTS if the name is taken. */
  createToken(token: StoredToken): Promise<void>;
  getTokenByDigest(tokenDigest: string): Promise<StoredToken | null>;
  /** Every token, by name. */
  listTokens(): Promise<StoredToken[]>;
  /** Removes the token; false when there was none of that name. */
  deleteToken(name: string): Promise<boolean>;
  /** Notes a use (the caller writes at most once a minute a token). */
  touchToken(name: string, at: string): Promise<void>;
}
