import type { Role } from '@invoice/contracts';
import { ROLES } from '@invoice/inventory';
import { describe, expect, it } from 'vitest';
import { allowedActions, LEAST_ROLE, may, roleNeededWords, ROLE_CHOICES } from '../src/session/permissions';

describe('may', () => {
  it("follows issue 15's table: viewer reads; clerk uploads, parses and saves; approver applies and reverses; admin keeps the rest", () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, allowedActions(role)]));

    expect(table).toEqual({
      viewer: ['read'],
      clerk: ['read', 'upload', 'parse', 'saveReview'],
      approver: ['read', 'upload', 'parse', 'saveReview', 'apply', 'reverse'],
      admin: ['read', 'upload', 'parse', 'saveReview', 'apply', 'reverse', 'editCatalogue', 'editMappings', 'manageAccounts', 'auditScreen'],
    });
  });

  it('gives each role everything the roles below it may do, in the domain order', () => {
    expect(ROLE_CHOICES).toEqual(ROLES);
    for (const [index, role] of ROLES.entries()) {
      for (const lower of ROLES.slice(0, index)) {
        expect(allowedActions(lower).every((action) => may(role, action))).toBe(true);
      }
    }
    expect(new Set(Object.values(LEAST_ROLE))).toEqual(new Set<Role>(ROLES));
  });

  it('says which role an action needs and which the user has', () => {
    expect(roleNeededWords('clerk', 'apply')).toBe('needs the approver role (you are a clerk)');
    expect(roleNeededWords('approver', 'auditScreen')).toBe('needs the admin role (you are an approver)');
  });
});
