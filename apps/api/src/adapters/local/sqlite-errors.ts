import { DomainError } from '@invoice/inventory';
import { isSqliteUnavailable } from './sqlite-database';

/** Runs a database call, turning "the database is locked or unreadable" into STORAGE_UNAVAILABLE (503). */
export function translateSqliteErrors<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (isSqliteUnavailable(error)) {
      throw new DomainError('STORAGE_UNAVAILABLE', `The database did not answer: ${(error as Error).message}`, undefined, { cause: error });
    }
    throw error;
  }
}
