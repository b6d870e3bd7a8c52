import type { Principal } from '@invoice/contracts';
import { unauthenticated } from './account-errors';
import type { AccountPorts } from './account-ports';
import { ROLES } from './roles';

/** lastUsedAt is written at most this often a token, so a busy script does not write on every request. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/**
 * Who an API token acts as: its creator, in the token's role or the creator's current role, whichever is
 * lower (a demoted admin's tokens are demoted with them). UNAUTHENTICATED for an unknown or revoked token,
 * and for a disabled creator.
 */
export async function principalOfToken(deps: Pick<AccountPorts, 'accounts' | 'secrets' | 'clock'>, token: string): Promise<Principal> {
  const stored = await deps.accounts.getTokenByDigest(deps.secrets.digest(token));
  if (stored === null) throw unauthenticated('This API token is not known (revoked, or mistyped).');
  const user = await deps.accounts.getUser(stored.username);
  if (user === null || user.disabled) throw unauthenticated(`The user of API token ${stored.name} is disabled.`);
  const now = deps.clock.now();
  if (stored.lastUsedAt === null || now.getTime() - new Date(stored.lastUsedAt).getTime() >= TOKEN_TOUCH_INTERVAL_MS) {
    await deps.accounts.touchToken(stored.name, now.toISOString());
  }
  const role = ROLES[Math.min(ROLES.indexOf(stored.role), ROLES.indexOf(user.role))] ?? 'viewer';
  return { username: user.username, role, via: 'token', tokenName: stored.name, expiresAt: null };
}
