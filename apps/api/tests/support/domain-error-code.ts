import { isDomainError } from '@invoice/inventory';

/**
 * The code of the DomainError the promise rejects with, or 'no error' when it resolves; any other failure is
 * thrown on, so a test comparing codes fails on it rather than passing by accident.
 */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'no error';
}
