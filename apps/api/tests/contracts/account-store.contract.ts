import { NO_FAILURES, type AccountStore, type StoredSession, type StoredToken, type StoredUser } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeOf } from '../support/domain-error-code';

export interface AccountStoreFixture {
  store: AccountStore;
  cleanup(): Promise<void>;
}

const AT = '2026-12-01T10:00:00.000Z';

function user(username: string, fields: Partial<StoredUser> = {}): StoredUser {
  return {
    username,
    role: 'clerk',
    passwordHash: `scrypt$32768$8$1$salt$hash-of-${username}`,
    disabled: false,
    createdAt: AT,
    updatedAt: AT,
    failures: NO_FAILURES,
    ...fields,
  };
}

function session(idDigest: string, username: string, expiresAt = '2026-12-01T22:00:00.000Z'): StoredSession {
  return { idDigest, username, createdAt: AT, expiresAt };
}

function token(name: string, fields: Partial<StoredToken> = {}): StoredToken {
  return { name, tokenDigest: `digest-of-${name}`, role: 'viewer', username: 'ana', createdAt: AT, lastUsedAt: null, ...fields };
}

/** What every AccountStore must do (SQLite; AWS mode keeps its users in Cognito instead). */
export function describeAccountStoreContract(name: string, factory: () => Promise<AccountStoreFixture>): void {
  describe(`${name} (AccountStore contract)`, () => {
    let fixture: AccountStoreFixture;
    let store: AccountStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('users', () => {
      it('gives back a user as written, and null for an unknown name', async () => {
        const written = user('ana', { role: 'admin', disabled: true, failures: { count: 4, blockedUntil: '2026-12-01T10:00:02.000Z' } });

        await store.createUser(written);

        expect(await store.getUser('ana')).toEqual(written);
        expect(await store.getUser('bob')).toBeNull();
      });

      it('refuses a second user of the same name with USER_EXISTS, in any case', async () => {
        await store.createUser(user('ana'));

        expect(await codeOf(store.createUser(user('ana', { role: 'admin' })))).toBe('USER_EXISTS');
        expect(await codeOf(store.createUser(user('ANA')))).toBe('USER_EXISTS');
        expect((await store.getUser('ana'))?.role).toBe('clerk');
      });

      it('lists users by name and counts them', async () => {
        for (const name of ['cleo', 'ana', 'bob']) await store.createUser(user(name));

        expect((await store.listUsers()).map((each) => each.username)).toEqual(['ana', 'bob', 'cleo']);
        expect(await store.countUsers()).toBe(3);
      });

      it('creates the first user with onlyIfFirst, and refuses any later one with SETUP_ALREADY_DONE', async () => {
        await store.createUser(user('ana', { role: 'admin' }), { onlyIfFirst: true });

        expect(await codeOf(store.createUser(user('bob', { role: 'admin' }), { onlyIfFirst: true }))).toBe('SETUP_ALREADY_DONE');
        expect(await store.countUsers()).toBe(1);
      });

      it('lets only one of two racing first-user creations win', async () => {
        const outcomes = await Promise.all([
          codeOf(store.createUser(user('ana', { role: 'admin' }), { onlyIfFirst: true })),
          codeOf(store.createUser(user('bob', { role: 'admin' }), { onlyIfFirst: true })),
        ]);

        expect(outcomes.sort()).toEqual(['SETUP_ALREADY_DONE', 'no error']);
        expect(await store.countUsers()).toBe(1);
      });

      it('writes only the fields given, and refuses an unknown user with USER_NOT_FOUND', async () => {
        await store.createUser(user('ana'));
        const later = '2026-12-01T11:00:00.000Z';

        await store.updateUser('ana', { role: 'approver', updatedAt: later });
        await store.updateUser('ana', { failures: { count: 10, blockedUntil: '2026-12-01T11:15:00.000Z' }, updatedAt: later });
        await store.updateUser('ana', { disabled: true, passwordHash: 'scrypt$new', updatedAt: later });

        expect(await store.getUser('ana')).toEqual(
          user('ana', {
            role: 'approver',
            disabled: true,
            passwordHash: 'scrypt$new',
            updatedAt: later,
            failures: { count: 10, blockedUntil: '2026-12-01T11:15:00.000Z' },
          }),
        );
        expect(await codeOf(store.updateUser('bob', { disabled: true, updatedAt: later }))).toBe('USER_NOT_FOUND');
      });

      it('clears failures back to none', async () => {
        await store.createUser(user('ana', { failures: { count: 3, blockedUntil: AT } }));

        await store.updateUser('ana', { failures: NO_FAILURES, updatedAt: AT });

        expect((await store.getUser('ana'))?.failures).toEqual(NO_FAILURES);
      });
    });

    describe('sessions', () => {
      beforeEach(async () => {
        await store.createUser(user('ana'));
        await store.createUser(user('bob'));
      });

      it('finds a session by its digest, and forgets it when deleted', async () => {
        await store.createSession(session('d1', 'ana'));

        expect(await store.getSession('d1')).toEqual(session('d1', 'ana'));
        expect(await store.getSession('d2')).toBeNull();
        await store.deleteSession('d1');
        await store.deleteSession('d1');
        expect(await store.getSession('d1')).toBeNull();
      });

      it("ends every session of one user, and no one else's", async () => {
        await store.createSession(session('d1', 'ana'));
        await store.createSession(session('d2', 'ana'));
        await store.createSession(session('d3', 'bob'));

        expect(await store.deleteSessionsOf('ana')).toBe(2);
        expect(await store.deleteSessionsOf('ana')).toBe(0);
        expect(await store.getSession('d1')).toBeNull();
        expect(await store.getSession('d3')).toEqual(session('d3', 'bob'));
      });

      it('drops the sessions that expired before the given time only', async () => {
        await store.createSession(session('old', 'ana', '2026-12-01T09:00:00.000Z'));
        await store.createSession(session('now', 'ana', AT));
        await store.createSession(session('new', 'bob', '2026-12-01T11:00:00.000Z'));

        expect(await store.deleteExpiredSessions(AT)).toBe(1);
        expect(await store.getSession('old')).toBeNull();
        expect(await store.getSession('now')).not.toBeNull();
        expect(await store.getSession('new')).not.toBeNull();
      });
    });

    describe('API tokens', () => {
      beforeEach(async () => {
        await store.createUser(user('ana', { role: 'admin' }));
      });

      it('finds a token by its digest, lists tokens by name', async () => {
        await store.createToken(token('nightly-export', { role: 'clerk' }));
        await store.createToken(token('backup'));

        expect(await store.getTokenByDigest('digest-of-nightly-export')).toEqual(token('nightly-export', { role: 'clerk' }));
        expect(await store.getTokenByDigest('digest-of-nothing')).toBeNull();
        expect((await store.listTokens()).map((each) => each.name)).toEqual(['backup', 'nightly-export']);
      });

      it('refuses a second token of the same name with TOKEN_EXISTS', async () => {
        await store.createToken(token('backup'));

        expect(await codeOf(store.createToken(token('backup', { tokenDigest: 'another-digest' })))).toBe('TOKEN_EXISTS');
        expect(await store.getTokenByDigest('another-digest')).toBeNull();
      });

      it('deletes a token by name, saying whether there was one', async () => {
        await store.createToken(token('backup'));

        expect(await store.deleteToken('backup')).toBe(true);
        expect(await store.deleteToken('backup')).toBe(false);
        expect(await store.getTokenByDigest('digest-of-backup')).toBeNull();
      });

      it('notes when a token was last used', async () => {
        await store.createToken(token('backup'));

        await store.touchToken('backup', '2026-12-01T10:05:00.000Z');

        expect((await store.getTokenByDigest('digest-of-backup'))?.lastUsedAt).toBe('2026-12-01T10:05:00.000Z');
      });
    });
  });
}
