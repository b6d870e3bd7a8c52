import type { AuditAction, AuditActor, AuditEntry, StockDelta } from '@invoice/contracts';
import type { InventoryPorts } from './deps';

/** Who is acting, and in which request: what the HTTP layer knows and the trail records with each action. */
export interface AuditContext {
  actor: AuditActor;
  requestId: string;
}

/** The actor of every action until accounts exist (issue 15's next slice fills it in from the session). */
export const NO_ACTOR: AuditActor = { user: null, role: null };

/** Stock deltas recorded in full up to this many; an entry stays far below MAX_AUDIT_CHANGE_BYTES. */
export const MAX_AUDITED_DELTAS = 200;

/** What an action records; `at` defaults to now, and is the ledger's own time where an apply or reversal has one. */
export interface AuditRecord {
  action: AuditAction;
  jobId: string | null;
  change: Record<string, unknown>;
  at?: string;
}

/** Appends one entry (see auditEntryOf). */
export async function recordAudit(deps: Pick<InventoryPorts, 'audit' | 'clock' | 'newId'>, context: AuditContext, entry: AuditRecord): Promise<void> {
  await deps.audit.append(auditEntryOf(deps, context, entry));
}

/** The entry as the trail stores it: a fresh id, the actor and request of the context. */
export function auditEntryOf(deps: Pick<InventoryPorts, 'clock' | 'newId'>, context: AuditContext, entry: AuditRecord): AuditEntry {
  return {
    id: deps.newId(),
    // Written as toISOString writes it (three fraction digits), the form the trail orders by.
    at: (entry.at === undefined ? deps.clock.now() : new Date(entry.at)).toISOString(),
    actor: context.actor,
    requestId: context.requestId,
    jobId: entry.jobId,
    action: entry.action,
    change: entry.change,
  };
}

/**
 * The deltas as a change: all of them, or the first MAX_AUDITED_DELTAS with the count, since the ledger entry
 * (which the trail points to by job and apply sequence) keeps every one.
 */
export function deltasChange(deltas: readonly StockDelta[]): Record<string, unknown> {
  if (deltas.length <= MAX_AUDITED_DELTAS) return { deltas };
  return { deltas: deltas.slice(0, MAX_AUDITED_DELTAS), deltaCount: deltas.length, deltasTruncated: true };
}
