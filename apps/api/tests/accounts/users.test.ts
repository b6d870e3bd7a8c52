import { createUser, listUsers, logIn, updateUser } from '@invoice/inventory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountsFixture, ADMIN_CONTEXT, ANONYMOUS, codeOf, type AccountsFixture } from './account-fixture';

const PASSWORD = 'correct horse battery';

describe('createUser, updateUser and listUsers', () => {
  let fixture: AccountsFixture;
  beforeEach(async () => {
    fixture = accountsFixture();
    await createUser(fixture.deps, ADMIN_CONTEXT, { username: 'root', role: 'admin', password: PASSWORD });
  });
  afterEach(() => fixture.close());

  it('adds a user under the lower-cased name, records it without the password, and lists users by name', async () => {
    const account = await createUser(fixture.deps, ADMIN_CONTEXT, { username: 'Clerk.Cleo@example.com', role: 'clerk', password: PASSWORD });

    expect(account).toMatchObject({ username: 'clerk.cleo@example.com', role: 'clerk', disabled: false, lockedUntil: null });
    expect((await listUsers(fixture.deps)).map((user) => `${user.username}:${user.role}`)).toEqual(['clerk.cleo@example.com:clerk', 'root:admin']);
    const created = (await fixture.trail()).filter((entry) => entry.action === 'user.create').map((entry) => entry.change);
    expect(created).toContainEqual({ username: 'clerk.cleo@example.com', role: 'clerk' });
    expect(JSON.stringify(await fixture.trail())).not.toMatch(/correct horse|scrypt\$/);
  });

  it('refuses a taken name in any case (USER_EXISTS) and a short password (WEAK_PASSWORD)', async () => {
    expect(await codeOf(createUser(fixture.deps, ADMIN_CONTEXT, { username: 'ROOT', role: 'clerk', password: PASSWORD }))).toBe('USER_EXISTS');
    expect(await codeOf(createUser(fixture.deps, ADMIN_CONTEXT, { username: 'bob', role: 'clerk', password: 'eleven char' }))).toBe('WEAK_PASSWORD');
    expect(await listUsers(fixture.deps)).toHaveLength(1);
  });

  it('changes role, disabled and password, recording the fields but never the password', async () => {
    await createUser(fixture.deps, ADMIN_CONTEXT, { username: 'ana', role: 'clerk', password: PASSWORD });
    fixture.clock.advanceSeconds(60);

    const account = await updateUser(fixture.deps, ADMIN_CONTEXT, 'Ana', { role: 'approver', password: 'another long passphrase' });

    expect(account).toMatchObject({ username: 'ana', role: 'approver', updatedAt: '2026-12-01T10:01:00.000Z' });
    expect(await codeOf(logIn(fixture.deps, ANONYMOUS, { username: 'ana', password: PASSWORD }))).toBe('INVALID_CREDENTIALS');
    expect((await logIn(fixture.deps, ANONYMOUS, { username: 'ana', password: 'another long passphrase' })).principal.role).toBe('approver');
    const update = (await fixture.trail()).find((entry) => entry.action === 'user.update');
    expect(update).toMatchObject({
      actor: { user: 'root', role: 'admin' },
      change: { username: 'ana', fields: ['role', 'password'], role: 'approver', previousRole: 'clerk', sessionsEnded: 0 },
    });
    expect(JSON.stringify(await fixture.trail())).not.toMatch(/another long passphrase|scrypt\$/);
  });

  it('refuses an unknown user (USER_NOT_FOUND) and a short new password (WEAK_PASSWORD)', async () => {
    expect(await codeOf(updateUser(fixture.deps, ADMIN_CONTEXT, 'nobody', { disabled: true }))).toBe('USER_NOT_FOUND');
    expect(await codeOf(updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { password: 'too short' }))).toBe('WEAK_PASSWORD');
  });

  it('keeps an enabled admin: the last one cannot be demoted or disabled (LAST_ADMIN), one of two can', async () => {
    expect(await codeOf(updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { role: 'approver' }))).toBe('LAST_ADMIN');
    expect(await codeOf(updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { disabled: true }))).toBe('LAST_ADMIN');
    await createUser(fixture.deps, ADMIN_CONTEXT, { username: 'deputy', role: 'admin', password: PASSWORD });
    await updateUser(fixture.deps, ADMIN_CONTEXT, 'deputy', { disabled: true });
    expect(await codeOf(updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { role: 'clerk' }))).toBe('LAST_ADMIN');

    await updateUser(fixture.deps, ADMIN_CONTEXT, 'deputy', { disabled: false });
    await updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { role: 'clerk' });

    expect((await listUsers(fixture.deps)).map((user) => `${user.username}:${user.role}:${user.disabled}`)).toEqual(['deputy:admin:false', 'root:clerk:false']);
  });

  it('records nothing when nothing changes', async () => {
    await updateUser(fixture.deps, ADMIN_CONTEXT, 'root', { role: 'admin', disabled: false });

    expect((await fixture.trail()).filter((entry) => entry.action === 'user.update')).toEqual([]);
  });
});
