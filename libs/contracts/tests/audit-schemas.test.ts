import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, isAuditAction } from '../src/audit-actions';
import { validate } from '../src/validate';

const entry = {
  id: '00000000-0000-4000-8000-000000000001',
  at: '2026-12-01T10:00:00.000Z',
  actor: { user: null, role: null },
  requestId: 'req-1',
  jobId: null,
  action: 'apply',
  change: { deltas: [{ sku: 'A', quantity: '1.5' }] },
};

describe('audit-entry', () => {
  it('accepts an entry with no actor and no job yet', () => {
    expect(validate('audit-entry', entry).ok).toBe(true);
    expect(validate('audit-entry', { ...entry, actor: { user: 'ana', role: 'approver' }, jobId: '00000000-0000-4000-8000-00000000000a' }).ok).toBe(true);
  });

  it.each([
    ['an unknown action', { action: 'job.delete' }],
    ['a time without three fraction digits, which would not sort as text', { at: '2026-12-01T10:00:00Z' }],
    ['an empty user', { actor: { user: '', role: null } }],
    ['a change that is not an object', { change: [1] }],
    ['a job id that is not one', { jobId: 'job-1' }],
  ])('refuses %s', (_, fields) => {
    expect(validate('audit-entry', { ...entry, ...fields }).ok).toBe(false);
  });
});

describe('AUDIT_ACTIONS', () => {
  it('lists every action of issue 15 once, in the schema enum order', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(['apply', 'apply.refused', 'override.negative-stock', 'session.login-failed', 'token.revoke']));
    expect(AUDIT_ACTIONS).toHaveLength(23);
  });

  it('tells an action from any other value', () => {
    expect(isAuditAction('review.save')).toBe(true);
    expect(isAuditAction('review')).toBe(false);
    expect(isAuditAction(undefined)).toBe(false);
  });
});
