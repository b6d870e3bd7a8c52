import { createUser, LOCK_AFTER_FAILURES, LOCK_SECONDS, logIn, logOut, principalOfSession, SESSION_SECONDS, setupAdministrator, updateUser, listUsers, type Secrets } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountsFixture, ADMIN_CONTEXT, ANONYMOUS, codeOf, type AccountsFixture } from './account-fixture';

const PASSWORD = 'correct horse battery';

describe('setupAdministrator', () => {
  let fixture: AccountsFixture;
  beforeEach(() => {
    fixture = accountsFixture();
  });
  afterEach(() => fixture.close());

  it('creates the first user as admin, lower-cased, and records it without the password', async () => {
    const account = await setupAdministrator(fixture.deps, ANONYMOUS, { username: 'Root', password: PASSWORD });

    expect(account).toEqual({ username: 'root', role: 'admin', disabled: false, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', lockedUntil: null });
    const [entry] = await fixture.trail();
    expect(entry).toMatchObject({ action: 'user.create', actor: { user: 'root', role: null }, requestId: 'req-anonymous', change: { username: 'root', role: 'admin', setup: true } });
    expect(JSON.stringify(await fixture.trail())).not.toContain(PASSWORD);
  });

  it('refuses a second setup with SETUP_ALREADY_DONE, and a short password with WEAK_PASSWORD', async () => {
    expect(await codeOf(setupAdministrator(fixture.deps, ANONYMOUS, { username: 'root', password: 'short' }))).toBe('WEAK_PASSWORD');
    await setupAdministrator(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD });

    expect(await codeOf(setupAdministrator(fixture.deps, ANONYMOUS, { username: 'other', password: PASSWORD }))).toBe('SETUP_ALREADY_DONE');
    expect((await listUsers(fixture.deps)).map((user) => user.username)).toEqual(['root']);
  });
});

describe('logIn, principalOfSession and logOut', () => {
  let fixture: AccountsFixture;
  beforeEach(async () => {
    fixture = accountsFixture();
    await setupAdministrator(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD });
  });
  afterEach(() => fixture.close());

  it('opens a session for the right password, whatever the case of the name, for a working day', async () => {
    const { sessionId, principal } = await logIn(fixture.deps, ANONYMOUS, { username: 'ROOT', password: PASSWORD });

    const expiresAt = new Date(Date.parse('2026-12-01T10:00:00.000Z') + SESSION_SECONDS * 1000).toISOString();
    expect(principal).toEqual({ username: 'root', role: 'admin', via: 'session', expiresAt });
    expect(await principalOfSession(fixture.deps, sessionId)).toEqual(principal);
    const login = (await fixture.trail()).find((entry) => entry.action === 'session.login');
    expect(login).toMatchObject({ actor: { user: 'root', role: 'admin' }, change: { expiresAt } });
    expect(JSON.stringify(await fixture.trail())).not.toContain(sessionId);
  });

  it('refuses an unknown name and a wrong password alike with INVALID_CREDENTIALS, recording each without the password', async () => {
    expect(await codeOf(logIn(fixture.deps, ANONYMOUS, { username: 'nobody', password: PASSWORD }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(logIn(fixture.deps, ANONYMOUS, { username: 'root', password: 'wrong password!' }))).toBe('INVALID_CREDENTIALS');

    const failed = (await fixture.trail()).filter((entry) => entry.action === 'session.login-failed');
    expect(failed.map((entry) => entry.actor).sort((a, b) => String(a.user).localeCompare(String(b.user)))).toEqual([
      { user: 'nobody', role: null },
      { user: 'root', role: null },
    ]);
    expect(JSON.stringify(await fixture.trail())).not.toContain('wrong password!');
  });

  it('refuses a disabled user even with the right password, and ends the session they had', async () => {
    await setupSecondAdmin(fixture);
    const { sessionId } = await logIn(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD });

    await updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { disabled: true });

    expect(await codeOf(logIn(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(principalOfSession(fixture.deps, sessionId))).toBe('UNAUTHENTICATED');
  });

  it('checks an unknown name against a hash as slow as a real one, so its answer takes as long', async () => {
    const counted = countingSecrets(fixture.deps.secrets);
    const deps = { ...fixture.deps, secrets: counted.secrets };
    await codeOf(logIn(deps, ANONYMOUS, { username: 'nobody', password: PASSWORD })); // makes the dummy hash once

    const time = async (username: string): Promise<number> => {
      fixture.clock.advanceSeconds(60); // past any throttling wait: every attempt is checked
      const started = performance.now();
      await codeOf(logIn(deps, ANONYMOUS, { username, password: 'wrong password!' }));
      return performance.now() - started;
    };
    const unknown = [await time('nobody'), await time('nobody'), await time('nobody')].sort((a, b) => a - b)[1]!;
    const known = [await time('root'), await time('root'), await time('root')].sort((a, b) => a - b)[1]!;

    expect(counted.verifications).toBe(7);
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it('throttles a name that is no user as it throttles a real one, so the throttle does not tell either', async () => {
    const attempts = async (username: string): Promise<string[]> => {
      const codes: string[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) codes.push(await codeOf(logIn(fixture.deps, ANONYMOUS, { username, password: 'wrong password!' })));
      return codes;
    };

    const expected = ['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'LOGIN_THROTTLED'];
    expect(await attempts('nobody')).toEqual(expected);
    expect(await attempts('root')).toEqual(expected);
  });

  it('ends the session on logout, records it, and then refuses the session id', async () => {
    const { sessionId } = await logIn(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD });

    await logOut(fixture.deps, ADMIN_CONTEXT, sessionId);
    await logOut(fixture.deps, ADMIN_CONTEXT, sessionId);

    expect(await codeOf(principalOfSession(fixture.deps, sessionId))).toBe('UNAUTHENTICATED');
    expect((await fixture.trail()).filter((entry) => entry.action === 'session.logout')).toHaveLength(1);
  });

  it('refuses a session after SESSION_SECONDS, and an id never issued', async () => {
    const { sessionId } = await logIn(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD });

    fixture.clock.advanceSeconds(SESSION_SECONDS - 1);
    expect((await principalOfSession(fixture.deps, sessionId)).username).toBe('root');
    fixture.clock.advanceSeconds(1);
    expect(await codeOf(principalOfSession(fixture.deps, sessionId))).toBe('UNAUTHENTICATED');
    expect(await codeOf(principalOfSession(fixture.deps, 'made-up'))).toBe('UNAUTHENTICATED');
  });

  it('ends a session when the role changes, so the new role holds from the next request', async () => {
    await setupSecondAdmin(fixture);
    const { sessionId } = await logIn(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD });

    await updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { role: 'viewer' });

    expect(await codeOf(principalOfSession(fixture.deps, sessionId))).toBe('UNAUTHENTICATED');
    expect((await logIn(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD })).principal.role).toBe('viewer');
  });
});

describe('failed logins in a row', () => {
  let fixture: AccountsFixture;
  beforeEach(async () => {
    fixture = accountsFixture();
    await setupAdministrator(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD });
    await setupSecondAdmin(fixture);
  });
  afterEach(() => fixture.close());

  const wrong = (): Promise<string> => codeOf(logIn(fixture.deps, ANONYMOUS, { username: 'root', password: 'wrong password!' }));
  const right = (): Promise<string> => codeOf(logIn(fixture.deps, ANONYMOUS, { username: 'root', password: PASSWORD }));

  it('are free up to three, then make the next attempt wait, even one with the right password', async () => {
    expect([await wrong(), await wrong(), await wrong()]).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);

    expect(await right()).toBe('LOGIN_THROTTLED');
    fixture.clock.advanceSeconds(1);
    expect(await right()).toBe('no error');
    // A success forgets the failures: the next mistake is free again.
    expect([await wrong(), await right()]).toEqual(['INVALID_CREDENTIALS', 'no error']);
    const throttled = (await fixture.trail()).find((entry) => entry.change.reason === 'LOGIN_THROTTLED');
    expect(throttled).toMatchObject({ action: 'session.login-failed', actor: { user: 'root', role: null } });
  });

  it(`lock the account after ${LOCK_AFTER_FAILURES}, until the lock ends or an admin sets a new password`, async () => {
    for (let attempt = 0; attempt < LOCK_AFTER_FAILURES; attempt += 1) {
      expect(await wrong()).toBe('INVALID_CREDENTIALS');
      fixture.clock.advanceSeconds(30);
    }

    expect(await right()).toBe('ACCOUNT_LOCKED');
    const root = (await listUsers(fixture.deps)).find((user) => user.username === 'root');
    expect(root?.lockedUntil).not.toBeNull();

    fixture.clock.advanceSeconds(LOCK_SECONDS);
    expect(await right()).toBe('no error');
  });

  it('are cleared by a new password set by an admin, which unlocks the account at once', async () => {
    for (let attempt = 0; attempt < LOCK_AFTER_FAILURES; attempt += 1) {
      await wrong();
      fixture.clock.advanceSeconds(30);
    }
    expect(await right()).toBe('ACCOUNT_LOCKED');

    await updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { password: 'a brand new passphrase' });

    expect(await codeOf(logIn(fixture.deps, ANONYMOUS, { username: 'root', password: 'a brand new passphrase' }))).toBe('no error');
  });
});

async function setupSecondAdmin(fixture: AccountsFixture): Promise<void> {
  await createUser(fixture.deps, ADMIN_CONTEXT, { username: 'deputy', role: 'admin', password: PASSWORD });
}

/** The real Secrets, counting password checks. */
function countingSecrets(secrets: Secrets): { secrets: Secrets; readonly verifications: number } {
  let verifications = 0;
  return {
    secrets: {
      hashPassword: (password) => secrets.hashPassword(password),
      verifyPassword: (password, hash) => {
        verifications += 1;
        return secrets.verifyPassword(password, hash);
      },
      newSecret: () => secrets.newSecret(),
      digest: (secret) => secrets.digest(secret),
    },
    get verifications() {
      return verifications;
    },
  };
}
