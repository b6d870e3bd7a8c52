import type { Role } from '@invoice/contracts';

/** The roles from least to most: each may do everything the ones before it may (issue 15's table). */
export const ROLES: readonly Role[] = ['viewer', 'clerk', 'approver', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a user holding `held` may do what needs `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/**
 * The role a set of group names gives (Cognito's `cognito:groups`): the highest group named after a role;
 * null when none is, so a user in no known group is refused rather than given the least role by default.
 */
export function roleOfGroups(groups: readonly string[]): Role | null {
  let best: Role | null = null;
  for (const group of groups) {
    if (isRole(group) && (best === null || roleAllows(group, best))) best = group;
  }
  return best;
}
