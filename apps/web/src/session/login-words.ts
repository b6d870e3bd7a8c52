import { ApiError } from '../api/api-error';
import { errorInWords } from '../shared/error-words';
import { formatTimestamp } from '../shared/format';

/** Why a login was refused, in the words the login screen shows: the wait or the lock's end when there is one. */
export function loginProblem(error: unknown): {
  message: string;
  code: string;
} {
  if (error instanceof ApiError) {
    const details = error.details ?? {};
    if (error.code === 'INVALID_CREDENTIALS') return { message: 'Wrong user name or password.', code: error.code };
    if (error.code === 'LOGIN_THROTTLED' && typeof details.retryAfterSeconds === 'number') {
      const seconds = details.retryAfterSeconds;
      return {
        message: `Too many failed logins in a row: try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        code: error.code,
      };
    }
    if (error.code === 'ACCOUNT_LOCKED' && typeof details.lockedUntil === 'string') {
      return {
        message: `This account is locked until ${formatTimestamp(details.lockedUntil)} after repeated failed logins; an administrator can unlock it by setting a new password.`,
        code: error.code,
      };
    }
  }
  const words = errorInWords(error);
  return { message: words.summary, code: words.code };
}

/** Issue 15's password rule as the forms show it; the server checks it again (WEAK_PASSWORD). */
export const MIN_PASSWORD_CHARACTERS = 12;

/** What is wrong with a new password and its confirmation, or null; counted in characters, as the server does. */
export function newPasswordProblem(password: string, confirmation: string | null): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_CHARACTERS) return `The password needs at least ${MIN_PASSWORD_CHARACTERS} characters; this one has ${length}.`;
  if (confirmation !== null && confirmation !== password) return 'The two passwords differ; type the same password twice.';
  return null;
}
