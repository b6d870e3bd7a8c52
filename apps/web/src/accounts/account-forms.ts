import { isUsername, type Role } from '@invoice/contracts';
import { roleAllows } from '@invoice/inventory';
import { newPasswordProblem } from '../session/login-words';
import { ROLE_CHOICES } from '../session/permissions';

export interface NewUserDraft {
  username: string;
  role: Role;
  password: string;
  confirmation: string;
}

export const EMPTY_USER: NewUserDraft = {
  username: '',
  role: 'clerk',
  password: '',
  confirmation: '',
};

export type UserProblems = Partial<Record<'username' | 'password' | 'confirmation', string>>;

export function checkNewUser(draft: NewUserDraft): UserProblems {
  const problems: UserProblems = {};
  if (!draft.username.trim()) problems.username = 'Enter a user name.';
  else if (!isUsername(draft.username.trim()))
    problems.username = 'Use letters, digits and . _ @ + - only, starting with a letter or digit (at most 128).';
  const password = newPasswordProblem(draft.password, null);
  if (password) problems.password = password;
  else if (draft.confirmation !== draft.password) problems.confirmation = 'The two passwords differ; type the same password twice.';
  return problems;
}

/** The schema's token name: what it is listed and revoked by. */
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function tokenNameProblem(name: string): string | null {
  if (!name.trim()) return 'Enter a name, e.g. nightly-import.';
  if (!TOKEN_NAME.test(name.trim())) return 'Use letters, digits and . _ - only, starting with a letter or digit (at most 64).';
  return null;
}

/** A token's role can be no higher than its creator's own (ROLE_ABOVE_OWN): the picker offers only those. */
export function tokenRoleChoices(own: Role): Role[] {
  return ROLE_CHOICES.filter((role) => roleAllows(own, role));
}
