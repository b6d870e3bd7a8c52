import type { Role, UserAccount } from '@invoice/contracts';

/**
 * What `npm run user` does, whatever keeps the users: local mode's SQLite store (LocalUserAdmin), or AWS
 * mode's Cognito user pool. Each method throws DomainError with a code from libs/contracts (USER_EXISTS,
 * USER_NOT_FOUND, WEAK_PASSWORD, LAST_ADMIN, ...), which the command line prints.
 */
export interface UserAdmin {
  add(username: string, role: Role, password: string): Promise<UserAccount>;
  /** Every user, by name. */
  list(): Promise<UserAccount[]>;
  setRole(username: string, role: Role): Promise<UserAccount>;
  disable(username: string): Promise<UserAccount>;
  enable(username: string): Promise<UserAccount>;
  /** A new password; in local mode it also unlocks an account locked by failed logins. */
  setPassword(username: string, password: string): Promise<UserAccount>;
  /** Releases the store (closes the database file); called once when the command is done. */
  close(): Promise<void>;
}
