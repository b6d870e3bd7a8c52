import { DomainError } from '../errors';

/** Issue 15: "at least 12 characters". Counted in code points, so a passphrase of accented letters counts right. */
export const MIN_PASSWORD_LENGTH = 12;

/** WEAK_PASSWORD unless the password is long enough. The schema bounds the upper end (1024). */
export function checkPasswordStrength(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new DomainError('WEAK_PASSWORD', `A password needs at least ${MIN_PASSWORD_LENGTH} characters; this one has ${length}.`, {
      minLength: MIN_PASSWORD_LENGTH,
    });
  }
}
