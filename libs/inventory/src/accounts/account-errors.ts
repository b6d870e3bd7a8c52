import { DomainError } from '../errors';

/** One message for an unknown user, a wrong password and a disabled user alike, so none of them can be told apart. */
export function invalidCredentials(): DomainError {
  return new DomainError('INVALID_CREDENTIALS', 'The user name or the password is wrong.');
}

/** A credential that is present but not accepted; `reason` says which, in words safe to show to the caller. */
export function unauthenticated(reason: string): DomainError {
  return new DomainError('UNAUTHENTICATED', reason);
}

export function userNotFound(username: string): DomainError {
  return new DomainError('USER_NOT_FOUND', `There is no user named ${username}.`, { username });
}
