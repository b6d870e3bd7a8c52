import type { Credentials, Principal } from '@invoice/contracts';
import type { StoredUser } from '../ports/account-store.port';
import type { Secrets } from '../ports/secrets.port';
import { isDomainError } from '../errors';
import { recordAudit, type AuditContext } from '../use-cases/record-audit';
import { invalidCredentials } from './account-errors';
import { normaliseUsername, SESSION_SECONDS, type AccountPorts } from './account-ports';
import { afterFailure, assertMayAttempt, NO_FAILURES } from './login-throttle';
import { rememberUnknownNameFailures, unknownNameFailures } from './unknown-name-failures';

/**
 * Checks a name and password and opens a session: the session id goes to the caller once (for the cookie),
 * the store keeps only its digest. An unknown name, a wrong password and a disabled user all answer
 * INVALID_CREDENTIALS after the same slow hash check, so neither the answer nor its time tells whether a name
 * exists. Failures are counted (login-throttle.ts): LOGIN_THROTTLED, then ACCOUNT_LOCKED; those of a name that
 * is no user too, in memory (unknown-name-failures.ts), so that the throttle does not tell either.
 * Every attempt is in the trail, a failed one under the name tried and no role; never the password.
 */
export async function logIn(deps: AccountPorts, context: AuditContext, credentials: Credentials): Promise<{ sessionId: string; principal: Principal }> {
  const username = normaliseUsername(credentials.username);
  const refuse = async (error: Error, reason: string): Promise<never> => {
    await recordAudit(deps, { ...context, actor: { user: username, role: null } }, { action: 'session.login-failed', jobId: null, change: { reason } });
    throw error;
  };

  // Awaited on every attempt, known name or not: the first attempt after start, which makes it, costs one
  // hash more whichever name it tries, and later ones find it ready.
  const dummyHash = await dummyHashOf(deps.secrets);
  const user = await deps.accounts.getUser(username);
  try {
    assertMayAttempt(user?.failures ?? unknownNameFailures(deps.accounts, username), deps.clock.now());
  } catch (error) {
    if (isDomainError(error)) return refuse(error, error.code);
    throw error;
  }
  const matches = await deps.secrets.verifyPassword(credentials.password, user?.passwordHash ?? dummyHash);
  if (user === null) {
    const failures = afterFailure(unknownNameFailures(deps.accounts, username), deps.clock.now());
    rememberUnknownNameFailures(deps.accounts, username, failures);
    return refuse(invalidCredentials(), 'INVALID_CREDENTIALS');
  }
  if (!matches || user.disabled) {
    if (!matches) await countFailure(deps, user.username);
    return refuse(invalidCredentials(), 'INVALID_CREDENTIALS');
  }

  const now = deps.clock.now();
  if (user.failures.count > 0 || user.failures.blockedUntil !== null) {
    // Failures are not an edit of the user: updatedAt stays what an admin last changed.
    await deps.accounts.updateUser(user.username, { failures: NO_FAILURES, updatedAt: user.updatedAt });
  }
  const sessionId = deps.secrets.newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString();
  // Housekeeping where it costs nothing extra: expired sessions are refused anyway, this only drops their rows.
  await deps.accounts.deleteExpiredSessions(now.toISOString());
  await deps.accounts.createSession({ idDigest: deps.secrets.digest(sessionId), username: user.username, createdAt: now.toISOString(), expiresAt });
  const principal: Principal = { username: user.username, role: user.role, via: 'session', expiresAt };
  await recordAudit(deps, { ...context, actor: { user: user.username, role: user.role } }, { action: 'session.login', jobId: null, change: { expiresAt } });
  return { sessionId, principal };
}

/**
 * One more failure, counted on the user as read after the slow hash check rather than before it: attempts
 * made in parallel then mostly see each other's failures (the store offers no atomic increment). The check
 * itself runs in the thread pool, which bounds how many guesses can be in flight at once anyway.
 */
async function countFailure(deps: AccountPorts, username: string): Promise<void> {
  const current: StoredUser | null = await deps.accounts.getUser(username);
  if (current === null) return;
  const now = deps.clock.now();
  await deps.accounts.updateUser(username, { failures: afterFailure(current.failures, now), updatedAt: current.updatedAt });
}

/**
 * A hash of no one's password, checked when the name is unknown so that the answer takes as long as for a
 * real user. Made by the same Secrets (same algorithm and cost), once per Secrets instance.
 */
const dummyHashes = new WeakMap<Secrets, Promise<string>>();

function dummyHashOf(secrets: Secrets): Promise<string> {
  let hash = dummyHashes.get(secrets);
  if (hash === undefined) {
    hash = secrets.hashPassword('no user has this password: it only makes an unknown name cost the same time');
    dummyHashes.set(secrets, hash);
  }
  return hash;
}
