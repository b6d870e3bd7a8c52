import type { CreateUserRequest, UpdateUserRequest, UserAccount } from '@invoice/contracts';
import { DomainError } from '../errors';
import type { StoredUser, UserChanges } from '../ports/account-store.port';
import { recordAudit, type AuditContext } from '../use-cases/record-audit';
import { userNotFound } from './account-errors';
import { normaliseUsername, type AccountPorts } from './account-ports';
import { toUserAccount } from './account-views';
import { NO_FAILURES } from './login-throttle';
import { checkPasswordStrength } from './password-policy';

/** Adds a local user: WEAK_PASSWORD, USER_EXISTS. The trail gets the name and role, never the password. */
export async function createUser(deps: AccountPorts, context: AuditContext, request: CreateUserRequest): Promise<UserAccount> {
  checkPasswordStrength(request.password);
  const now = deps.clock.now();
  const at = now.toISOString();
  const user: StoredUser = {
    username: normaliseUsername(request.username),
    role: request.role,
    passwordHash: await deps.secrets.hashPassword(request.password),
    disabled: false,
    createdAt: at,
    updatedAt: at,
    failures: NO_FAILURES,
  };
  await deps.accounts.createUser(user);
  await recordAudit(deps, context, { action: 'user.create', jobId: null, change: { username: user.username, role: user.role } });
  return toUserAccount(user, now);
}

/**
 * Changes a user's role, disabled flag or password: USER_NOT_FOUND, WEAK_PASSWORD, and LAST_ADMIN when it would
 * leave no enabled admin (nobody could then manage users from the browser). A new password also clears the
 * failed logins, which is how an admin unlocks an account. A new role or password, or disabling, ends the
 * user's sessions, so the change holds from the next request on. The trail names the fields changed and the
 * new role and flag; of a password only that it changed.
 */
export async function updateUser(deps: AccountPorts, context: AuditContext, username: string, changes: UpdateUserRequest): Promise<UserAccount> {
  const name = normaliseUsername(username);
  const user = await deps.accounts.getUser(name);
  if (user === null) throw userNotFound(name);
  if (changes.password !== undefined) checkPasswordStrength(changes.password);

  const roleChanged = changes.role !== undefined && changes.role !== user.role;
  const disabledChanged = changes.disabled !== undefined && changes.disabled !== user.disabled;
  const passwordChanged = changes.password !== undefined;
  const stillAdmin = (changes.role ?? user.role) === 'admin' && !(changes.disabled ?? user.disabled);
  if (user.role === 'admin' && !user.disabled && !stillAdmin) await assertAnotherAdmin(deps, name);

  const now = deps.clock.now();
  const stored: UserChanges = { updatedAt: now.toISOString() };
  if (roleChanged) stored.role = changes.role;
  if (disabledChanged) stored.disabled = changes.disabled;
  if (passwordChanged) {
    stored.passwordHash = await deps.secrets.hashPassword(changes.password as string);
    stored.failures = NO_FAILURES;
  }
  const fields = [roleChanged && 'role', disabledChanged && 'disabled', passwordChanged && 'password'].filter((field): field is string => field !== false);
  if (fields.length === 0) return toUserAccount(user, now);

  await deps.accounts.updateUser(name, stored);
  const endsSessions = roleChanged || passwordChanged || stored.disabled === true;
  const sessionsEnded = endsSessions ? await deps.accounts.deleteSessionsOf(name) : 0;
  const change: Record<string, unknown> = { username: name, fields, sessionsEnded };
  if (roleChanged) Object.assign(change, { role: stored.role, previousRole: user.role });
  if (disabledChanged) change.disabled = stored.disabled;
  await recordAudit(deps, context, { action: 'user.update', jobId: null, change });
  return toUserAccount({ ...user, ...stored }, now);
}

/** Every local user, by name. */
export async function listUsers(deps: Pick<AccountPorts, 'accounts' | 'clock'>): Promise<UserAccount[]> {
  const now = deps.clock.now();
  return (await deps.accounts.listUsers()).map((user) => toUserAccount(user, now));
}

/**
 * LAST_ADMIN unless an enabled admin other than `username` remains. Read, then written by the caller: two
 * admins demoting each other at the same instant could both pass, which the command line (run on the server's
 * machine, needing no login) repairs.
 */
async function assertAnotherAdmin(deps: Pick<AccountPorts, 'accounts'>, username: string): Promise<void> {
  const others = (await deps.accounts.listUsers()).filter((other) => other.username !== username && other.role === 'admin' && !other.disabled);
  if (others.length === 0) {
    throw new DomainError('LAST_ADMIN', `${username} is the last enabled admin; make another user admin first.`, { username });
  }
}
