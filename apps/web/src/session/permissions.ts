import type { Role } from '@invoice/contracts';
import { ROLES, roleAllows } from '@invoice/inventory';

/**
 * What the SPA offers, and the least role each needs: the API's route table (route-roles.ts) seen from the
 * screens. viewer reads; clerk also uploads, parses and saves reviews; approver also applies and reverses;
 * admin also keeps the catalogue, the mappings, the users and tokens, and reads the Audit screen.
 */
export const LEAST_ROLE = {
  read: 'viewer',
  upload: 'clerk',
  parse: 'clerk',
  saveReview: 'clerk',
  apply: 'approver',
  reverse: 'approver',
  editCatalogue: 'admin',
  editMappings: 'admin',
  manageAccounts: 'admin',
  auditScreen: 'admin',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof LEAST_ROLE;

/** Whether a user in `role` may do `action`; the role order is the domain's own (roleAllows). */
export function may(role: Role, action: Action): boolean {
  return roleAllows(role, LEAST_ROLE[action]);
}

/** Every action `role` may take, in the table's order. */
export function allowedActions(role: Role): Action[] {
  return (Object.keys(LEAST_ROLE) as Action[]).filter((action) => may(role, action));
}

/** The roles, least first, for pickers. */
export const ROLE_CHOICES: readonly Role[] = ROLES;

const ROLE_WORDS: Readonly<Record<Role, string>> = {
  viewer: 'viewer',
  clerk: 'clerk',
  approver: 'approver',
  admin: 'admin',
};

/** "needs the approver role (you are a clerk)": why an action is not offered. */
export function roleNeededWords(role: Role, action: Action): string {
  return `needs the ${ROLE_WORDS[LEAST_ROLE[action]]} role (you are ${role === 'admin' || role === 'approver' ? 'an' : 'a'} ${ROLE_WORDS[role]})`;
}
