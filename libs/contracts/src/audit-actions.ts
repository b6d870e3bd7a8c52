import auditEntry from '../schemas/audit-entry.schema.json';
import type { AuditAction } from './generated/contracts';

/**
 * Every audit action, read from the entry schema's enum so that the list is written once: stores, filters and
 * the SPA take it from here rather than from a copy.
 */
export const AUDIT_ACTIONS: readonly AuditAction[] = auditEntry.$defs.AuditAction.enum as AuditAction[];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
