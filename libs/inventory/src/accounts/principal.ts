import type { AuditActor, Principal } from '@invoice/contracts';

/** The trail's actor for a request made as this principal: the user, and the role they acted in. */
export function actorOf(principal: Principal): AuditActor {
  return { user: principal.username, role: principal.role };
}
