import { DomainError } from '../errors';

/**
 * The rule for failed logins, in one place; the store only keeps the two numbers it needs (failures in a row,
 * and until when the next attempt waits). The first few mistakes cost nothing (typos), then each further one
 * doubles the wait before the next attempt is even checked, and a long run locks the account for a while.
 * Guessing a 12-character password at under one try a minute is hopeless, and the owner is never locked out
 * for good: the lock ends by itself, or an admin sets a new password.
 */
export const FREE_LOGIN_FAILURES = 3;
export const FIRST_LOGIN_DELAY_SECONDS = 1;
export const MAX_LOGIN_DELAY_SECONDS = 30;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_SECONDS = 15 * 60;

/** What the store keeps of a user's recent failed logins. */
export interface LoginFailures {
  /** Failed attempts since the last success. */
  count: number;
  /** ISO instant before which no attempt is checked (a slow-down or the lock); null when there is none. */
  blockedUntil: string | null;
}

export const NO_FAILURES: LoginFailures = { count: 0, blockedUntil: null };

/** Refuses an attempt made before the wait set by earlier failures ends: LOGIN_THROTTLED or ACCOUNT_LOCKED. */
export function assertMayAttempt(failures: LoginFailures, now: Date): void {
  if (failures.blockedUntil === null) return;
  const until = new Date(failures.blockedUntil);
  if (until.getTime() <= now.getTime()) return;
  const retryAfterSeconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
  if (failures.count >= LOCK_AFTER_FAILURES) {
    throw new DomainError('ACCOUNT_LOCKED', `This account is locked after ${failures.count} failed logins in a row, until ${until.toISOString()}.`, {
      lockedUntil: until.toISOString(),
      retryAfterSeconds,
    });
  }
  throw new DomainError('LOGIN_THROTTLED', `Too many failed logins in a row; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/** The record after one more failure at `now`: the wait it earns, or the lock. */
export function afterFailure(failures: LoginFailures, now: Date): LoginFailures {
  const count = failures.count + 1;
  let waitSeconds = 0;
  if (count >= LOCK_AFTER_FAILURES) waitSeconds = LOCK_SECONDS;
  else if (count >= FREE_LOGIN_FAILURES) {
    waitSeconds = Math.min(MAX_LOGIN_DELAY_SECONDS, FIRST_LOGIN_DELAY_SECONDS * 2 ** (count - FREE_LOGIN_FAILURES));
  }
  return { count, blockedUntil: waitSeconds === 0 ? null : new Date(now.getTime() + waitSeconds * 1000).toISOString() };
}

/** Whether the failures amount to a lock (what GET /api/users shows as lockedUntil). */
export function lockedUntil(failures: LoginFailures, now: Date): string | null {
  if (failures.count < LOCK_AFTER_FAILURES || failures.blockedUntil === null) return null;
  return new Date(failures.blockedUntil).getTime() > now.getTime() ? failures.blockedUntil : null;
}
