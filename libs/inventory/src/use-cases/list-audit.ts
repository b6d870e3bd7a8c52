import type { AuditPage, AuditQuery } from '../ports/audit-trail.port';
import type { InventoryPorts } from './deps';

export const DEFAULT_AUDIT_PAGE_SIZE = 50;

/** A page of the audit trail, newest first, matching every filter given. */
export async function listAudit(deps: Pick<InventoryPorts, 'audit'>, query: Omit<AuditQuery, 'limit'> & { limit?: number }): Promise<AuditPage> {
  return deps.audit.query({ ...query, limit: query.limit ?? DEFAULT_AUDIT_PAGE_SIZE });
}
