import { createToken, createUser, listTokens, principalOfToken, revokeToken, updateUser, type AuditContext } from '@invoice/inventory';
import type { Principal } from '@invoice/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountsFixture, ADMIN_CONTEXT, codeOf, type AccountsFixture } from './account-fixture';

const PASSWORD = 'correct horse battery';
const ANA: Principal = { username: 'ana', role: 'approver', via: 'session', expiresAt: '2026-12-01T22:00:00.000Z' };
const ANA_CONTEXT: AuditContext = { actor: { user: 'ana', role: 'approver' }, requestId: 'req-ana' };

describe('API tokens', () => {
  let fixture: AccountsFixture;
  beforeEach(async () => {
    fixture = accountsFixture();
    await createUser(fixture.deps, ADMIN_CONTEXT, { username: 'root', role: 'admin', password: PASSWORD });
    await createUser(fixture.deps, ADMIN_CONTEXT, { username: 'ana', role: 'approver', password: PASSWORD });
  });
  afterEach(() => fixture.close());

  it('are shown once, act as their creator in their own role, and are listed without the token', async () => {
    const { token, apiToken } = await createToken(fixture.deps, ANA_CONTEXT, ANA, { name: 'nightly-export', role: 'clerk' });

    expect(token).toMatch(/^inv_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toEqual({ name: 'nightly-export', role: 'clerk', username: 'ana', createdAt: '2026-12-01T10:00:00.000Z', lastUsedAt: null });
    expect(await principalOfToken(fixture.deps, token)).toEqual({ username: 'ana', role: 'clerk', via: 'token', tokenName: 'nightly-export', expiresAt: null });
    expect(await listTokens(fixture.deps)).toEqual([{ ...apiToken, lastUsedAt: '2026-12-01T10:00:00.000Z' }]);
    const created = (await fixture.trail()).find((entry) => entry.action === 'token.create');
    expect(created).toMatchObject({ actor: { user: 'ana', role: 'approver' }, change: { name: 'nightly-export', role: 'clerk', username: 'ana' } });
    expect(JSON.stringify(await fixture.trail())).not.toContain(token.slice(4));
  });

  it('cannot be made in a role above their creator’s (ROLE_ABOVE_OWN), nor twice under one name (TOKEN_EXISTS)', async () => {
    expect(await codeOf(createToken(fixture.deps, ANA_CONTEXT, ANA, { name: 'too-high', role: 'admin' }))).toBe('ROLE_ABOVE_OWN');
    await createToken(fixture.deps, ANA_CONTEXT, ANA, { name: 'backup', role: 'approver' });

    expect(await codeOf(createToken(fixture.deps, ANA_CONTEXT, ANA, { name: 'backup', role: 'viewer' }))).toBe('TOKEN_EXISTS');
    expect((await listTokens(fixture.deps)).map((each) => each.name)).toEqual(['backup']);
  });

  it('stop working when revoked; revoking an unknown name is TOKEN_NOT_FOUND', async () => {
    const { token } = await createToken(fixture.deps, ANA_CONTEXT, ANA, { name: 'backup', role: 'viewer' });

    await revokeToken(fixture.deps, ADMIN_CONTEXT, 'backup');

    expect(await codeOf(principalOfToken(fixture.deps, token))).toBe('UNAUTHENTICATED');
    expect(await codeOf(revokeToken(fixture.deps, ADMIN_CONTEXT, 'backup'))).toBe('TOKEN_NOT_FOUND');
    expect((await fixture.trail()).filter((entry) => entry.action === 'token.revoke').map((entry) => entry.change)).toEqual([{ name: 'backup' }]);
    expect(await codeOf(principalOfToken(fixture.deps, 'inv_never-issued'))).toBe('UNAUTHENTICATED');
  });

  it('follow their creator: demoted with them, refused once they are disabled', async () => {
    const { token } = await createToken(fixture.deps, ANA_CONTEXT, ANA, { name: 'backup', role: 'approver' });

    await updateUser(fixture.deps, ADMIN_CONTEXT, 'ana', { role: 'viewer' });
    expect((await principalOfToken(fixture.deps, token)).role).toBe('viewer');

    await updateUser(fixture.deps, ADMIN_CONTEXT, 'ana', { disabled: true });
    expect(await codeOf(principalOfToken(fixture.deps, token))).toBe('UNAUTHENTICATED');
  });

  it('note their last use at most once a minute', async () => {
    const { token } = await createToken(fixture.deps, ANA_CONTEXT, ANA, { name: 'backup', role: 'viewer' });
    const lastUsed = async (): Promise<string | null> => (await listTokens(fixture.deps))[0]!.lastUsedAt;

    await principalOfToken(fixture.deps, token);
    fixture.clock.advanceSeconds(59);
    await principalOfToken(fixture.deps, token);
    expect(await lastUsed()).toBe('2026-12-01T10:00:00.000Z');

    fixture.clock.advanceSeconds(1);
    await principalOfToken(fixture.deps, token);
    expect(await lastUsed()).toBe('2026-12-01T10:01:00.000Z');
  });
});
