import type { AuditAction, AuditEntry } from '@invoice/contracts';

/** Each action in a few words, for the trail's Action column and the filter's choices. */
export const ACTION_WORDS: Readonly<Record<AuditAction, string>> = {
  'job.create': 'Job created',
  'job.upload': 'File uploaded',
  'job.parse': 'Parse started',
  'job.reparse': 'Re-parse started',
  'review.save': 'Review saved',
  apply: 'Applied to stock',
  'apply.refused': 'Apply refused',
  reverse: 'Reversed',
  'override.duplicate': 'Duplicate overridden',
  'override.negative-stock': 'Negative stock overridden',
  'item.create': 'Item created',
  'item.update': 'Item changed',
  'item.import': 'Items imported',
  'mapping.put': 'SKU mapping saved',
  'mapping.delete': 'SKU mapping deleted',
  'supplier.merge': 'Suppliers merged',
  'session.login': 'Logged in',
  'session.login-failed': 'Login failed',
  'session.logout': 'Logged out',
  'user.create': 'User created',
  'user.update': 'User changed',
  'token.create': 'API token created',
  'token.revoke': 'API token revoked',
};

/** The actions in the contract's order, for the filter (a test checks they are the contract's AUDIT_ACTIONS). */
export const AUDIT_ACTION_CHOICES = Object.keys(ACTION_WORDS) as AuditAction[];

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** "+3 SHF-1800, −2 GL-L": stock deltas as an operator reads them (a minus sign, not a hyphen). */
function deltasWords(change: Record<string, unknown>): string {
  const deltas = list(change.deltas) as { sku?: unknown; quantity?: unknown }[];
  const shown = deltas.slice(0, 5).map((delta) => {
    const quantity = str(delta.quantity) ?? '?';
    return `${quantity.startsWith('-') ? `−${quantity.slice(1)}` : `+${quantity}`} ${str(delta.sku) ?? '?'}`;
  });
  const total = typeof change.deltaCount === 'number' ? change.deltaCount : deltas.length;
  if (total === 0) return 'no stock change';
  return `${shown.join(', ')}${total > shown.length ? `, and ${total - shown.length} more` : ''}`;
}

/**
 * A short human summary of what an entry changed. The change itself stays available in full (the CSV export
 * carries it as JSON); this is the line a person scans down the trail.
 */
export function auditSummary(entry: Pick<AuditEntry, 'action' | 'change'>): string {
  const change = entry.change;
  switch (entry.action) {
    case 'job.create':
    case 'job.upload':
      return str(change.fileName) ?? '';
    case 'job.parse':
    case 'job.reparse':
      return change.attempt === undefined ? '' : `attempt ${str(change.attempt)}`;
    case 'review.save': {
      if (change.changesTruncated === true) {
        return `revision ${str(change.revision)}: ${plural(Number(change.correctionCount ?? 0), 'correction')}, ${plural(Number(change.addedLineCount ?? 0), 'added line')}`;
      }
      const parts = [plural(list(change.corrections).length, 'correction')];
      if (list(change.addedLines).length > 0) parts.push(plural(list(change.addedLines).length, 'added line'));
      if (change.header && typeof change.header === 'object') parts.push(`header: ${Object.keys(change.header).join(', ')}`);
      if (list(change.skuMappings).length > 0) parts.push(plural(list(change.skuMappings).length, 'SKU mapping'));
      return `revision ${str(change.revision)}: ${parts.join(', ')}`;
    }
    case 'apply':
      return `revision ${str(change.reviewRevision) ?? '?'}: ${deltasWords(change)}`;
    case 'reverse':
      return deltasWords(change);
    case 'apply.refused':
      return `${str(change.code) ?? ''}${change.message ? `: ${str(change.message)}` : ''}`;
    case 'override.duplicate':
      return 'applied although an earlier job applied the same invoice';
    case 'override.negative-stock':
      return 'reversed although stock went below zero';
    case 'item.create':
      return `${str(change.sku) ?? ''} “${str(change.name) ?? ''}”`;
    case 'item.update':
      return `${str(change.sku) ?? ''}: ${list(change.fields).map(String).join(', ') || 'no field'}`;
    case 'item.import':
      return `${str(change.created) ?? 0} created, ${str(change.updated) ?? 0} updated`;
    case 'mapping.put':
    case 'mapping.delete':
      return `${str(change.supplierKey) ?? ''}: ${str(change.supplierSku) ?? ''}${change.inventorySku ? ` → ${str(change.inventorySku)}` : ''}`;
    case 'supplier.merge':
      return `${str(change.from) ?? ''} into ${str(change.into) ?? ''}`;
    case 'session.login':
    case 'session.logout':
      return '';
    case 'session.login-failed':
      return str(change.reason) ?? '';
    case 'user.create':
      return `${str(change.username) ?? ''} as ${str(change.role) ?? ''}${change.setup === true ? ' (first administrator)' : ''}`;
    case 'user.update': {
      const parts = list(change.fields).map((field) => {
        if (field === 'role') return `role ${str(change.previousRole) ?? '?'} → ${str(change.role) ?? '?'}`;
        if (field === 'disabled') return change.disabled === true ? 'disabled' : 'enabled';
        if (field === 'password') return 'new password';
        return String(field);
      });
      return `${str(change.username) ?? ''}: ${parts.join(', ')}`;
    }
    case 'token.create':
      return `${str(change.name) ?? ''} (${str(change.role) ?? ''})`;
    case 'token.revoke':
      return str(change.name) ?? '';
  }
}
