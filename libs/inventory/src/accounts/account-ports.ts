import type { AccountStore } from '../ports/account-store.port';
import type { Secrets } from '../ports/secrets.port';
import type { InventoryPorts } from '../use-cases/deps';

/** What the account use cases need: the store and the crypto of local mode, and the trail with its time and ids. */
export type AccountPorts = Pick<InventoryPorts, 'audit' | 'clock' | 'newId'> & { accounts: AccountStore; secrets: Secrets };

/** A login lasts a working day; after that the browser asks for the password again. */
export const SESSION_SECONDS = 12 * 60 * 60;

/** The cookie that carries the session id (HttpOnly, SameSite=Strict, Path=/api: set by the HTTP layer). */
export const SESSION_COOKIE = 'invoice_session';

/** The prefix of every API token, so that a leaked one is recognisable in logs and by secret scanners. */
export const API_TOKEN_PREFIX = 'inv_';

/**
 * The name as stored: lower-cased, so 'Anna' and 'anna' are one user wherever a name comes in (login, setup,
 * the admin screens, the command line). The schema's Username pattern is ASCII, so lower-casing is exact.
 */
export function normaliseUsername(username: string): string {
  return username.toLowerCase();
}
