import type { Credentials, UserAccount } from '@invoice/contracts';
import { DomainError } from '../errors';
import { NO_FAILURES } from './login-throttle';
import { checkPasswordStrength } from './password-policy';
import { recordAudit, type AuditContext } from '../use-cases/record-audit';
import { normaliseUsername, type AccountPorts } from './account-ports';
import { toUserAccount } from './account-views';

/**
 * Creates the first administrator, on first start only: SETUP_ALREADY_DONE once any user exists. The store
 * checks "no user yet" and inserts in one transaction, so two setups racing cannot both win; the count read
 * first only answers a late setup before it pays for a password hash. Nobody is logged in yet, so the trail
 * names the new administrator as the actor (with no role: they acted before holding one).
 */
export async function setupAdministrator(deps: AccountPorts, context: AuditContext, credentials: Credentials): Promise<UserAccount> {
  if ((await deps.accounts.countUsers()) > 0) throw setupAlreadyDone();
  checkPasswordStrength(credentials.password);
  const now = deps.clock.now();
  const at = now.toISOString();
  const user = {
    username: normaliseUsername(credentials.username),
    role: 'admin' as const,
    passwordHash: await deps.secrets.hashPassword(credentials.password),
    disabled: false,
    createdAt: at,
    updatedAt: at,
    failures: NO_FAILURES,
  };
  await deps.accounts.createUser(user, { onlyIfFirst: true });
  const actor = context.actor.user === null ? { user: user.username, role: null } : context.actor;
  await recordAudit(deps, { ...context, actor }, { action: 'user.create', jobId: null, change: { username: user.username, role: user.role, setup: true } });
  return toUserAccount(user, now);
}

export function setupAlreadyDone(): DomainError {
  return new DomainError('SETUP_ALREADY_DONE', 'The administrator exists already; an admin adds further users.');
}
