import type { Principal } from '@invoice/contracts';
import { unauthenticated } from './account-errors';
import type { AccountPorts } from './account-ports';

/**
 * Who a session id (from the cookie) acts as: UNAUTHENTICATED when the session is unknown (logged out, or
 * ended by a change of the user's role or password), expired, or its user is disabled. The role is the user's
 * current one, read on every request.
 */
export async function principalOfSession(deps: Pick<AccountPorts, 'accounts' | 'secrets' | 'clock'>, sessionId: string): Promise<Principal> {
  const idDigest = deps.secrets.digest(sessionId);
  const session = await deps.accounts.getSession(idDigest);
  if (session === null) throw unauthenticated('The session has ended; log in again.');
  if (new Date(session.expiresAt).getTime() <= deps.clock.now().getTime()) {
    await deps.accounts.deleteSession(idDigest);
    throw unauthenticated('The session has expired; log in again.');
  }
  const user = await deps.accounts.getUser(session.username);
  if (user === null || user.disabled) throw unauthenticated('This user is disabled.');
  return { username: user.username, role: user.role, via: 'session', expiresAt: session.expiresAt };
}
