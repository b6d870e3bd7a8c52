import type { AccountStore } from '../ports/account-store.port';
import { NO_FAILURES, type LoginFailures } from './login-throttle';

/** Names remembered at most, per store; the oldest is forgotten first, so a flood of made-up names stays bounded. */
export const MAX_REMEMBERED_UNKNOWN_NAMES = 10_000;

/**
 * Failed logins under names that are no user, kept in memory beside the store. They follow the same rule as a
 * real user's (login-throttle.ts), so that LOGIN_THROTTLED after a few wrong guesses does not tell that a name
 * exists. Memory, not the store: unknown names are whatever a guesser types, and must not fill the database.
 */
const byStore = new WeakMap<AccountStore, Map<string, LoginFailures>>();

function namesOf(store: AccountStore): Map<string, LoginFailures> {
  let names = byStore.get(store);
  if (names === undefined) {
    names = new Map();
    byStore.set(store, names);
  }
  return names;
}

export function unknownNameFailures(store: AccountStore, username: string): LoginFailures {
  return namesOf(store).get(username) ?? NO_FAILURES;
}

export function rememberUnknownNameFailures(store: AccountStore, username: string, failures: LoginFailures): void {
  const names = namesOf(store);
  names.delete(username); // re-inserted last: the map's order is the order of last failure
  names.set(username, failures);
  if (names.size > MAX_REMEMBERED_UNKNOWN_NAMES) names.delete(names.keys().next().value as string);
}
