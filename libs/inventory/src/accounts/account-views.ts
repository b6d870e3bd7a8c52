import type { ApiToken, UserAccount } from '@invoice/contracts';
import type { StoredToken, StoredUser } from '../ports/account-store.port';
import { lockedUntil } from './login-throttle';

/** A stored user as admins see it: never the hash, and the failure count only as the lock it amounts to. */
export function toUserAccount(user: StoredUser, now: Date): UserAccount {
  return {
    username: user.username,
    role: user.role,
    disabled: user.disabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    lockedUntil: lockedUntil(user.failures, now),
  };
}

/** A stored token as listed: never its digest. */
export function toApiToken(token: StoredToken): ApiToken {
  return { name: token.name, role: token.role, username: token.username, createdAt: token.createdAt, lastUsedAt: token.lastUsedAt };
}
