import { AdminListGroupsForUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoJwtAuthenticator } from '../../src/adapters/aws/cognito-jwt-authenticator';
import { CognitoUserAdmin } from '../../src/adapters/aws/cognito-user-admin';
import { loadConfig, resolveCognitoSettings } from '../../src/config';
import { createCognitoTestPool, type CognitoTestPool } from './support/cognito-tokens';
import { codeOf } from '../support/domain-error-code';

/** `npm run user -- …` in AWS mode, against moto's cognito-idp: what an administrator does is what signs in. */
const PASSWORD = 'a long enough passphrase';

describe('CognitoUserAdmin', () => {
  let pool: CognitoTestPool;
  let admin: CognitoUserAdmin;
  let authenticator: CognitoJwtAuthenticator;

  beforeAll(async () => {
    pool = await createCognitoTestPool();
    const settings = resolveCognitoSettings(loadConfig({ STORAGE: 'aws', ...pool.env }).aws);
    authenticator = new CognitoJwtAuthenticator(settings);
  });

  beforeEach(() => {
    // Fresh per test, from the same settings the command line reads.
    admin = CognitoUserAdmin.fromSettings(resolveCognitoSettings(loadConfig({ STORAGE: 'aws', ...pool.env }).aws));
  });

  afterEach(async () => {
    await admin.close();
  });

  afterAll(async () => {
    await pool?.cleanup();
  });

  async function signIn(username: string, password = PASSWORD): Promise<string> {
    const { AuthenticationResult } = await pool.client.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    return `Bearer ${AuthenticationResult?.IdToken}`;
  }

  const roleOf = async (username: string): Promise<string | undefined> => (await authenticator.principalOf(await signIn(username))).role;

  describe('add', () => {
    it('creates a user (lower-cased) with a permanent password in its role group, who can sign in with that role', async () => {
      const view = await admin.add('Clara', 'clerk', PASSWORD);

      expect(view).toMatchObject({ username: 'clara', role: 'clerk', disabled: false });
      expect(await authenticator.principalOf(await signIn('clara'))).toMatchObject({ username: 'clara', role: 'clerk', via: 'jwt' });
    });

    it('throws USER_EXISTS for a name taken, in any case', async () => {
      await admin.add('dora', 'viewer', PASSWORD);

      expect(await codeOf(admin.add('Dora', 'admin', PASSWORD))).toBe('USER_EXISTS');
      expect(await roleOf('dora')).toBe('viewer');
    });

    it('throws WEAK_PASSWORD for fewer than 12 characters, and leaves no user behind', async () => {
      expect(await codeOf(admin.add('eve', 'viewer', 'short-pass'))).toBe('WEAK_PASSWORD');
      expect((await admin.list()).map((user) => user.username)).not.toContain('eve');
    });

    it('throws VALIDATION_FAILED for a name a principal cannot carry', async () => {
      expect(await codeOf(admin.add('bad name', 'viewer', PASSWORD))).toBe('VALIDATION_FAILED');
    });
  });

  describe('list', () => {
    it('lists every user with a role, by name, with state; a pool user in no role group is left out until set-role', async () => {
      await admin.add('fred', 'approver', PASSWORD);
      await pool.signIn('no-group', []);

      const users = await admin.list();

      expect(users.find((user) => user.username === 'fred')).toEqual({
        username: 'fred',
        role: 'approver',
        disabled: false,
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
        lockedUntil: null,
      });
      expect(users.map((user) => user.username)).not.toContain('no-group');
      expect(users.map((user) => user.username)).toEqual([...users.map((user) => user.username)].sort((a, b) => a.localeCompare(b)));
      expect(await codeOf(admin.disable('no-group'))).toBe('USER_NOT_FOUND');

      expect(await admin.setRole('no-group', 'viewer')).toMatchObject({ username: 'no-group', role: 'viewer' });
      expect((await admin.list()).map((user) => user.username)).toContain('no-group');
    });
  });

  describe('setRole', () => {
    it('moves the user to the one new role group', async () => {
      await admin.add('gina', 'clerk', PASSWORD);

      expect(await admin.setRole('Gina', 'approver')).toMatchObject({ username: 'gina', role: 'approver' });

      const { Groups } = await pool.client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.userPoolId, Username: 'gina' }));
      expect(Groups?.map((group) => group.GroupName)).toEqual(['approver']);
      expect(await roleOf('gina')).toBe('approver');
    });

    it('throws USER_NOT_FOUND for an unknown user', async () => {
      expect(await codeOf(admin.setRole('nobody', 'viewer'))).toBe('USER_NOT_FOUND');
    });
  });

  describe('the last admin', () => {
    it('is neither demoted nor disabled while no other enabled admin exists, and may be once one does', async () => {
      const fresh = await createCognitoTestPool();
      const own = CognitoUserAdmin.fromSettings(resolveCognitoSettings(loadConfig({ STORAGE: 'aws', ...fresh.env }).aws));
      try {
        await own.add('root', 'admin', PASSWORD);
        expect(await codeOf(own.setRole('root', 'approver'))).toBe('LAST_ADMIN');
        expect(await codeOf(own.disable('root'))).toBe('LAST_ADMIN');

        await own.add('second', 'admin', PASSWORD);
        await own.disable('second');
        expect(await codeOf(own.disable('root'))).toBe('LAST_ADMIN');

        await own.enable('second');
        await own.setRole('root', 'approver');
        expect((await own.list()).map((user) => [user.username, user.role])).toEqual([
          ['root', 'approver'],
          ['second', 'admin'],
        ]);
      } finally {
        await own.close();
        await fresh.cleanup();
      }
    });
  });

  describe('disable and enable', () => {
    it('stops and restores sign-in', async () => {
      await admin.add('hank', 'viewer', PASSWORD);

      expect(await admin.disable('hank')).toMatchObject({ username: 'hank', disabled: true });
      expect((await admin.list()).find((user) => user.username === 'hank')?.disabled).toBe(true);
      await expect(signIn('hank')).rejects.toThrow(/disabled/i);

      expect(await admin.enable('hank')).toMatchObject({ username: 'hank', disabled: false });
      expect(await roleOf('hank')).toBe('viewer');
    });
  });

  describe('setPassword', () => {
    it('replaces the password: the old one stops, the new one signs in', async () => {
      await admin.add('ivy', 'viewer', PASSWORD);

      await admin.setPassword('ivy', 'another long passphrase');

      await expect(signIn('ivy')).rejects.toThrow();
      expect(await authenticator.principalOf(await signIn('ivy', 'another long passphrase'))).toMatchObject({ username: 'ivy' });
    });

    it('throws WEAK_PASSWORD before asking Cognito', async () => {
      await admin.add('jack', 'viewer', PASSWORD);

      expect(await codeOf(admin.setPassword('jack', 'too short'))).toBe('WEAK_PASSWORD');
      expect(await roleOf('jack')).toBe('viewer');
    });
  });
});
