import { recordAudit, type AuditContext } from '../use-cases/record-audit';
import type { AccountPorts } from './account-ports';

/** Ends the session (its id as the cookie carried it); a session already gone is no error, and not recorded. */
export async function logOut(deps: AccountPorts, context: AuditContext, sessionId: string): Promise<void> {
  const idDigest = deps.secrets.digest(sessionId);
  const session = await deps.accounts.getSession(idDigest);
  if (session === null) return;
  await deps.accounts.deleteSession(idDigest);
  await recordAudit(deps, context, { action: 'session.logout', jobId: null, change: { username: session.username } });
}
